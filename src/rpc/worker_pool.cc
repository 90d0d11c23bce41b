#include "rpc/worker_pool.h"

#include <algorithm>

#include "util/logging.h"

namespace nodevirt::rpc {

WorkerPool::WorkerPool(size_t max_workers) : max_workers_(std::max<size_t>(1, max_workers)) {}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::submit(UniqueFunction job) {
    Worker* wake = nullptr;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        jobs_.push_back(std::move(job));
        if (!idle_.empty()) {
            wake = idle_.back();
            idle_.pop_back();
        } else if (workers_.size() < max_workers_) {
            // A new thread only when none is idle: the pool grows with real concurrency.
            auto w = std::make_unique<Worker>();
            Worker* raw = w.get();
            workers_.push_back(std::move(w));
            raw->thread = std::thread([this, raw] { run(raw); });
        }
    }
    if (wake != nullptr) wake->parker.unpark();
    return true;
}

void WorkerPool::run(Worker* self) {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!jobs_.empty()) {
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
            continue;
        }
        if (stopping_) return;
        idle_.push_back(self);
        lock.unlock();
        self->parker.park();  // submit() or stop() took us off idle_ and unparked us
        lock.lock();
    }
}

void WorkerPool::stop() {
    std::vector<Worker*> idle;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        idle.swap(idle_);
    }
    for (Worker* w : idle) w->parker.unpark();
    // Threads are only added while not stopping, so this list is final.
    for (auto& w : workers_) {
        if (w->thread.joinable()) w->thread.join();
    }
}

bool WorkerPool::idle() const {
    std::lock_guard lock(mutex_);
    return jobs_.empty() && running_ == 0;
}

size_t WorkerPool::threads() const {
    std::lock_guard lock(mutex_);
    return workers_.size();
}

}  // namespace nodevirt::rpc
