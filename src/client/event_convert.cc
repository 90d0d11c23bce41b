#include "client/event_convert.h"

#include <variant>

namespace nodevirt::client {
namespace {

using detail::HandleAccess;

// One overload per payload type; the public and driver structs carry the same fields.
DomainEventPayload payload(const driver::NoPayload&) { return NoPayload{}; }
DomainEventPayload payload(const driver::LifecycleEvent& e) {
    return LifecycleEvent{e.event, e.detail};
}
DomainEventPayload payload(const driver::RtcChangeEvent& e) { return RtcChangeEvent{e.offset}; }
DomainEventPayload payload(const driver::WatchdogEvent& e) { return WatchdogEvent{e.action}; }
DomainEventPayload payload(const driver::IoErrorEvent& e) {
    return IoErrorEvent{e.src_path, e.dev_alias, e.action, e.reason};
}
DomainEventPayload payload(const driver::DeviceAliasEvent& e) {
    return DeviceAliasEvent{e.dev_alias};
}
DomainEventPayload payload(const driver::BalloonChangeEvent& e) {
    return BalloonChangeEvent{e.actual_kib};
}
DomainEventPayload payload(const driver::MetadataChangeEvent& e) {
    return MetadataChangeEvent{e.type, e.nsuri};
}
DomainEventPayload payload(const driver::TrayChangeEvent& e) {
    return TrayChangeEvent{e.dev_alias, e.reason};
}
DomainEventPayload payload(const driver::DiskChangeEvent& e) {
    return DiskChangeEvent{e.old_src, e.new_src, e.dev_alias, e.reason};
}
DomainEventPayload payload(const driver::BlockJobEvent& e) {
    return BlockJobEvent{e.path, e.type, e.status};
}
DomainEventPayload payload(const driver::JobCompletedEvent& e) {
    return JobCompletedEvent{e.params};
}
DomainEventPayload payload(const driver::TunableEvent& e) { return TunableEvent{e.params}; }
DomainEventPayload payload(const driver::PmEvent& e) { return PmEvent{e.reason}; }

}  // namespace

DomainEvent toPublic(const detail::StatePtr& state, const driver::DomainEvent& ev) {
    return DomainEvent{ev.event_id, HandleAccess::domain(state, ev.dom),
                       std::visit([](const auto& p) { return payload(p); }, ev.payload)};
}

NetworkEvent toPublic(const detail::StatePtr& state, const driver::NetworkEvent& ev) {
    return NetworkEvent{ev.event_id, HandleAccess::network(state, ev.net), ev.event, ev.detail};
}

StoragePoolEvent toPublic(const detail::StatePtr& state, const driver::StoragePoolEvent& ev) {
    return StoragePoolEvent{ev.event_id, HandleAccess::pool(state, ev.pool), ev.event, ev.detail};
}

NodeDeviceEvent toPublic(const detail::StatePtr& state, const driver::NodeDeviceEvent& ev) {
    return NodeDeviceEvent{ev.event_id, HandleAccess::nodeDevice(state, ev.dev), ev.event,
                           ev.detail};
}

SecretEvent toPublic(const detail::StatePtr& state, const driver::SecretEvent& ev) {
    return SecretEvent{ev.event_id, HandleAccess::secret(state, ev.secret), ev.event, ev.detail};
}

}  // namespace nodevirt::client
