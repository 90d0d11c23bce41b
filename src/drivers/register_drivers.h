// The one place where the connection drivers of this build are added to a Registry
// (explicitly, in the order they are tried; no static-initializer registration).
#pragma once

#include "driver/registry.h"

namespace nodevirt::drivers {

// Adds every in-process driver: test (test:///default, test:///PATH.xml).
void registerLocalDrivers(driver::Registry& registry);

}  // namespace nodevirt::drivers
