// Event subscriptions. A registration returns a callback id unique within the connection;
// callbacks follow the contract in events.h. Defaults: "not supported".
#pragma once

#include <optional>

#include "driver/events.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class EventOps {
public:
    virtual ~EventOps() = default;

    // `dom` restricts the subscription to one domain; nullopt means all domains.
    virtual Result<int> registerDomainEvent(int /*event_id*/, const std::optional<DomainRef>& /*dom*/,
                                            DomainEventCallback /*cb*/) {
        return unsupported("virConnectDomainEventRegisterAny", ErrorDomain::kNone);
    }
    virtual Status deregisterDomainEvent(int /*callback_id*/) {
        return unsupported("virConnectDomainEventDeregisterAny", ErrorDomain::kNone);
    }
    virtual Result<int> registerNetworkEvent(int /*event_id*/, const std::optional<NetworkRef>& /*net*/,
                                             NetworkEventCallback /*cb*/) {
        return unsupported("virConnectNetworkEventRegisterAny", ErrorDomain::kNone);
    }
    virtual Status deregisterNetworkEvent(int /*callback_id*/) {
        return unsupported("virConnectNetworkEventDeregisterAny", ErrorDomain::kNone);
    }
    virtual Result<int> registerStoragePoolEvent(int /*event_id*/, const std::optional<StoragePoolRef>& /*pool*/,
                                                 StoragePoolEventCallback /*cb*/) {
        return unsupported("virConnectStoragePoolEventRegisterAny", ErrorDomain::kNone);
    }
    virtual Status deregisterStoragePoolEvent(int /*callback_id*/) {
        return unsupported("virConnectStoragePoolEventDeregisterAny", ErrorDomain::kNone);
    }
    virtual Result<int> registerNodeDeviceEvent(int /*event_id*/, const std::optional<NodeDeviceRef>& /*dev*/,
                                                NodeDeviceEventCallback /*cb*/) {
        return unsupported("virConnectNodeDeviceEventRegisterAny", ErrorDomain::kNone);
    }
    virtual Status deregisterNodeDeviceEvent(int /*callback_id*/) {
        return unsupported("virConnectNodeDeviceEventDeregisterAny", ErrorDomain::kNone);
    }
    virtual Result<int> registerSecretEvent(int /*event_id*/, const std::optional<SecretRef>& /*secret*/,
                                            SecretEventCallback /*cb*/) {
        return unsupported("virConnectSecretEventRegisterAny", ErrorDomain::kNone);
    }
    virtual Status deregisterSecretEvent(int /*callback_id*/) {
        return unsupported("virConnectSecretEventDeregisterAny", ErrorDomain::kNone);
    }
};

}  // namespace nodevirt::driver
