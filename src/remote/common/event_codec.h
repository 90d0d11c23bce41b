// Event MESSAGE payloads (census §3.4): which REMOTE procedure carries each event id, and the
// conversion between the driver's event values (driver/events.h) and the wire messages, in
// both directions — the daemon encodes what a driver publishes, the client-side remote driver
// decodes what the daemon sends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "driver/events.h"
#include "util/result.h"

namespace nodevirt::remote {

// Number of domain event ids of libvirt 9.0 (VIR_DOMAIN_EVENT_ID_LAST) and how many of them
// the legacy (callback-less) registration accepts.
inline constexpr int kDomainEventIdCount = 27;
inline constexpr int kLegacyDomainEventIdCount = 16;
// Per kind: VIR_NETWORK_EVENT_ID_LAST, VIR_STORAGE_POOL_EVENT_ID_LAST, ...
inline constexpr int kNetworkEventIdCount = 1;
inline constexpr int kStoragePoolEventIdCount = 2;
inline constexpr int kNodeDeviceEventIdCount = 2;
inline constexpr int kSecretEventIdCount = 2;

// The REMOTE procedure of the MESSAGE carrying domain event `event_id` (modern: callback id
// first; legacy: no callback id), or -1 for an id out of range.
int32_t domainEventProc(int event_id);
int32_t legacyDomainEventProc(int event_id);
// The event id a domain event MESSAGE procedure carries, or -1 when `proc` is none of them.
int domainEventIdOfProc(int32_t proc, bool* legacy = nullptr);

struct EncodedEvent {
    int32_t proc = 0;
    std::string payload;
};

// nullopt when the event's payload does not fit its id (or the id has no payload type in
// driver/events.h, e.g. GRAPHICS): such an event cannot be delivered and is dropped.
std::optional<EncodedEvent> encodeDomainEvent(const driver::DomainEvent& event,
                                              int32_t callback_id);
// Legacy messages exist for ids below kLegacyDomainEventIdCount.
std::optional<EncodedEvent> encodeLegacyDomainEvent(const driver::DomainEvent& event);
std::optional<EncodedEvent> encodeNetworkEvent(const driver::NetworkEvent& event,
                                               int32_t callback_id);
std::optional<EncodedEvent> encodeStoragePoolEvent(const driver::StoragePoolEvent& event,
                                                   int32_t callback_id);
std::optional<EncodedEvent> encodeNodeDeviceEvent(const driver::NodeDeviceEvent& event,
                                                  int32_t callback_id);
std::optional<EncodedEvent> encodeSecretEvent(const driver::SecretEvent& event,
                                              int32_t callback_id);

// Client side. `callback_id` is -1 for legacy domain events.
template <typename E>
struct DecodedEvent {
    int32_t callback_id = -1;
    E event;
};
Result<DecodedEvent<driver::DomainEvent>> decodeDomainEvent(int32_t proc,
                                                            std::string_view payload);
Result<DecodedEvent<driver::NetworkEvent>> decodeNetworkEvent(int32_t proc,
                                                              std::string_view payload);
Result<DecodedEvent<driver::StoragePoolEvent>> decodeStoragePoolEvent(int32_t proc,
                                                                      std::string_view payload);
Result<DecodedEvent<driver::NodeDeviceEvent>> decodeNodeDeviceEvent(int32_t proc,
                                                                    std::string_view payload);
Result<DecodedEvent<driver::SecretEvent>> decodeSecretEvent(int32_t proc,
                                                            std::string_view payload);

}  // namespace nodevirt::remote
