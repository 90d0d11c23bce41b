#include "rpc/worker_pool.h"

#include <algorithm>

#include "util/logging.h"

namespace nodevirt::rpc {

WorkerPool::WorkerPool(size_t max_workers) : max_workers_(std::max<size_t>(1, max_workers)) {}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::submit(UniqueFunction job) {
    std::unique_lock lock(mutex_);
    if (stopping_) return false;
    jobs_.push_back(std::move(job));
    // A new thread only when every existing one is busy: the pool grows with real
    // concurrency, not with the number of calls.
    if (idle_threads_ < jobs_.size() && threads_.size() < max_workers_) {
        threads_.emplace_back([this] { run(); });
        return true;
    }
    lock.unlock();
    wake_.notify_one();
    return true;
}

void WorkerPool::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_threads_;
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        --idle_threads_;
        if (jobs_.empty()) return;  // stopping and drained
        UniqueFunction job = std::move(jobs_.front());
        jobs_.pop_front();
        ++running_;
        lock.unlock();
        try {
            job();
        } catch (const std::exception& e) {
            log::error("rpc: worker job threw: {}", e.what());
        } catch (...) {
            log::error("rpc: worker job threw a non-standard exception");
        }
        // The job (and whatever it captured) is destroyed before the pool counts it done.
        job = UniqueFunction();
        lock.lock();
        --running_;
    }
}

void WorkerPool::stop() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        threads.swap(threads_);
    }
    wake_.notify_all();
    for (auto& t : threads) t.join();
}

bool WorkerPool::idle() const {
    std::lock_guard lock(mutex_);
    return jobs_.empty() && running_ == 0;
}

size_t WorkerPool::threads() const {
    std::lock_guard lock(mutex_);
    return threads_.size();
}

}  // namespace nodevirt::rpc
