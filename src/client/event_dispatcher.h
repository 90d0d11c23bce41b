// The library-owned thread that runs a connection's event and close callbacks: one FIFO per
// connection, so callbacks see events in publication order and never run on a driver thread
// or under a driver lock. The thread starts on the first post().
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace nodevirt::client {

class EventDispatcher {
  public:
    using Task = std::function<void()>;

    EventDispatcher();
    ~EventDispatcher();
    EventDispatcher(const EventDispatcher&) = delete;
    EventDispatcher& operator=(const EventDispatcher&) = delete;

    // Queues `task`; ignored once stop() was called.
    void post(Task task);
    // Drops queued tasks and ends the thread. Joins it, except when called from the dispatch
    // thread itself (the last handle died inside a callback): then the thread is detached
    // and exits as soon as the running task returns.
    void stop();
    [[nodiscard]] bool onDispatchThread() const;

  private:
    // Shared with the thread so a detached thread never touches freed memory.
    struct Shared {
        std::mutex mutex;
        std::condition_variable wake;
        std::deque<Task> queue;
        bool stopping = false;
        std::thread::id thread_id;
    };
    static void run(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> shared_;
    std::mutex thread_mutex_;  // guards thread_ start/stop
    std::thread thread_;
};

}  // namespace nodevirt::client
