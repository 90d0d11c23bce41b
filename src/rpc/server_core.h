// ServerCore: the state behind rpc::Server, shared with its connections: the io_context and
// its thread, the worker pool, the handler, listeners with their accept loops, the registry of
// live connections, idle detection and the shutdown sequence.
#pragma once

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rpc/server.h"
#include "rpc/worker_pool.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

class Connection;

class ServerCore {
  public:
    ServerCore(ServerConfig config, FrameHandler& handler);
    ~ServerCore();

    Status addUnixListener(const UnixListenerConfig& config);
    Result<uint16_t> addTcpListener(const TcpListenerConfig& config);
    Status start();
    void requestShutdown();
    void wait();
    [[nodiscard]] size_t clientCount() const { return client_count_.load(); }

    // Shared with connections.
    asio::io_context& io() { return io_; }
    WorkerPool& workers() { return *workers_; }
    // Connections keep the pool alive: a handler may still hold a ClientRef after the server
    // is gone, and then submitWork() must find a stopped pool, not freed memory.
    const std::shared_ptr<WorkerPool>& workerPool() { return workers_; }
    FrameHandler& handler() { return handler_; }
    const ServerConfig& config() const { return config_; }
    // I/O thread: a connection finished closing.
    // `notify`: the handler saw onConnect, so it gets onDisconnect.
    void connectionClosed(const std::shared_ptr<Connection>& conn, bool notify);

  private:
    struct Listener {
        std::unique_ptr<asio::posix::stream_descriptor> descriptor;
        std::unique_ptr<asio::steady_timer> retry_timer;
        std::string name;  // socket path or "tcp:addr:port"
        std::string unlink_path;
        bool unix_socket = false;
        bool read_only = false;
    };
    enum class Phase { kIdle, kRunning, kDraining, kFlushing, kStopped };

    void armAccept(Listener& l);
    void onAcceptReady(Listener& l);
    void acceptOne(Listener& l, UniqueFd fd);
    void closeListeners();
    void beginShutdownIo();
    void checkShutdown();
    void finishShutdownIo();
    void armIdleTimer();

    ServerConfig config_;
    FrameHandler& handler_;
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::thread thread_;
    std::vector<std::unique_ptr<Listener>> listeners_;
    std::map<uint64_t, std::shared_ptr<Connection>> connections_;  // I/O thread
    asio::steady_timer idle_timer_;
    asio::steady_timer shutdown_timer_;
    std::chrono::steady_clock::time_point phase_deadline_;
    Phase phase_ = Phase::kIdle;  // I/O thread once running
    std::atomic<uint64_t> next_id_{1};
    std::atomic<size_t> client_count_{0};
    std::atomic<bool> shutdown_requested_{false};
    std::mutex wait_mutex_;
    bool joined_ = false;
    // Declared last: released first, so workers still running can reach everything above.
    std::shared_ptr<WorkerPool> workers_;
};

}  // namespace nodevirt::rpc
