// The event callbacks registered on one connection, by public callback id. Delivery looks a
// callback up at the moment it runs, so a deregistered callback is never called again; and
// remove() waits while that callback is running on the dispatch thread, so after
// deregister returns the application may free what the callback uses.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

#include "nodevirt/events.h"

namespace nodevirt::client {

enum class EventKind { kDomain, kNetwork, kStoragePool, kNodeDevice, kSecret };

using AnyEventCallback =
    std::variant<DomainEventCallback, NetworkEventCallback, StoragePoolEventCallback,
                 NodeDeviceEventCallback, SecretEventCallback>;

class CallbackTable {
  public:
    struct Entry {
        EventKind kind = EventKind::kDomain;
        int driver_id = -1;  // the id the driver gave the registration
        std::shared_ptr<const AnyEventCallback> callback;
    };

    // Reserves a public id for a callback about to be registered with the driver.
    int add(EventKind kind, AnyEventCallback callback);
    void setDriverId(int id, int driver_id);
    // Removes `id` if it is registered with this kind; waits until it is not running unless
    // called from `dispatch_thread` (a callback deregistering itself).
    std::optional<Entry> remove(int id, EventKind kind, bool on_dispatch_thread);
    // Every entry, removed at once (connection teardown).
    std::map<int, Entry> takeAll();

    // Runs `fn(callback)` for `id` if still registered; called on the dispatch thread only.
    template <typename Callback, typename Fn>
    void invoke(int id, Fn&& fn) {
        std::shared_ptr<const AnyEventCallback> cb;
        {
            std::lock_guard lock(mutex_);
            auto it = entries_.find(id);
            if (it == entries_.end()) return;
            cb = it->second.callback;
            running_ = id;
        }
        if (const auto* typed = std::get_if<Callback>(cb.get()); typed && *typed) fn(*typed);
        {
            std::lock_guard lock(mutex_);
            running_ = 0;
        }
        idle_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable idle_;
    std::map<int, Entry> entries_;
    int next_id_ = 1;
    int running_ = 0;  // the id whose callback is running now, 0 = none
};

}  // namespace nodevirt::client
