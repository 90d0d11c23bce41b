// EventChannel<Event, Key>: subscribers of one kind of event, each with an event id and an
// optional object key. Events are delivered in publication order, outside the publisher's
// locks, to exactly the subscriptions that existed when the event was published.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace nodevirt::core {

template <typename Event, typename Key>
class EventChannel {
  public:
    using Callback = std::function<void(const Event&)>;
    using KeyOf = Key (*)(const Event&);

    // `ids` hands out callback ids shared by all channels of one bus (never 0 or reused).
    EventChannel(KeyOf key_of, std::atomic<int>* ids) : key_of_(key_of), ids_(ids) {}
    EventChannel(const EventChannel&) = delete;
    EventChannel& operator=(const EventChannel&) = delete;

    // Registers `cb` for events with `event_id`, restricted to `key` when given.
    int subscribe(int event_id, std::optional<Key> key, Callback cb) {
        auto sub = std::make_shared<Sub>();
        sub->id = ids_->fetch_add(1) + 1;
        sub->event_id = event_id;
        sub->key = std::move(key);
        sub->cb = std::move(cb);
        std::lock_guard lock(mutex_);
        subs_.push_back(sub);
        return sub->id;
    }

    // After this returns the callback is not running and will not run again, except when
    // called from inside that very callback (which may then finish normally).
    bool unsubscribe(int id) {
        std::unique_lock lock(mutex_);
        bool found = false;
        for (auto it = subs_.begin(); it != subs_.end(); ++it) {
            if ((*it)->id != id) continue;
            (*it)->removed = true;
            subs_.erase(it);
            found = true;
            break;
        }
        if (!found) return false;
        if (dispatcher_ != std::this_thread::get_id()) {
            idle_.wait(lock, [&] { return running_ != id; });
        }
        return true;
    }

    void publish(Event ev) {
        std::unique_lock lock(mutex_);
        Key key = key_of_(ev);
        Pending p{std::move(ev), {}};
        for (const auto& s : subs_) {
            if (s->event_id == p.event.event_id && (!s->key || *s->key == key)) {
                p.targets.push_back(s);
            }
        }
        if (p.targets.empty()) return;
        queue_.push_back(std::move(p));
        // Another thread is already draining the queue; it will deliver this one in order.
        if (dispatching_) return;
        dispatching_ = true;
        dispatcher_ = std::this_thread::get_id();
        while (!queue_.empty()) {
            Pending cur = std::move(queue_.front());
            queue_.pop_front();
            for (const auto& t : cur.targets) {
                if (t->removed) continue;
                running_ = t->id;
                lock.unlock();
                t->cb(cur.event);
                lock.lock();
                running_ = 0;
                idle_.notify_all();
            }
        }
        dispatching_ = false;
        dispatcher_ = std::thread::id();
    }

    [[nodiscard]] size_t subscriberCount() const {
        std::lock_guard lock(mutex_);
        return subs_.size();
    }

  private:
    struct Sub {
        int id = 0;
        int event_id = 0;
        std::optional<Key> key;
        Callback cb;
        bool removed = false;  // guarded by mutex_
    };
    struct Pending {
        Event event;
        std::vector<std::shared_ptr<Sub>> targets;
    };

    KeyOf key_of_;
    std::atomic<int>* ids_;
    mutable std::mutex mutex_;
    std::condition_variable idle_;
    std::vector<std::shared_ptr<Sub>> subs_;
    std::deque<Pending> queue_;
    bool dispatching_ = false;
    std::thread::id dispatcher_;
    int running_ = 0;  // id of the callback executing now, 0 when none
};

}  // namespace nodevirt::core
