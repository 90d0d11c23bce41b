#include "core/event_bus.h"

#include "driver/libvirt_constants.h"

namespace nodevirt::core {
namespace {

Uuid domainKey(const driver::DomainEvent& e) { return e.dom.uuid; }
Uuid networkKey(const driver::NetworkEvent& e) { return e.net.uuid; }
Uuid poolKey(const driver::StoragePoolEvent& e) { return e.pool.uuid; }
std::string nodeDeviceKey(const driver::NodeDeviceEvent& e) { return e.dev.name; }
Uuid secretKey(const driver::SecretEvent& e) { return e.secret.uuid; }

}  // namespace

EventBus::EventBus()
    : domains_(&domainKey, &ids_),
      networks_(&networkKey, &ids_),
      pools_(&poolKey, &ids_),
      node_devices_(&nodeDeviceKey, &ids_),
      secrets_(&secretKey, &ids_) {}

bool EventBus::unsubscribe(int callback_id) {
    return domains_.unsubscribe(callback_id) || networks_.unsubscribe(callback_id) ||
           pools_.unsubscribe(callback_id) || node_devices_.unsubscribe(callback_id) ||
           secrets_.unsubscribe(callback_id);
}

void PendingEvents::lifecycle(const driver::DomainRef& dom, int event, int detail) {
    driver::DomainEvent ev;
    ev.event_id = static_cast<int>(lv::kDomainEventIdLifecycle);
    ev.dom = dom;
    ev.payload = driver::LifecycleEvent{event, detail};
    events_.emplace_back(std::move(ev));
}

void PendingEvents::flush() {
    // Bounded by the number of events queued before the flush started.
    std::vector<AnyEvent> events;
    events.swap(events_);
    for (auto& ev : events) {
        std::visit(
            [this](auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, driver::DomainEvent>) {
                    bus_->domains().publish(std::move(e));
                } else if constexpr (std::is_same_v<T, driver::NetworkEvent>) {
                    bus_->networks().publish(std::move(e));
                } else if constexpr (std::is_same_v<T, driver::StoragePoolEvent>) {
                    bus_->pools().publish(std::move(e));
                } else if constexpr (std::is_same_v<T, driver::NodeDeviceEvent>) {
                    bus_->nodeDevices().publish(std::move(e));
                } else {
                    bus_->secrets().publish(std::move(e));
                }
            },
            ev);
    }
}

}  // namespace nodevirt::core
