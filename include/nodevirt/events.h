// Events an application can subscribe to through Connection::register*Event, and the
// callback types. Contract: callbacks run on one library-owned dispatch thread per
// connection, in the order the driver published the events, never while driver locks are
// held; a callback may call back into the API. See docs/client_api.md.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "nodevirt/domain.h"
#include "nodevirt/network.h"
#include "nodevirt/node_device.h"
#include "nodevirt/secret.h"
#include "nodevirt/storage.h"
#include "nodevirt/types.h"

namespace nodevirt {

// Domain event payloads (event ids are lv::kDomainEventIdXxx). Ids without a payload below
// (reboot, control error, ...) deliver NoPayload.
struct LifecycleEvent {
    int event = 0;   // virDomainEventType (lv::kDomainEventStarted ...)
    int detail = 0;  // per-type detail (lv::kDomainEventStartedBooted ...)
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
    std::string path;
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
    std::variant<NoPayload, LifecycleEvent, RtcChangeEvent, WatchdogEvent, IoErrorEvent,
                 DeviceAliasEvent, BalloonChangeEvent, MetadataChangeEvent, TrayChangeEvent,
                 DiskChangeEvent, BlockJobEvent, JobCompletedEvent, TunableEvent, PmEvent>;

struct DomainEvent {
    int event_id = 0;  // lv::kDomainEventIdLifecycle ...
    Domain domain;
    DomainEventPayload payload;
};

struct NetworkEvent {
    int event_id = 0;  // lv::kNetworkEventIdLifecycle
    Network network;
    int event = 0, detail = 0;
};

struct StoragePoolEvent {
    int event_id = 0;  // lv::kStoragePoolEventIdLifecycle / ...Refresh
    StoragePool pool;
    int event = 0, detail = 0;
};

struct NodeDeviceEvent {
    int event_id = 0;  // lv::kNodeDeviceEventIdLifecycle / ...Update
    NodeDevice device;
    int event = 0, detail = 0;
};

struct SecretEvent {
    int event_id = 0;  // lv::kSecretEventIdLifecycle / ...ValueChanged
    Secret secret;
    int event = 0, detail = 0;
};

using DomainEventCallback = std::function<void(const DomainEvent&)>;
using NetworkEventCallback = std::function<void(const NetworkEvent&)>;
using StoragePoolEventCallback = std::function<void(const StoragePoolEvent&)>;
using NodeDeviceEventCallback = std::function<void(const NodeDeviceEvent&)>;
using SecretEventCallback = std::function<void(const SecretEvent&)>;
// The connection ended unexpectedly; reason is a virConnectCloseReason
// (lv::kConnectCloseReasonEof...).
using CloseCallback = std::function<void(int reason)>;

}  // namespace nodevirt
