// Client side of event_codec.h: MESSAGE payloads back into driver events.
#include <fmt/format.h>

#include "protocol/generated/types.h"
#include "protocol/payload.h"
#include "remote/common/convert.h"
#include "remote/common/event_codec.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
using DomainResult = Result<DecodedEvent<driver::DomainEvent>>;

Error unexpectedProc(int32_t proc) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                      fmt::format("unexpected event procedure {}", proc));
}

// The payload of a legacy-shaped message (shared by both forms) as a driver event.
driver::DomainEvent fromLegacyMsg(int id, const auto& m) {
    using M = std::decay_t<decltype(m)>;
    driver::DomainEvent ev;
    ev.event_id = id;
    ev.dom = fromWire(m.dom);
    if constexpr (std::is_same_v<M, p::DomainEventLifecycleMsg>) {
        ev.payload = driver::LifecycleEvent{m.event, m.detail};
    } else if constexpr (std::is_same_v<M, p::DomainEventRtcChangeMsg>) {
        ev.payload = driver::RtcChangeEvent{m.offset};
    } else if constexpr (std::is_same_v<M, p::DomainEventWatchdogMsg>) {
        ev.payload = driver::WatchdogEvent{m.action};
    } else if constexpr (std::is_same_v<M, p::DomainEventIoErrorMsg>) {
        ev.payload = driver::IoErrorEvent{m.src_path, m.dev_alias, m.action, {}};
    } else if constexpr (std::is_same_v<M, p::DomainEventIoErrorReasonMsg>) {
        ev.payload = driver::IoErrorEvent{m.src_path, m.dev_alias, m.action, m.reason};
    } else if constexpr (std::is_same_v<M, p::DomainEventBlockJobMsg>) {
        ev.payload = driver::BlockJobEvent{m.path, m.type, m.status};
    } else if constexpr (std::is_same_v<M, p::DomainEventDiskChangeMsg>) {
        ev.payload = driver::DiskChangeEvent{m.old_src_path, m.new_src_path, m.dev_alias, m.reason};
    } else if constexpr (std::is_same_v<M, p::DomainEventTrayChangeMsg>) {
        ev.payload = driver::TrayChangeEvent{m.dev_alias, m.reason};
    } else if constexpr (std::is_same_v<M, p::DomainEventBalloonChangeMsg>) {
        ev.payload = driver::BalloonChangeEvent{m.actual};
    } else if constexpr (std::is_same_v<M, p::DomainEventDeviceRemovedMsg>) {
        ev.payload = driver::DeviceAliasEvent{m.dev_alias};
    }
    return ev;
}

template <typename Msg>
DomainResult legacy(int id, std::string_view payload) {
    NODEVIRT_ASSIGN_OR_RETURN(Msg m, p::decodePayload<Msg>(payload));
    return DecodedEvent<driver::DomainEvent>{-1, fromLegacyMsg(id, m)};
}

// Modern message wrapping a legacy-shaped one: {callbackID, [reason,] msg}.
template <typename Msg>
DomainResult wrapped(int id, std::string_view payload) {
    NODEVIRT_ASSIGN_OR_RETURN(Msg m, p::decodePayload<Msg>(payload));
    DecodedEvent<driver::DomainEvent> out{m.callback_id, fromLegacyMsg(id, m.msg)};
    if constexpr (requires { m.reason; }) out.event.payload = driver::PmEvent{m.reason};
    return out;
}

// Modern-only message: {callbackID, dom, ...}; `fill` sets the payload.
template <typename Msg, typename Fill>
DomainResult flat(int id, std::string_view payload, Fill fill) {
    NODEVIRT_ASSIGN_OR_RETURN(Msg m, p::decodePayload<Msg>(payload));
    DecodedEvent<driver::DomainEvent> out;
    out.callback_id = m.callback_id;
    out.event.event_id = id;
    out.event.dom = fromWire(m.dom);
    NODEVIRT_TRY(fill(m, out.event));
    return out;
}

constexpr auto noPayload = [](const auto&, driver::DomainEvent&) -> Status { return ok(); };

DomainResult decodeLegacy(int id, std::string_view pl) {
    switch (id) {
        case 0: return legacy<p::DomainEventLifecycleMsg>(id, pl);
        case 1: return legacy<p::DomainEventRebootMsg>(id, pl);
        case 2: return legacy<p::DomainEventRtcChangeMsg>(id, pl);
        case 3: return legacy<p::DomainEventWatchdogMsg>(id, pl);
        case 4: return legacy<p::DomainEventIoErrorMsg>(id, pl);
        case 5: return legacy<p::DomainEventGraphicsMsg>(id, pl);
        case 6: return legacy<p::DomainEventIoErrorReasonMsg>(id, pl);
        case 7: return legacy<p::DomainEventControlErrorMsg>(id, pl);
        case 8: return legacy<p::DomainEventBlockJobMsg>(id, pl);
        case 9: return legacy<p::DomainEventDiskChangeMsg>(id, pl);
        case 10: return legacy<p::DomainEventTrayChangeMsg>(id, pl);
        case 11: return legacy<p::DomainEventPmwakeupMsg>(id, pl);
        case 12: return legacy<p::DomainEventPmsuspendMsg>(id, pl);
        case 13: return legacy<p::DomainEventBalloonChangeMsg>(id, pl);
        case 14: return legacy<p::DomainEventPmsuspendDiskMsg>(id, pl);
        default: return legacy<p::DomainEventDeviceRemovedMsg>(id, pl);
    }
}

DomainResult decodeWrapped(int id, std::string_view pl) {
    switch (id) {
        case 0: return wrapped<p::DomainEventCallbackLifecycleMsg>(id, pl);
        case 1: return wrapped<p::DomainEventCallbackRebootMsg>(id, pl);
        case 2: return wrapped<p::DomainEventCallbackRtcChangeMsg>(id, pl);
        case 3: return wrapped<p::DomainEventCallbackWatchdogMsg>(id, pl);
        case 4: return wrapped<p::DomainEventCallbackIoErrorMsg>(id, pl);
        case 5: return wrapped<p::DomainEventCallbackGraphicsMsg>(id, pl);
        case 6: return wrapped<p::DomainEventCallbackIoErrorReasonMsg>(id, pl);
        case 7: return wrapped<p::DomainEventCallbackControlErrorMsg>(id, pl);
        case 8: return wrapped<p::DomainEventCallbackBlockJobMsg>(id, pl);
        case 9: return wrapped<p::DomainEventCallbackDiskChangeMsg>(id, pl);
        case 10: return wrapped<p::DomainEventCallbackTrayChangeMsg>(id, pl);
        case 11: return wrapped<p::DomainEventCallbackPmwakeupMsg>(id, pl);
        case 12: return wrapped<p::DomainEventCallbackPmsuspendMsg>(id, pl);
        case 13: return wrapped<p::DomainEventCallbackBalloonChangeMsg>(id, pl);
        case 14: return wrapped<p::DomainEventCallbackPmsuspendDiskMsg>(id, pl);
        default: return wrapped<p::DomainEventCallbackDeviceRemovedMsg>(id, pl);
    }
}

DomainResult decodeModernOnly(int id, std::string_view pl) {
    auto params = [](const auto& m, auto& ev, auto make) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps, fromWireParams(m.params));
        ev.payload = make(std::move(ps));
        return ok();
    };
    auto alias = [](const auto& m, driver::DomainEvent& ev) -> Status {
        ev.payload = driver::DeviceAliasEvent{m.dev_alias};
        return ok();
    };
    switch (id) {
        case 16:
            return flat<p::DomainEventBlockJob2Msg>(id, pl, [](const auto& m, auto& ev) -> Status {
                ev.payload = driver::BlockJobEvent{m.dst, m.type, m.status};
                return ok();
            });
        case 17:
            return flat<p::DomainEventCallbackTunableMsg>(id, pl, [&](const auto& m, auto& ev) {
                return params(m, ev, [](TypedParams ps) { return driver::TunableEvent{ps}; });
            });
        case 18: return flat<p::DomainEventCallbackAgentLifecycleMsg>(id, pl, noPayload);
        case 19: return flat<p::DomainEventCallbackDeviceAddedMsg>(id, pl, alias);
        case 20: return flat<p::DomainEventCallbackMigrationIterationMsg>(id, pl, noPayload);
        case 21:
            return flat<p::DomainEventCallbackJobCompletedMsg>(id, pl, [&](const auto& m, auto& ev) {
                return params(m, ev, [](TypedParams ps) { return driver::JobCompletedEvent{ps}; });
            });
        case 22: return flat<p::DomainEventCallbackDeviceRemovalFailedMsg>(id, pl, alias);
        case 23:
            return flat<p::DomainEventCallbackMetadataChangeMsg>(
                id, pl, [](const auto& m, auto& ev) -> Status {
                    ev.payload = driver::MetadataChangeEvent{m.type, m.nsuri};
                    return ok();
                });
        case 24: return flat<p::DomainEventBlockThresholdMsg>(id, pl, noPayload);
        case 25: return flat<p::DomainEventMemoryFailureMsg>(id, pl, noPayload);
        default: return flat<p::DomainEventMemoryDeviceSizeChangeMsg>(id, pl, noPayload);
    }
}

}  // namespace

DomainResult decodeDomainEvent(int32_t proc, std::string_view payload) {
    bool is_legacy = false;
    int id = domainEventIdOfProc(proc, &is_legacy);
    if (id < 0) return fail(unexpectedProc(proc));
    if (is_legacy) return decodeLegacy(id, payload);
    if (id < kLegacyDomainEventIdCount) return decodeWrapped(id, payload);
    return decodeModernOnly(id, payload);
}

Result<DecodedEvent<driver::NetworkEvent>> decodeNetworkEvent(int32_t proc,
                                                              std::string_view payload) {
    if (proc != 315) return fail(unexpectedProc(proc));
    NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::NetworkEventLifecycleMsg>(payload));
    return DecodedEvent<driver::NetworkEvent>{m.callback_id,
                                              {0, fromWire(m.net), m.event, m.detail}};
}

Result<DecodedEvent<driver::StoragePoolEvent>> decodeStoragePoolEvent(int32_t proc,
                                                                      std::string_view payload) {
    if (proc == 370) {
        NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::StoragePoolEventLifecycleMsg>(payload));
        return DecodedEvent<driver::StoragePoolEvent>{m.callback_id,
                                                      {0, fromWire(m.pool), m.event, m.detail}};
    }
    if (proc == 373) {
        NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::StoragePoolEventRefreshMsg>(payload));
        return DecodedEvent<driver::StoragePoolEvent>{m.callback_id, {1, fromWire(m.pool), 0, 0}};
    }
    return fail(unexpectedProc(proc));
}

Result<DecodedEvent<driver::NodeDeviceEvent>> decodeNodeDeviceEvent(int32_t proc,
                                                                    std::string_view payload) {
    if (proc == 376) {
        NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::NodeDeviceEventLifecycleMsg>(payload));
        return DecodedEvent<driver::NodeDeviceEvent>{m.callback_id,
                                                     {0, fromWire(m.dev), m.event, m.detail}};
    }
    if (proc == 377) {
        NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::NodeDeviceEventUpdateMsg>(payload));
        return DecodedEvent<driver::NodeDeviceEvent>{m.callback_id, {1, fromWire(m.dev), 0, 0}};
    }
    return fail(unexpectedProc(proc));
}

Result<DecodedEvent<driver::SecretEvent>> decodeSecretEvent(int32_t proc,
                                                            std::string_view payload) {
    if (proc == 382) {
        NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::SecretEventLifecycleMsg>(payload));
        return DecodedEvent<driver::SecretEvent>{m.callback_id,
                                                 {0, fromWire(m.secret), m.event, m.detail}};
    }
    if (proc == 383) {
        NODEVIRT_ASSIGN_OR_RETURN(auto m, p::decodePayload<p::SecretEventValueChangedMsg>(payload));
        return DecodedEvent<driver::SecretEvent>{m.callback_id, {1, fromWire(m.secret), 0, 0}};
    }
    return fail(unexpectedProc(proc));
}

}  // namespace nodevirt::remote
