#include "drivers/qemu/driver/qemu_device_removals.h"

#include "drivers/qemu/qmp_client.h"

namespace nodevirt::qemu {

void DeviceRemovals::expect(const Uuid& domain, const std::string& device) {
    std::lock_guard lock(mu_);
    Key key{domain.toString(), device};
    expected_.insert(key);
    deleted_.erase(key);
}

void DeviceRemovals::note(const Uuid& domain, const std::string& device) {
    std::lock_guard lock(mu_);
    Key key{domain.toString(), device};
    if (!expected_.count(key)) return;
    deleted_.insert(std::move(key));
    cv_.notify_all();
}

bool DeviceRemovals::wait(const Uuid& domain, const std::string& device,
                          std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    Key key{domain.toString(), device};
    bool seen = cv_.wait_for(lock, timeout, [&] { return deleted_.count(key) > 0; });
    expected_.erase(key);
    deleted_.erase(key);
    return seen;
}

void noteDeviceDeleted(DeviceRemovals& removals, const Uuid& domain, const QmpEvent& event) {
    if (event.name != "DEVICE_DELETED" || !event.data.is_object()) return;
    auto it = event.data.find("device");
    if (it != event.data.end() && it->is_string()) removals.note(domain, it->get<std::string>());
}

}  // namespace nodevirt::qemu
