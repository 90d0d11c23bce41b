// Events a driver publishes (domain, network, storage pool, node device, secret) and the
// callback contract: callbacks run on the publishing thread, outside driver locks, in
// publication order, and must not block (the daemon only enqueues the event for a client).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "driver/types.h"

namespace nodevirt::driver {

// Payloads of the domain events nodevirt produces; other event ids carry no payload here.
struct LifecycleEvent {
    int event = 0;   // virDomainEventType
    int detail = 0;  // per-type detail value
};
struct RtcChangeEvent {
    int64_t offset = 0;
};
struct WatchdogEvent {
    int action = 0;
};
struct IoErrorEvent {
    std::string src_path, dev_alias;
    int action = 0;
    std::string reason;
};
struct DeviceAliasEvent {  // device added / removed / removal failed
    std::string dev_alias;
};
struct BalloonChangeEvent {
    uint64_t actual_kib = 0;
};
struct MetadataChangeEvent {
    int type = 0;
    std::optional<std::string> nsuri;
};
struct TrayChangeEvent {
    std::string dev_alias;
    int reason = 0;
};
struct DiskChangeEvent {
    std::optional<std::string> old_src, new_src;
    std::string dev_alias;
    int reason = 0;
};
struct BlockJobEvent {
    std::string path;  // disk target for BLOCK_JOB_2
    int type = 0, status = 0;
};
struct JobCompletedEvent {
    TypedParams params;
};
struct TunableEvent {
    TypedParams params;
};
struct PmEvent {
    int reason = 0;
};
struct NoPayload {};

using DomainEventPayload =
    std::variant<NoPayload, LifecycleEvent, RtcChangeEvent, WatchdogEvent, IoErrorEvent, DeviceAliasEvent,
                 BalloonChangeEvent, MetadataChangeEvent, TrayChangeEvent, DiskChangeEvent, BlockJobEvent,
                 JobCompletedEvent, TunableEvent, PmEvent>;

struct DomainEvent {
    int event_id = 0;  // virDomainEventID
    DomainRef dom;
    DomainEventPayload payload;
};

struct NetworkEvent {
    int event_id = 0;  // virNetworkEventID (0 = lifecycle)
    NetworkRef net;
    int event = 0, detail = 0;
};

struct StoragePoolEvent {
    int event_id = 0;  // 0 lifecycle, 1 refresh
    StoragePoolRef pool;
    int event = 0, detail = 0;
};

struct NodeDeviceEvent {
    int event_id = 0;  // 0 lifecycle, 1 update
    NodeDeviceRef dev;
    int event = 0, detail = 0;
};

struct SecretEvent {
    int event_id = 0;  // 0 lifecycle, 1 value changed
    SecretRef secret;
    int event = 0, detail = 0;
};

using DomainEventCallback = std::function<void(const DomainEvent&)>;
using NetworkEventCallback = std::function<void(const NetworkEvent&)>;
using StoragePoolEventCallback = std::function<void(const StoragePoolEvent&)>;
using NodeDeviceEventCallback = std::function<void(const NodeDeviceEvent&)>;
using SecretEventCallback = std::function<void(const SecretEvent&)>;

}  // namespace nodevirt::driver
