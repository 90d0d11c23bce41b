// rpc::Server: nodevirtd's transport. One I/O thread (asio) accepts clients on unix and TCP
// listeners, reads and validates frames and hands them to a FrameHandler; a lazily grown
// worker pool runs the calls the handler chooses to move off the I/O thread. Also limits
// (clients, in-flight calls per client, outgoing bytes), idle detection and graceful shutdown.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "rpc/server_client.h"
#include "rpc/unique_function.h"
#include "util/result.h"

namespace nodevirt::rpc {

// Defaults follow libvirtd.conf.
struct ServerConfig {
    size_t max_clients = 5000;
    size_t max_workers = 20;
    size_t max_client_requests = 5;
    // A client that stops reading is disconnected once this much output is queued for it.
    size_t max_outgoing_bytes = size_t{64} << 20;
    // Upper bound for writing what is queued when a client is closed by the server.
    std::chrono::milliseconds close_flush_timeout{5000};
    // Shutdown: how long in-flight calls may take to finish, then how long queues may drain.
    std::chrono::milliseconds shutdown_drain_timeout{30000};
    std::chrono::milliseconds shutdown_flush_timeout{5000};
    // With no client connected for this long, on_idle runs on the I/O thread (0 = never).
    std::chrono::milliseconds idle_timeout{0};
    std::function<void()> on_idle;
};

struct UnixListenerConfig {
    std::string path;
    mode_t mode = 0666;
    std::optional<gid_t> group;  // chown the socket to this group
    bool read_only = false;      // clients see ServerClient::readOnly()
};

struct TcpListenerConfig {
    std::string address = "127.0.0.1";
    uint16_t port = 0;  // 0 picks a free port (tests)
    bool read_only = false;
};

class ServerCore;

class Server {
  public:
    Server(ServerConfig config, FrameHandler& handler);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    // Shuts down (as shutdown()) if still running.
    ~Server();

    // Listeners are added before start(). A stale unix socket file (nobody listening) is
    // replaced; a live one is an error. The socket file is removed at shutdown.
    Status addUnixListener(const UnixListenerConfig& config);
    // Returns the bound port.
    Result<uint16_t> addTcpListener(const TcpListenerConfig& config);

    // Starts the I/O thread.
    Status start();
    // Begins graceful shutdown from any thread (also the I/O thread or a signal-handling
    // thread): stop accepting, stop reading, let in-flight calls finish, flush, close.
    void requestShutdown();
    // Waits until shutdown completed and every thread is joined. Not from the I/O thread or a
    // worker.
    void wait();
    void shutdown() {
        requestShutdown();
        wait();
    }

    [[nodiscard]] size_t clientCount() const;
    // Runs `fn` on the worker pool / on the I/O thread.
    bool submitWork(UniqueFunction fn);
    void post(UniqueFunction fn);

  private:
    std::unique_ptr<ServerCore> core_;
};

}  // namespace nodevirt::rpc
