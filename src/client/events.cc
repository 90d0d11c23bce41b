// Event subscriptions on a Connection (virConnect*EventRegisterAny / DeregisterAny, close
// callbacks). A driver publishes on its own thread; we only queue the event there. The
// dispatch thread turns it into public handles and runs the callback if still registered.
#include <string>

#include "client/checks.h"
#include "client/event_convert.h"
#include "nodevirt/connection.h"
#include "nodevirt/constants.h"

namespace nodevirt {

using client::EventKind;
using detail::ConnectionState;
using detail::HandleAccess;
using detail::StatePtr;

namespace {

struct KindInfo {
    EventKind kind;
    int id_limit;  // virXxxEventID's _LAST value: event ids must be below it
    std::string_view register_api;
    std::string_view deregister_api;
};

constexpr KindInfo kDomainKind{
    EventKind::kDomain, static_cast<int>(lv::kDomainEventIdMemoryDeviceSizeChange) + 1,
    "virConnectDomainEventRegisterAny", "virConnectDomainEventDeregisterAny"};
constexpr KindInfo kNetworkKind{
    EventKind::kNetwork, static_cast<int>(lv::kNetworkEventIdLifecycle) + 1,
    "virConnectNetworkEventRegisterAny", "virConnectNetworkEventDeregisterAny"};
constexpr KindInfo kPoolKind{
    EventKind::kStoragePool, static_cast<int>(lv::kStoragePoolEventIdRefresh) + 1,
    "virConnectStoragePoolEventRegisterAny", "virConnectStoragePoolEventDeregisterAny"};
constexpr KindInfo kNodeDeviceKind{
    EventKind::kNodeDevice, static_cast<int>(lv::kNodeDeviceEventIdUpdate) + 1,
    "virConnectNodeDeviceEventRegisterAny", "virConnectNodeDeviceEventDeregisterAny"};
constexpr KindInfo kSecretKind{
    EventKind::kSecret, static_cast<int>(lv::kSecretEventIdValueChanged) + 1,
    "virConnectSecretEventRegisterAny", "virConnectSecretEventDeregisterAny"};

Status checkRegistration(const KindInfo& info, int event_id, bool has_callback) {
    if (!has_callback) return fail(client::argNotNull(info.register_api, "cb", ErrorDomain::kNone));
    if (event_id < 0 || event_id >= info.id_limit) {
        return fail(client::invalidArgument(info.register_api, "eventID",
                                            "must be less than " + std::to_string(info.id_limit),
                                            ErrorDomain::kNone));
    }
    return ok();
}

// Registers `cb` for events of one kind. `reg(events, event_id, ref, forward)` performs the
// driver registration; `forward` only queues the event on the dispatch thread.
template <typename PublicCallback, typename DriverEvent, typename Handle, typename RegisterFn>
Result<int> registerEvent(const StatePtr& state, const KindInfo& info, int event_id,
                          const std::optional<Handle>& object, PublicCallback cb, RegisterFn reg) {
    if (!state) return fail(client::invalidHandle(client::kConnFamily, info.register_api));
    NODEVIRT_TRY(checkRegistration(info, event_id, static_cast<bool>(cb)));
    std::optional<decltype(HandleAccess::ref(*object))> ref;
    if (object) {
        if (HandleAccess::state(*object) != state) {
            return fail(client::invalidArgument(
                info.register_api, "object", "must belong to this connection", ErrorDomain::kNone));
        }
        ref = HandleAccess::ref(*object);
    }
    int id = state->callbacks().add(info.kind, std::move(cb));
    std::weak_ptr<ConnectionState> weak = state;
    auto dispatcher = state->dispatcher();
    auto forward = [weak, dispatcher, id](const DriverEvent& ev) {
        dispatcher->post([weak, id, ev] {
            StatePtr st = weak.lock();
            if (!st) return;
            auto event = client::toPublic(st, ev);
            st->callbacks().invoke<PublicCallback>(id,
                                                   [&](const PublicCallback& fn) { fn(event); });
        });
    };
    auto driver_id = reg(state->driver().events(), event_id, ref, std::move(forward));
    if (!driver_id) {
        (void)state->callbacks().remove(id, info.kind, true);
        return fail(std::move(driver_id).error());
    }
    state->callbacks().setDriverId(id, *driver_id);
    return id;
}

// Removes the registration locally first (so nothing more is delivered), then in the driver.
template <typename DeregisterFn>
Status deregisterEvent(const StatePtr& state, const KindInfo& info, int callback_id,
                       DeregisterFn dereg) {
    if (!state) return fail(client::invalidHandle(client::kConnFamily, info.deregister_api));
    auto entry =
        state->callbacks().remove(callback_id, info.kind, state->dispatcher()->onDispatchThread());
    if (!entry) {
        return fail(Error::make(
            ErrorCode::kInvalidArg, ErrorDomain::kNone,
            "could not find event callback " + std::to_string(callback_id) + " for deletion"));
    }
    return dereg(state->driver().events(), entry->driver_id);
}

}  // namespace

Result<int> Connection::registerDomainEvent(int event_id, const std::optional<Domain>& domain,
                                            DomainEventCallback cb) const {
    return registerEvent<DomainEventCallback, driver::DomainEvent>(
        state_, kDomainKind, event_id, domain, std::move(cb),
        [](driver::EventOps& ops, int id, const auto& ref, auto fwd) {
            return ops.registerDomainEvent(id, ref, std::move(fwd));
        });
}

Status Connection::deregisterDomainEvent(int callback_id) const {
    return deregisterEvent(state_, kDomainKind, callback_id, [](driver::EventOps& ops, int id) {
        return ops.deregisterDomainEvent(id);
    });
}

Result<int> Connection::registerNetworkEvent(int event_id, const std::optional<Network>& network,
                                             NetworkEventCallback cb) const {
    return registerEvent<NetworkEventCallback, driver::NetworkEvent>(
        state_, kNetworkKind, event_id, network, std::move(cb),
        [](driver::EventOps& ops, int id, const auto& ref, auto fwd) {
            return ops.registerNetworkEvent(id, ref, std::move(fwd));
        });
}

Status Connection::deregisterNetworkEvent(int callback_id) const {
    return deregisterEvent(state_, kNetworkKind, callback_id, [](driver::EventOps& ops, int id) {
        return ops.deregisterNetworkEvent(id);
    });
}

Result<int> Connection::registerStoragePoolEvent(int event_id,
                                                 const std::optional<StoragePool>& pool,
                                                 StoragePoolEventCallback cb) const {
    return registerEvent<StoragePoolEventCallback, driver::StoragePoolEvent>(
        state_, kPoolKind, event_id, pool, std::move(cb),
        [](driver::EventOps& ops, int id, const auto& ref, auto fwd) {
            return ops.registerStoragePoolEvent(id, ref, std::move(fwd));
        });
}

Status Connection::deregisterStoragePoolEvent(int callback_id) const {
    return deregisterEvent(state_, kPoolKind, callback_id, [](driver::EventOps& ops, int id) {
        return ops.deregisterStoragePoolEvent(id);
    });
}

Result<int> Connection::registerNodeDeviceEvent(int event_id,
                                                const std::optional<NodeDevice>& device,
                                                NodeDeviceEventCallback cb) const {
    return registerEvent<NodeDeviceEventCallback, driver::NodeDeviceEvent>(
        state_, kNodeDeviceKind, event_id, device, std::move(cb),
        [](driver::EventOps& ops, int id, const auto& ref, auto fwd) {
            return ops.registerNodeDeviceEvent(id, ref, std::move(fwd));
        });
}

Status Connection::deregisterNodeDeviceEvent(int callback_id) const {
    return deregisterEvent(state_, kNodeDeviceKind, callback_id, [](driver::EventOps& ops, int id) {
        return ops.deregisterNodeDeviceEvent(id);
    });
}

Result<int> Connection::registerSecretEvent(int event_id, const std::optional<Secret>& secret,
                                            SecretEventCallback cb) const {
    return registerEvent<SecretEventCallback, driver::SecretEvent>(
        state_, kSecretKind, event_id, secret, std::move(cb),
        [](driver::EventOps& ops, int id, const auto& ref, auto fwd) {
            return ops.registerSecretEvent(id, ref, std::move(fwd));
        });
}

Status Connection::deregisterSecretEvent(int callback_id) const {
    return deregisterEvent(state_, kSecretKind, callback_id, [](driver::EventOps& ops, int id) {
        return ops.deregisterSecretEvent(id);
    });
}

Status Connection::registerCloseCallback(CloseCallback cb) const {
    constexpr std::string_view kApi = "virConnectRegisterCloseCallback";
    if (!state_) return fail(client::invalidHandle(client::kConnFamily, kApi));
    if (!cb) return fail(client::argNotNull(kApi, "cb", ErrorDomain::kNone));
    return state_->setCloseCallback(std::move(cb));
}

Status Connection::deregisterCloseCallback() const {
    if (!state_)
        return fail(
            client::invalidHandle(client::kConnFamily, "virConnectUnregisterCloseCallback"));
    return state_->clearCloseCallback();
}

}  // namespace nodevirt
