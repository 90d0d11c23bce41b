// Kept apart from register_drivers.cc so that programs linking only the in-process drivers
// (the client library) do not pull in the QEMU driver.
#include <memory>

#include "drivers/qemu/driver/qemu_connection.h"
#include "drivers/register_drivers.h"
#include "util/logging.h"

namespace nodevirt::drivers {

void registerDaemonDrivers(driver::Registry& registry, const DaemonDriverOptions& options) {
    registerLocalDrivers(registry);
    qemu::QemuDriverOptions qo;
    qo.config_dir = options.state_dir + "/qemu";
    qo.run_dir = options.run_dir + "/qemu";
    qo.cache_dir = options.cache_dir + "/qemu";
    qo.privileged = options.privileged;
    auto factory = std::make_unique<qemu::QemuConnectionFactory>(std::move(qo));
    if (auto d = factory->initialize(); !d) {
        log::error("QEMU driver not initialized (retried at the first connection): {}",
                   d.error().message);
    }
    registry.add(std::move(factory));
}

}  // namespace nodevirt::drivers
