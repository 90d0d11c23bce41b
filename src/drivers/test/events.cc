// EventOps of the test driver: subscriptions on the node's EventBus, remembered per
// connection so that closing it drops them.
#include <fmt/format.h>

#include "drivers/test/facets.h"

namespace nodevirt::drivers::test {
namespace {

// One past the last event id of each kind that libvirt 9.0 defines.
constexpr int kDomainEventIdLast = 27;
constexpr int kNetworkEventIdLast = 1;
constexpr int kStoragePoolEventIdLast = 2;
constexpr int kNodeDeviceEventIdLast = 2;
constexpr int kSecretEventIdLast = 2;

Status checkEventId(int event_id, int last, std::string_view function) {
    if (event_id < 0 || event_id >= last) {
        return fail(invalidArg(fmt::format("eventID in {} must be less than {}", function, last)));
    }
    return ok();
}

Error unknownCallback(int id) {
    return invalidArg(fmt::format("could not find event callback {} for deletion", id));
}

}  // namespace

Result<int> TestEvents::registerDomainEvent(int event_id, const std::optional<DomainRef>& dom,
                                            DomainEventCallback cb) {
    NODEVIRT_TRY(checkEventId(event_id, kDomainEventIdLast, "virConnectDomainEventRegisterAny"));
    std::optional<Uuid> key;
    if (dom) key = dom->uuid;
    int id = ctx_.state().events.domains().subscribe(event_id, key, std::move(cb));
    ctx_.addCallback(id);
    return id;
}

Status TestEvents::deregister(int callback_id, std::string_view /*function*/) {
    if (!ctx_.removeCallback(callback_id)) return fail(unknownCallback(callback_id));
    ctx_.state().events.unsubscribe(callback_id);
    return ok();
}

Status TestEvents::deregisterDomainEvent(int callback_id) {
    return deregister(callback_id, "virConnectDomainEventDeregisterAny");
}

Result<int> TestEvents::registerNetworkEvent(int event_id, const std::optional<NetworkRef>& net,
                                             NetworkEventCallback cb) {
    NODEVIRT_TRY(checkEventId(event_id, kNetworkEventIdLast, "virConnectNetworkEventRegisterAny"));
    std::optional<Uuid> key;
    if (net) key = net->uuid;
    int id = ctx_.state().events.networks().subscribe(event_id, key, std::move(cb));
    ctx_.addCallback(id);
    return id;
}

Status TestEvents::deregisterNetworkEvent(int callback_id) {
    return deregister(callback_id, "virConnectNetworkEventDeregisterAny");
}

Result<int> TestEvents::registerStoragePoolEvent(int event_id, const std::optional<StoragePoolRef>& pool,
                                                 StoragePoolEventCallback cb) {
    NODEVIRT_TRY(checkEventId(event_id, kStoragePoolEventIdLast, "virConnectStoragePoolEventRegisterAny"));
    std::optional<Uuid> key;
    if (pool) key = pool->uuid;
    int id = ctx_.state().events.pools().subscribe(event_id, key, std::move(cb));
    ctx_.addCallback(id);
    return id;
}

Status TestEvents::deregisterStoragePoolEvent(int callback_id) {
    return deregister(callback_id, "virConnectStoragePoolEventDeregisterAny");
}

Result<int> TestEvents::registerNodeDeviceEvent(int event_id, const std::optional<NodeDeviceRef>& dev,
                                                NodeDeviceEventCallback cb) {
    NODEVIRT_TRY(checkEventId(event_id, kNodeDeviceEventIdLast, "virConnectNodeDeviceEventRegisterAny"));
    std::optional<std::string> key;
    if (dev) key = dev->name;
    int id = ctx_.state().events.nodeDevices().subscribe(event_id, key, std::move(cb));
    ctx_.addCallback(id);
    return id;
}

Status TestEvents::deregisterNodeDeviceEvent(int callback_id) {
    return deregister(callback_id, "virConnectNodeDeviceEventDeregisterAny");
}

Result<int> TestEvents::registerSecretEvent(int event_id, const std::optional<SecretRef>& secret,
                                            SecretEventCallback cb) {
    NODEVIRT_TRY(checkEventId(event_id, kSecretEventIdLast, "virConnectSecretEventRegisterAny"));
    std::optional<Uuid> key;
    if (secret) key = secret->uuid;
    int id = ctx_.state().events.secrets().subscribe(event_id, key, std::move(cb));
    ctx_.addCallback(id);
    return id;
}

Status TestEvents::deregisterSecretEvent(int callback_id) {
    return deregister(callback_id, "virConnectSecretEventDeregisterAny");
}

}  // namespace nodevirt::drivers::test
