// EventBus: the event channels of one driver instance (domains, networks, storage pools, node
// devices, secrets). PendingEvents collects what a job produces and publishes it when it goes
// out of scope, i.e. after the job's locks (declared later) have been released.
#pragma once

#include <atomic>
#include <string>
#include <variant>
#include <vector>

#include "core/event_channel.h"
#include "driver/events.h"

namespace nodevirt::core {

class EventBus {
  public:
    EventBus();
    EventBus(const EventBus&) = delete;
    EventBus& operator=(const EventBus&) = delete;

    EventChannel<driver::DomainEvent, Uuid>& domains() { return domains_; }
    EventChannel<driver::NetworkEvent, Uuid>& networks() { return networks_; }
    EventChannel<driver::StoragePoolEvent, Uuid>& pools() { return pools_; }
    EventChannel<driver::NodeDeviceEvent, std::string>& nodeDevices() { return node_devices_; }
    EventChannel<driver::SecretEvent, Uuid>& secrets() { return secrets_; }

    // Removes a callback from whichever channel holds it.
    bool unsubscribe(int callback_id);

  private:
    std::atomic<int> ids_{0};
    EventChannel<driver::DomainEvent, Uuid> domains_;
    EventChannel<driver::NetworkEvent, Uuid> networks_;
    EventChannel<driver::StoragePoolEvent, Uuid> pools_;
    EventChannel<driver::NodeDeviceEvent, std::string> node_devices_;
    EventChannel<driver::SecretEvent, Uuid> secrets_;
};

using AnyEvent = std::variant<driver::DomainEvent, driver::NetworkEvent, driver::StoragePoolEvent,
                              driver::NodeDeviceEvent, driver::SecretEvent>;

// Events produced while a job runs. Declare it before the JobGuard so that it is destroyed
// (and publishes) after the job is released.
class PendingEvents {
  public:
    explicit PendingEvents(EventBus& bus) : bus_(&bus) {}
    PendingEvents(const PendingEvents&) = delete;
    PendingEvents& operator=(const PendingEvents&) = delete;
    ~PendingEvents() { flush(); }

    void add(AnyEvent ev) { events_.push_back(std::move(ev)); }
    // Shorthand for a domain lifecycle event.
    void lifecycle(const driver::DomainRef& dom, int event, int detail);
    void flush();
    [[nodiscard]] bool empty() const { return events_.empty(); }

  private:
    EventBus* bus_;
    std::vector<AnyEvent> events_;
};

}  // namespace nodevirt::core
