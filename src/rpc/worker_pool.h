// WorkerPool: the threads that run calls which may block (process start/stop, monitor
// commands, disk I/O). Threads start lazily up to `max_workers`, so a daemon whose calls all
// take the I/O-thread fast path never pays for idle workers. Idle workers sleep on their own
// Parker, so handing a job over costs one wake and one wait.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "rpc/parker.h"
#include "rpc/unique_function.h"

namespace nodevirt::rpc {

class WorkerPool {
  public:
    explicit WorkerPool(size_t max_workers);
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    // Runs every queued job, then joins the threads.
    ~WorkerPool();

    // Queues a job; false (job dropped) once stop() has begun.
    bool submit(UniqueFunction job);
    // Stops taking jobs, lets queued and running ones finish, joins all threads. Idempotent.
    // Must not be called from a worker thread.
    void stop();
    // True when nothing is queued or running.
    [[nodiscard]] bool idle() const;
    [[nodiscard]] size_t threads() const;
    [[nodiscard]] size_t maxWorkers() const { return max_workers_; }

  private:
    struct Worker {
        std::thread thread;
        Parker parker;
    };
    void run(Worker* self);

    const size_t max_workers_;
    mutable std::mutex mutex_;
    std::deque<UniqueFunction> jobs_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<Worker*> idle_;  // parked, waiting for a job
    size_t running_ = 0;
    bool stopping_ = false;
};

}  // namespace nodevirt::rpc
