#include "remote/common/event_codec.h"

#include <array>

#include "protocol/generated/types.h"
#include "protocol/payload.h"
#include "remote/common/convert.h"
#include "util/logging.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;

// Modern (callback) message procedure per domain event id (census §3.4).
constexpr std::array<int32_t, kDomainEventIdCount> kModernProcs = {
    318, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331,
    332, 333, 339, 346, 348, 354, 359, 363, 367, 379, 385, 423, 438};
// Legacy message procedure per domain event id.
constexpr std::array<int32_t, kLegacyDomainEventIdCount> kLegacyProcs = {
    107, 169, 170, 171, 172, 173, 195, 224, 241, 248, 268, 269, 270, 276, 292, 311};

// Domain event ids (virDomainEventID) the codec treats specially.
enum EventId : int {
    kLifecycle = 0, kReboot, kRtcChange, kWatchdog, kIoError, kGraphics, kIoErrorReason,
    kControlError, kBlockJob, kDiskChange, kTrayChange, kPmWakeup, kPmSuspend, kBalloonChange,
    kPmSuspendDisk, kDeviceRemoved, kBlockJob2, kTunable, kAgentLifecycle, kDeviceAdded,
    kMigrationIteration, kJobCompleted, kDeviceRemovalFailed, kMetadataChange,
    kBlockThreshold, kMemoryFailure, kMemoryDeviceSizeChange,
};

template <typename Msg>
std::optional<EncodedEvent> encodeAs(int32_t proc, const Msg& msg) {
    Result<std::string> payload = p::encodePayload(msg);
    if (!payload) {
        log::warn("event message {} not sent: {}", proc, payload.error().message);
        return std::nullopt;
    }
    return EncodedEvent{proc, std::move(*payload)};
}

// Fills the legacy-shaped message of ids that have one (all ids below 16 except GRAPHICS) and
// hands it to `emit` (which wraps it with a callback id or sends it as is).
template <typename Emit>
std::optional<EncodedEvent> withLegacyMsg(const driver::DomainEvent& ev, Emit&& emit) {
    p::NonnullDomain dom = toWire(ev.dom);
    const auto& pl = ev.payload;
    switch (ev.event_id) {
        case kLifecycle:
            if (auto* e = std::get_if<driver::LifecycleEvent>(&pl)) {
                return emit(p::DomainEventLifecycleMsg{dom, e->event, e->detail});
            }
            break;
        case kReboot: return emit(p::DomainEventRebootMsg{dom});
        case kRtcChange:
            if (auto* e = std::get_if<driver::RtcChangeEvent>(&pl)) {
                return emit(p::DomainEventRtcChangeMsg{dom, e->offset});
            }
            break;
        case kWatchdog:
            if (auto* e = std::get_if<driver::WatchdogEvent>(&pl)) {
                return emit(p::DomainEventWatchdogMsg{dom, e->action});
            }
            break;
        case kIoError:
            if (auto* e = std::get_if<driver::IoErrorEvent>(&pl)) {
                return emit(p::DomainEventIoErrorMsg{dom, e->src_path, e->dev_alias, e->action});
            }
            break;
        case kIoErrorReason:
            if (auto* e = std::get_if<driver::IoErrorEvent>(&pl)) {
                return emit(p::DomainEventIoErrorReasonMsg{dom, e->src_path, e->dev_alias,
                                                            e->action, e->reason});
            }
            break;
        case kControlError: return emit(p::DomainEventControlErrorMsg{dom});
        case kBlockJob:
            if (auto* e = std::get_if<driver::BlockJobEvent>(&pl)) {
                return emit(p::DomainEventBlockJobMsg{dom, e->path, e->type, e->status});
            }
            break;
        case kDiskChange:
            if (auto* e = std::get_if<driver::DiskChangeEvent>(&pl)) {
                return emit(p::DomainEventDiskChangeMsg{dom, e->old_src, e->new_src,
                                                         e->dev_alias, e->reason});
            }
            break;
        case kTrayChange:
            if (auto* e = std::get_if<driver::TrayChangeEvent>(&pl)) {
                return emit(p::DomainEventTrayChangeMsg{dom, e->dev_alias, e->reason});
            }
            break;
        case kPmWakeup: return emit(p::DomainEventPmwakeupMsg{dom});
        case kPmSuspend: return emit(p::DomainEventPmsuspendMsg{dom});
        case kBalloonChange:
            if (auto* e = std::get_if<driver::BalloonChangeEvent>(&pl)) {
                return emit(p::DomainEventBalloonChangeMsg{dom, e->actual_kib});
            }
            break;
        case kPmSuspendDisk: return emit(p::DomainEventPmsuspendDiskMsg{dom});
        case kDeviceRemoved:
            if (auto* e = std::get_if<driver::DeviceAliasEvent>(&pl)) {
                return emit(p::DomainEventDeviceRemovedMsg{dom, e->dev_alias});
            }
            break;
        default: break;
    }
    return std::nullopt;
}

int pmReason(const driver::DomainEvent& ev) {
    if (auto* e = std::get_if<driver::PmEvent>(&ev.payload)) return e->reason;
    return 0;
}

// Ids 16 and up exist only in the modern form, each with its own message layout.
std::optional<EncodedEvent> encodeModernOnly(const driver::DomainEvent& ev, int32_t cb) {
    int32_t proc = kModernProcs[static_cast<size_t>(ev.event_id)];
    p::NonnullDomain dom = toWire(ev.dom);
    const auto& pl = ev.payload;
    switch (ev.event_id) {
        case kBlockJob2:
            if (auto* e = std::get_if<driver::BlockJobEvent>(&pl)) {
                return encodeAs(proc, p::DomainEventBlockJob2Msg{cb, dom, e->path, e->type,
                                                                 e->status});
            }
            break;
        case kTunable:
            if (auto* e = std::get_if<driver::TunableEvent>(&pl)) {
                return encodeAs(proc,
                                p::DomainEventCallbackTunableMsg{cb, dom, toWireParams(e->params)});
            }
            break;
        case kDeviceAdded:
            if (auto* e = std::get_if<driver::DeviceAliasEvent>(&pl)) {
                return encodeAs(proc, p::DomainEventCallbackDeviceAddedMsg{cb, dom, e->dev_alias});
            }
            break;
        case kJobCompleted:
            if (auto* e = std::get_if<driver::JobCompletedEvent>(&pl)) {
                return encodeAs(proc, p::DomainEventCallbackJobCompletedMsg{
                                          cb, dom, toWireParams(e->params)});
            }
            break;
        case kDeviceRemovalFailed:
            if (auto* e = std::get_if<driver::DeviceAliasEvent>(&pl)) {
                return encodeAs(proc,
                                p::DomainEventCallbackDeviceRemovalFailedMsg{cb, dom, e->dev_alias});
            }
            break;
        case kMetadataChange:
            if (auto* e = std::get_if<driver::MetadataChangeEvent>(&pl)) {
                return encodeAs(proc,
                                p::DomainEventCallbackMetadataChangeMsg{cb, dom, e->type, e->nsuri});
            }
            break;
        default: break;  // no payload type in driver/events.h: not deliverable yet
    }
    return std::nullopt;
}

}  // namespace

int32_t domainEventProc(int event_id) {
    if (event_id < 0 || event_id >= kDomainEventIdCount) return -1;
    return kModernProcs[static_cast<size_t>(event_id)];
}

int32_t legacyDomainEventProc(int event_id) {
    if (event_id < 0 || event_id >= kLegacyDomainEventIdCount) return -1;
    return kLegacyProcs[static_cast<size_t>(event_id)];
}

int domainEventIdOfProc(int32_t proc, bool* legacy) {
    for (size_t i = 0; i < kModernProcs.size(); ++i) {
        if (kModernProcs[i] == proc) {
            if (legacy) *legacy = false;
            return static_cast<int>(i);
        }
    }
    for (size_t i = 0; i < kLegacyProcs.size(); ++i) {
        if (kLegacyProcs[i] == proc) {
            if (legacy) *legacy = true;
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::optional<EncodedEvent> encodeDomainEvent(const driver::DomainEvent& ev, int32_t cb) {
    if (ev.event_id < 0 || ev.event_id >= kDomainEventIdCount) return std::nullopt;
    if (ev.event_id >= kLegacyDomainEventIdCount) return encodeModernOnly(ev, cb);
    int32_t proc = kModernProcs[static_cast<size_t>(ev.event_id)];
    int reason = pmReason(ev);
    return withLegacyMsg(ev, [&](auto msg) -> std::optional<EncodedEvent> {
        using M = decltype(msg);
        if constexpr (std::is_same_v<M, p::DomainEventLifecycleMsg>) {
            return encodeAs(proc, p::DomainEventCallbackLifecycleMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventRebootMsg>) {
            return encodeAs(proc, p::DomainEventCallbackRebootMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventRtcChangeMsg>) {
            return encodeAs(proc, p::DomainEventCallbackRtcChangeMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventWatchdogMsg>) {
            return encodeAs(proc, p::DomainEventCallbackWatchdogMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventIoErrorMsg>) {
            return encodeAs(proc, p::DomainEventCallbackIoErrorMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventIoErrorReasonMsg>) {
            return encodeAs(proc, p::DomainEventCallbackIoErrorReasonMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventControlErrorMsg>) {
            return encodeAs(proc, p::DomainEventCallbackControlErrorMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventBlockJobMsg>) {
            return encodeAs(proc, p::DomainEventCallbackBlockJobMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventDiskChangeMsg>) {
            return encodeAs(proc, p::DomainEventCallbackDiskChangeMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventTrayChangeMsg>) {
            return encodeAs(proc, p::DomainEventCallbackTrayChangeMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventPmwakeupMsg>) {
            return encodeAs(proc, p::DomainEventCallbackPmwakeupMsg{cb, reason, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventPmsuspendMsg>) {
            return encodeAs(proc, p::DomainEventCallbackPmsuspendMsg{cb, reason, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventBalloonChangeMsg>) {
            return encodeAs(proc, p::DomainEventCallbackBalloonChangeMsg{cb, msg});
        } else if constexpr (std::is_same_v<M, p::DomainEventPmsuspendDiskMsg>) {
            return encodeAs(proc, p::DomainEventCallbackPmsuspendDiskMsg{cb, reason, msg});
        } else {
            return encodeAs(proc, p::DomainEventCallbackDeviceRemovedMsg{cb, msg});
        }
    });
}

std::optional<EncodedEvent> encodeLegacyDomainEvent(const driver::DomainEvent& ev) {
    int32_t proc = legacyDomainEventProc(ev.event_id);
    if (proc < 0) return std::nullopt;
    return withLegacyMsg(ev, [proc](const auto& msg) { return encodeAs(proc, msg); });
}

std::optional<EncodedEvent> encodeNetworkEvent(const driver::NetworkEvent& ev, int32_t cb) {
    if (ev.event_id != 0) return std::nullopt;
    return encodeAs(315, p::NetworkEventLifecycleMsg{cb, toWire(ev.net), ev.event, ev.detail});
}

std::optional<EncodedEvent> encodeStoragePoolEvent(const driver::StoragePoolEvent& ev,
                                                   int32_t cb) {
    if (ev.event_id == 0) {
        return encodeAs(370,
                        p::StoragePoolEventLifecycleMsg{cb, toWire(ev.pool), ev.event, ev.detail});
    }
    if (ev.event_id == 1) return encodeAs(373, p::StoragePoolEventRefreshMsg{cb, toWire(ev.pool)});
    return std::nullopt;
}

std::optional<EncodedEvent> encodeNodeDeviceEvent(const driver::NodeDeviceEvent& ev, int32_t cb) {
    if (ev.event_id == 0) {
        return encodeAs(376,
                        p::NodeDeviceEventLifecycleMsg{cb, toWire(ev.dev), ev.event, ev.detail});
    }
    if (ev.event_id == 1) return encodeAs(377, p::NodeDeviceEventUpdateMsg{cb, toWire(ev.dev)});
    return std::nullopt;
}

std::optional<EncodedEvent> encodeSecretEvent(const driver::SecretEvent& ev, int32_t cb) {
    if (ev.event_id == 0) {
        return encodeAs(382,
                        p::SecretEventLifecycleMsg{cb, toWire(ev.secret), ev.event, ev.detail});
    }
    if (ev.event_id == 1) {
        return encodeAs(383, p::SecretEventValueChangedMsg{cb, toWire(ev.secret)});
    }
    return std::nullopt;
}

}  // namespace nodevirt::remote
