#include "client/event_dispatcher.h"

#include <utility>

namespace nodevirt::client {

EventDispatcher::EventDispatcher() : shared_(std::make_shared<Shared>()) {}

EventDispatcher::~EventDispatcher() { stop(); }

void EventDispatcher::post(Task task) {
    {
        std::lock_guard lock(shared_->mutex);
        if (shared_->stopping) return;
        shared_->queue.push_back(std::move(task));
    }
    shared_->wake.notify_one();
    std::lock_guard thread_lock(thread_mutex_);
    if (!thread_.joinable()) {
        std::lock_guard lock(shared_->mutex);
        if (shared_->stopping) return;
        auto shared = shared_;
        thread_ = std::thread([shared] { run(shared); });
        shared_->thread_id = thread_.get_id();
    }
}

void EventDispatcher::stop() {
    {
        std::lock_guard lock(shared_->mutex);
        shared_->stopping = true;
        shared_->queue.clear();
    }
    shared_->wake.notify_all();
    std::lock_guard thread_lock(thread_mutex_);
    if (!thread_.joinable()) return;
    if (thread_.get_id() == std::this_thread::get_id()) {
        thread_.detach();
    } else {
        thread_.join();
    }
}

bool EventDispatcher::onDispatchThread() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->thread_id == std::this_thread::get_id();
}

void EventDispatcher::run(const std::shared_ptr<Shared>& shared) {
    // Ends only through stop(); each iteration runs one queued task.
    for (;;) {
        Task task;
        {
            std::unique_lock lock(shared->mutex);
            shared->wake.wait(lock, [&] { return shared->stopping || !shared->queue.empty(); });
            if (shared->stopping) return;
            task = std::move(shared->queue.front());
            shared->queue.pop_front();
        }
        task();
    }
}

}  // namespace nodevirt::client
