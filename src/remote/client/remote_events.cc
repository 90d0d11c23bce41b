#include "remote/client/remote_events.h"

#include <fmt/format.h>

#include <algorithm>

#include "remote/client/call_helpers.h"
#include "remote/common/event_codec.h"
#include "util/logging.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

namespace {

template <typename Ref>
std::string filterOf(const std::optional<Ref>& ref) {
    if (!ref) return {};
    if constexpr (requires { ref->uuid; }) {
        return ref->uuid.toString();
    } else {
        return ref->name;
    }
}

template <typename Ref>
auto optionalWire(const std::optional<Ref>& ref) {
    using W = decltype(toWire(*ref));
    return ref ? std::optional<W>(toWire(*ref)) : std::nullopt;
}

Error notRegistered(std::string_view api, int id) {
    return Error::make(ErrorCode::kInvalidArg, ErrorDomain::kNone,
                       fmt::format("callback ID {} not registered in {}", id, api));
}

// Runs every callback of the matching alternative with `event`.
template <typename Cb, typename Event, typename Callbacks>
void deliver(const Callbacks& callbacks, const Event& event) {
    for (const auto& cb : callbacks) {
        if (const Cb* fn = std::get_if<Cb>(&cb); fn && *fn) (*fn)(event);
    }
}

}  // namespace

bool RemoteEvents::legacyDomainEvents() {
    return !ch_.supportsFeature(Feature::kRemoteEventCallback);
}

Result<int> RemoteEvents::add(Key key, Callback cb,
                              const std::function<Result<int32_t>()>& subscribe) {
    std::lock_guard reg(register_mutex_);
    bool needs_server = false;
    {
        std::lock_guard lock(table_mutex_);
        needs_server = servers_.find(key) == servers_.end();
    }
    int32_t server_id = -1;
    if (needs_server) {
        NODEVIRT_ASSIGN_OR_RETURN(server_id, subscribe());
    }
    std::lock_guard lock(table_mutex_);
    ServerRegistration& sr = servers_[key];
    if (needs_server) sr.server_id = server_id;
    int local = next_local_++;
    sr.locals.push_back(local);
    locals_.emplace(local, Local{std::move(key), std::move(cb)});
    return local;
}

Status RemoteEvents::remove(Kind kind, int local_id, std::string_view api,
                            const std::function<Status(int32_t)>& unsubscribe) {
    std::lock_guard reg(register_mutex_);
    std::optional<int32_t> last_server_id;
    {
        std::lock_guard lock(table_mutex_);
        auto it = locals_.find(local_id);
        if (it == locals_.end() || it->second.key.kind != kind) {
            return fail(notRegistered(api, local_id));
        }
        Key key = it->second.key;
        locals_.erase(it);
        auto sit = servers_.find(key);
        if (sit != servers_.end()) {
            std::erase(sit->second.locals, local_id);
            if (sit->second.locals.empty()) {
                last_server_id = sit->second.server_id;
                servers_.erase(sit);
            }
        }
    }
    // After this, the removed callback is not running and never runs again (unless a callback
    // removes itself, on the dispatching thread).
    if (dispatching_.load() != std::this_thread::get_id()) {
        std::lock_guard wait_for_dispatch(dispatch_mutex_);
    }
    if (last_server_id) return unsubscribe(*last_server_id);
    return ok();
}

std::vector<RemoteEvents::Callback> RemoteEvents::callbacksFor(Kind kind, int32_t server_id,
                                                               int event_id,
                                                               const std::string& object) {
    std::vector<Callback> out;
    std::lock_guard lock(table_mutex_);
    for (const auto& [key, sr] : servers_) {
        bool match = server_id >= 0
                         ? key.kind == kind && sr.server_id == server_id
                         : key.kind == kind && key.event_id == event_id &&
                               (key.filter.empty() || key.filter == object);
        if (!match) continue;
        for (int local : sr.locals) {
            auto it = locals_.find(local);
            if (it != locals_.end()) out.push_back(it->second.cb);
        }
    }
    return out;
}

// --- domain events

Result<int> RemoteEvents::registerDomainEvent(int event_id,
                                              const std::optional<driver::DomainRef>& dom,
                                              driver::DomainEventCallback cb) {
    if (legacyDomainEvents()) {
        // Old servers: one registration per event id, no filter; filtering happens here.
        return add({Kind::kDomain, event_id, filterOf(dom)}, std::move(cb), [&]() -> Result<int32_t> {
            {
                std::lock_guard lock(table_mutex_);
                for (const auto& [key, sr] : servers_) {
                    if (key.kind == Kind::kDomain && key.event_id == event_id) return -1;
                }
            }
            NODEVIRT_TRY(ch_.call<pr::ConnectDomainEventRegisterAny>({event_id}));
            return -1;
        });
    }
    return add({Kind::kDomain, event_id, filterOf(dom)}, std::move(cb), [&]() -> Result<int32_t> {
        NODEVIRT_ASSIGN_OR_RETURN(
            auto r, ch_.call<pr::ConnectDomainEventCallbackRegisterAny>({event_id, optionalWire(dom)}));
        return r.callback_id;
    });
}

Status RemoteEvents::deregisterDomainEvent(int callback_id) {
    int event_id = -1;
    {
        std::lock_guard lock(table_mutex_);
        if (auto it = locals_.find(callback_id); it != locals_.end()) event_id = it->second.key.event_id;
    }
    return remove(Kind::kDomain, callback_id, "virConnectDomainEventDeregisterAny",
                  [&](int32_t server_id) -> Status {
                      if (server_id >= 0) {
                          return callVoid<pr::ConnectDomainEventCallbackDeregisterAny>(ch_, {server_id});
                      }
                      // Legacy: the server registration is per event id, shared by all filters.
                      {
                          std::lock_guard lock(table_mutex_);
                          for (const auto& [key, sr] : servers_) {
                              if (key.kind == Kind::kDomain && key.event_id == event_id) return ok();
                          }
                      }
                      return callVoid<pr::ConnectDomainEventDeregisterAny>(ch_, {event_id});
                  });
}

// --- other kinds: one procedure pair each, always with callback ids

Result<int> RemoteEvents::registerNetworkEvent(int event_id,
                                               const std::optional<driver::NetworkRef>& net,
                                               driver::NetworkEventCallback cb) {
    return add({Kind::kNetwork, event_id, filterOf(net)}, std::move(cb), [&]() -> Result<int32_t> {
        NODEVIRT_ASSIGN_OR_RETURN(
            auto r, ch_.call<pr::ConnectNetworkEventRegisterAny>({event_id, optionalWire(net)}));
        return r.callback_id;
    });
}

Status RemoteEvents::deregisterNetworkEvent(int callback_id) {
    return remove(Kind::kNetwork, callback_id, "virConnectNetworkEventDeregisterAny",
                  [&](int32_t id) { return callVoid<pr::ConnectNetworkEventDeregisterAny>(ch_, {id}); });
}

Result<int> RemoteEvents::registerStoragePoolEvent(int event_id,
                                                   const std::optional<driver::StoragePoolRef>& pool,
                                                   driver::StoragePoolEventCallback cb) {
    return add({Kind::kStoragePool, event_id, filterOf(pool)}, std::move(cb),
               [&]() -> Result<int32_t> {
                   NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectStoragePoolEventRegisterAny>(
                                                         {event_id, optionalWire(pool)}));
                   return r.callback_id;
               });
}

Status RemoteEvents::deregisterStoragePoolEvent(int callback_id) {
    return remove(Kind::kStoragePool, callback_id, "virConnectStoragePoolEventDeregisterAny",
                  [&](int32_t id) {
                      return callVoid<pr::ConnectStoragePoolEventDeregisterAny>(ch_, {id});
                  });
}

Result<int> RemoteEvents::registerNodeDeviceEvent(int event_id,
                                                  const std::optional<driver::NodeDeviceRef>& dev,
                                                  driver::NodeDeviceEventCallback cb) {
    return add({Kind::kNodeDevice, event_id, filterOf(dev)}, std::move(cb),
               [&]() -> Result<int32_t> {
                   NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNodeDeviceEventRegisterAny>(
                                                         {event_id, optionalWire(dev)}));
                   return r.callback_id;
               });
}

Status RemoteEvents::deregisterNodeDeviceEvent(int callback_id) {
    return remove(Kind::kNodeDevice, callback_id, "virConnectNodeDeviceEventDeregisterAny",
                  [&](int32_t id) {
                      return callVoid<pr::ConnectNodeDeviceEventDeregisterAny>(ch_, {id});
                  });
}

Result<int> RemoteEvents::registerSecretEvent(int event_id,
                                              const std::optional<driver::SecretRef>& secret,
                                              driver::SecretEventCallback cb) {
    return add({Kind::kSecret, event_id, filterOf(secret)}, std::move(cb), [&]() -> Result<int32_t> {
        NODEVIRT_ASSIGN_OR_RETURN(
            auto r, ch_.call<pr::ConnectSecretEventRegisterAny>({event_id, optionalWire(secret)}));
        return r.callback_id;
    });
}

Status RemoteEvents::deregisterSecretEvent(int callback_id) {
    return remove(Kind::kSecret, callback_id, "virConnectSecretEventDeregisterAny",
                  [&](int32_t id) { return callVoid<pr::ConnectSecretEventDeregisterAny>(ch_, {id}); });
}

// --- delivery

void RemoteEvents::setConnectionClosedHandler(std::function<void(int reason)> on_closed) {
    std::lock_guard lock(table_mutex_);
    on_closed_ = std::move(on_closed);
}

void RemoteEvents::onMessage(int32_t proc, std::string_view payload) {
    std::lock_guard dispatch(dispatch_mutex_);
    dispatching_.store(std::this_thread::get_id());
    struct Done {
        std::atomic<std::thread::id>& id;
        ~Done() { id.store(std::thread::id()); }
    } done_dispatching{dispatching_};
    auto bad = [proc](const Error& e) {
        log::warn("remote: dropping undecodable event (procedure {}): {}", proc, e.message);
    };
    if (proc == pr::ConnectEventConnectionClosed::kNumber) {
        auto msg = protocol::decodePayload<p::ConnectEventConnectionClosedMsg>(payload);
        if (!msg) return bad(msg.error());
        std::function<void(int)> handler;
        {
            std::lock_guard lock(table_mutex_);
            handler = on_closed_;
        }
        if (handler) handler(msg->reason);
        return;
    }
    if (domainEventIdOfProc(proc) >= 0) {
        auto ev = decodeDomainEvent(proc, payload);
        if (!ev) return bad(ev.error());
        auto cbs = callbacksFor(Kind::kDomain, ev->callback_id, ev->event.event_id,
                                ev->event.dom.uuid.toString());
        return deliver<driver::DomainEventCallback>(cbs, ev->event);
    }
    if (proc == pr::NetworkEventLifecycle::kNumber) {
        auto ev = decodeNetworkEvent(proc, payload);
        if (!ev) return bad(ev.error());
        auto cbs = callbacksFor(Kind::kNetwork, ev->callback_id, ev->event.event_id, {});
        return deliver<driver::NetworkEventCallback>(cbs, ev->event);
    }
    if (proc == pr::StoragePoolEventLifecycle::kNumber || proc == pr::StoragePoolEventRefresh::kNumber) {
        auto ev = decodeStoragePoolEvent(proc, payload);
        if (!ev) return bad(ev.error());
        auto cbs = callbacksFor(Kind::kStoragePool, ev->callback_id, ev->event.event_id, {});
        return deliver<driver::StoragePoolEventCallback>(cbs, ev->event);
    }
    if (proc == pr::NodeDeviceEventLifecycle::kNumber || proc == pr::NodeDeviceEventUpdate::kNumber) {
        auto ev = decodeNodeDeviceEvent(proc, payload);
        if (!ev) return bad(ev.error());
        auto cbs = callbacksFor(Kind::kNodeDevice, ev->callback_id, ev->event.event_id, {});
        return deliver<driver::NodeDeviceEventCallback>(cbs, ev->event);
    }
    if (proc == pr::SecretEventLifecycle::kNumber || proc == pr::SecretEventValueChanged::kNumber) {
        auto ev = decodeSecretEvent(proc, payload);
        if (!ev) return bad(ev.error());
        auto cbs = callbacksFor(Kind::kSecret, ev->callback_id, ev->event.event_id, {});
        return deliver<driver::SecretEventCallback>(cbs, ev->event);
    }
    log::debug("remote: ignoring event message with unknown procedure {}", proc);
}

}  // namespace nodevirt::remote
