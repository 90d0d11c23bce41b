// RemoteEvents: event subscriptions of a remote connection, dispatched the way libvirt's client
// does it (census §3.2, §3.4): one server registration per (kind, event id, object filter),
// shared by every local callback with that key; MESSAGEs are routed by the server's callback id
// (or, on servers without REMOTE_EVENT_CALLBACK, by event id with client-side filtering).
#pragma once

#include <cstdint>
#include <functional>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "driver/event_ops.h"
#include "remote/client/channel.h"

namespace nodevirt::remote {

class RemoteEvents final : public driver::EventOps {
  public:
    explicit RemoteEvents(Channel& ch) : ch_(ch) {}

    Result<int> registerDomainEvent(int event_id, const std::optional<driver::DomainRef>& dom,
                                    driver::DomainEventCallback cb) override;
    Status deregisterDomainEvent(int callback_id) override;
    Result<int> registerNetworkEvent(int event_id, const std::optional<driver::NetworkRef>& net,
                                     driver::NetworkEventCallback cb) override;
    Status deregisterNetworkEvent(int callback_id) override;
    Result<int> registerStoragePoolEvent(int event_id,
                                         const std::optional<driver::StoragePoolRef>& pool,
                                         driver::StoragePoolEventCallback cb) override;
    Status deregisterStoragePoolEvent(int callback_id) override;
    Result<int> registerNodeDeviceEvent(int event_id,
                                        const std::optional<driver::NodeDeviceRef>& dev,
                                        driver::NodeDeviceEventCallback cb) override;
    Status deregisterNodeDeviceEvent(int callback_id) override;
    Result<int> registerSecretEvent(int event_id, const std::optional<driver::SecretRef>& secret,
                                    driver::SecretEventCallback cb) override;
    Status deregisterSecretEvent(int callback_id) override;

    // A MESSAGE of the REMOTE program (I/O thread). Events go to their callbacks;
    // CONNECT_EVENT_CONNECTION_CLOSED goes to `on_closed` with its reason.
    void onMessage(int32_t proc, std::string_view payload);
    void setConnectionClosedHandler(std::function<void(int reason)> on_closed);

    enum class Kind { kDomain, kNetwork, kStoragePool, kNodeDevice, kSecret };

  private:
    using Callback = std::variant<driver::DomainEventCallback, driver::NetworkEventCallback,
                                  driver::StoragePoolEventCallback,
                                  driver::NodeDeviceEventCallback, driver::SecretEventCallback>;
    struct Key {
        Kind kind;
        int event_id;
        std::string filter;  // uuid or name of the object; empty for all objects
        auto operator<=>(const Key&) const = default;
    };
    struct Local {
        Key key;
        Callback cb;
    };
    struct ServerRegistration {
        int32_t server_id = -1;  // -1 on the legacy path (no callback ids)
        std::vector<int> locals;
    };

    // `subscribe()` performs the server registration for a new key (Result<int32_t>).
    Result<int> add(Key key, Callback cb, const std::function<Result<int32_t>()>& subscribe);
    // `unsubscribe(server_id)` drops the server registration once no local callback needs it.
    Status remove(Kind kind, int local_id, std::string_view api,
                  const std::function<Status(int32_t)>& unsubscribe);
    // Local callbacks for one decoded event, in registration order.
    std::vector<Callback> callbacksFor(Kind kind, int32_t server_id, int event_id,
                                       const std::string& object);
    bool legacyDomainEvents();

    Channel& ch_;
    std::mutex register_mutex_;  // serializes registrations (they make RPC calls)
    std::mutex table_mutex_;     // guards the tables below, held briefly
    std::mutex dispatch_mutex_;  // held while callbacks run, so removal can wait for them
    std::atomic<std::thread::id> dispatching_{};  // the thread running callbacks, if any
    int next_local_ = 0;
    std::map<int, Local> locals_;
    std::map<Key, ServerRegistration> servers_;
    std::function<void(int)> on_closed_;
};

}  // namespace nodevirt::remote
