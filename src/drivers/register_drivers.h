// The one place where the connection drivers of this build are added to a Registry
// (explicitly, in the order they are tried; no static-initializer registration).
#pragma once

#include <string>

#include "driver/registry.h"

namespace nodevirt::drivers {

// Adds every in-process driver: test (test:///default, test:///PATH.xml).
void registerLocalDrivers(driver::Registry& registry);

// Where the daemon's drivers keep their state (each driver uses a subdirectory).
struct DaemonDriverOptions {
    std::string state_dir;  // persistent definitions
    std::string run_dir;    // runtime state (pid, status, monitor sockets, logs)
    std::string cache_dir;  // capability caches
    bool privileged = false;
};

// The daemon's drivers: the local ones plus QEMU (qemu:///system, qemu:///session). The QEMU
// driver is created at once, so running guests are re-attached and autostart domains start
// with the daemon; if that fails it is logged and retried at the first connection.
void registerDaemonDrivers(driver::Registry& registry, const DaemonDriverOptions& options);

}  // namespace nodevirt::drivers
