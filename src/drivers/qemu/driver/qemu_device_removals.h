// DEVICE_DELETED bookkeeping for hot-unplug: detach asks QEMU to remove a device and then waits
// (bounded) for QEMU's DEVICE_DELETED event. The event is noted straight from the monitor's
// I/O thread, because the detaching thread holds the domain's job, which the driver's own event
// thread would have to wait for.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "nodevirt/uuid.h"

namespace nodevirt::qemu {

class DeviceRemovals {
  public:
    // Before device_del: only expected devices are remembered (the set stays small).
    void expect(const Uuid& domain, const std::string& device);
    // A DEVICE_DELETED event ("device" is the id given at device_add).
    void note(const Uuid& domain, const std::string& device);
    // True once `device` was deleted; false after `timeout`. Either way it is no longer expected.
    bool wait(const Uuid& domain, const std::string& device, std::chrono::milliseconds timeout);

  private:
    using Key = std::pair<std::string, std::string>;
    std::mutex mu_;
    std::condition_variable cv_;
    std::set<Key> expected_;
    std::set<Key> deleted_;
};

struct QmpEvent;
// Passes a DEVICE_DELETED event of `domain` on to `removals`; other events are ignored.
void noteDeviceDeleted(DeviceRemovals& removals, const Uuid& domain, const QmpEvent& event);

}  // namespace nodevirt::qemu
