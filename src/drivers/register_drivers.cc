#include "drivers/register_drivers.h"

#include <memory>

#include "drivers/test/test_driver.h"

namespace nodevirt::drivers {

void registerLocalDrivers(driver::Registry& registry) {
    registry.add(std::make_unique<test::TestConnectionFactory>());
}

}  // namespace nodevirt::drivers
