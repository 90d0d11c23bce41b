// The capabilities document of a test node (host CPU, NUMA cells, security model, the i686
// hvm and xen guests), built with the capabilities model.
#pragma once

#include <string>

#include "drivers/test/test_state.h"
#include "util/result.h"

namespace nodevirt::drivers::test {

Result<std::string> formatTestCapabilities(const TestNode& node);

}  // namespace nodevirt::drivers::test
