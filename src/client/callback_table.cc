#include "client/callback_table.h"

#include <utility>

namespace nodevirt::client {

int CallbackTable::add(EventKind kind, AnyEventCallback callback) {
    std::lock_guard lock(mutex_);
    int id = next_id_++;
    entries_[id] = Entry{kind, -1, std::make_shared<const AnyEventCallback>(std::move(callback))};
    return id;
}

void CallbackTable::setDriverId(int id, int driver_id) {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(id); it != entries_.end()) it->second.driver_id = driver_id;
}

std::optional<CallbackTable::Entry> CallbackTable::remove(int id, EventKind kind,
                                                          bool on_dispatch_thread) {
    std::unique_lock lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.kind != kind) return std::nullopt;
    Entry entry = std::move(it->second);
    entries_.erase(it);
    if (!on_dispatch_thread) idle_.wait(lock, [&] { return running_ != id; });
    return entry;
}

std::map<int, CallbackTable::Entry> CallbackTable::takeAll() {
    std::lock_guard lock(mutex_);
    return std::exchange(entries_, {});
}

}  // namespace nodevirt::client
