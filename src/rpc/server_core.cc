#include "rpc/server_core.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/post.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "rpc/connection.h"
#include "rpc/listener.h"
#include "util/logging.h"

namespace nodevirt::rpc {
namespace {

// Connections accepted per readiness event before other work gets a turn.
constexpr int kAcceptsPerWakeup = 32;
// How often the shutdown sequence re-checks its conditions.
constexpr std::chrono::milliseconds kShutdownPoll{5};
// Back-off when accept fails for lack of descriptors.
constexpr std::chrono::milliseconds kAcceptRetry{100};

Error notInState(const char* what) {
    return Error::raw(ErrorCode::kOperationInvalid, ErrorDomain::kRpc, what);
}

}  // namespace

ServerCore::ServerCore(ServerConfig config, FrameHandler& handler)
    : config_(std::move(config)),
      handler_(handler),
      work_(asio::make_work_guard(io_)),
      idle_timer_(io_),
      shutdown_timer_(io_),
      workers_(std::make_shared<WorkerPool>(config_.max_workers)) {}

ServerCore::~ServerCore() {
    requestShutdown();
    wait();
}

Status ServerCore::addUnixListener(const UnixListenerConfig& config) {
    if (phase_ != Phase::kIdle) return fail(notInState("listeners must be added before start"));
    NODEVIRT_ASSIGN_OR_RETURN(UniqueFd fd, listenUnix(config));
    auto l = std::make_unique<Listener>();
    l->descriptor = std::make_unique<asio::posix::stream_descriptor>(io_, fd.release());
    l->retry_timer = std::make_unique<asio::steady_timer>(io_);
    l->name = "unix:" + config.path;
    l->unlink_path = config.path;
    l->unix_socket = true;
    l->read_only = config.read_only;
    listeners_.push_back(std::move(l));
    return ok();
}

Result<uint16_t> ServerCore::addTcpListener(const TcpListenerConfig& config) {
    if (phase_ != Phase::kIdle) return fail(notInState("listeners must be added before start"));
    NODEVIRT_ASSIGN_OR_RETURN(TcpListenSocket sock, listenTcp(config));
    auto l = std::make_unique<Listener>();
    l->descriptor = std::make_unique<asio::posix::stream_descriptor>(io_, sock.fd.release());
    l->retry_timer = std::make_unique<asio::steady_timer>(io_);
    l->name = sock.name;
    l->read_only = config.read_only;
    listeners_.push_back(std::move(l));
    return sock.port;
}

Status ServerCore::start() {
    if (phase_ != Phase::kIdle) return fail(notInState("server already started"));
    phase_ = Phase::kRunning;
    for (auto& l : listeners_) armAccept(*l);
    armIdleTimer();
    thread_ = std::thread([this] {
        // Handlers are exception-free by contract; a stray exception must not kill the daemon
        // silently, so it is logged and the loop goes on.
        for (int restarts = 0; restarts < 1000; ++restarts) {
            try {
                io_.run();
                return;
            } catch (const std::exception& e) {
                log::error("rpc: exception escaped the event loop: {}", e.what());
            }
        }
    });
    return ok();
}

// ---- accept --------------------------------------------------------------------------------

void ServerCore::armAccept(Listener& l) {
    l.descriptor->async_wait(asio::posix::stream_descriptor::wait_read,
                             [this, &l](const asio::error_code& ec) {
                                 if (!ec) onAcceptReady(l);
                             });
}

void ServerCore::onAcceptReady(Listener& l) {
    if (phase_ != Phase::kRunning) return;
    for (int i = 0; i < kAcceptsPerWakeup; ++i) {
        int fd = ::accept4(l.descriptor->native_handle(), nullptr, nullptr,
                           SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            acceptOne(l, UniqueFd(fd));
            continue;
        }
        int err = errno;
        if (err == EAGAIN || err == EWOULDBLOCK) break;
        if (err == EINTR || err == ECONNABORTED || err == EPROTO) continue;
        log::error("rpc: accept on {} failed: {}", l.name, std::strerror(err));
        if (err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM) {
            l.retry_timer->expires_after(kAcceptRetry);
            l.retry_timer->async_wait([this, &l](const asio::error_code& ec) {
                if (!ec) armAccept(l);
            });
            return;
        }
        break;
    }
    armAccept(l);
}

void ServerCore::acceptOne(Listener& l, UniqueFd fd) {
    uint64_t id = next_id_.fetch_add(1);
    if (client_count_.load() >= config_.max_clients) {
        log::warn("rpc: client {} on {} rejected: max_clients ({}) reached", id, l.name,
                  config_.max_clients);
        return;  // fd closes here
    }
    PeerCredentials creds;
    if (l.unix_socket) {
        creds = readPeerCredentials(fd.get());
    } else {
        int one = 1;
        ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    std::string description = l.name;
    if (creds.known) description += fmt::format(" pid {} uid {}", creds.pid, creds.uid);
    auto transport = std::make_unique<SocketTransport>(std::move(fd), l.unix_socket, description);
    auto conn = std::make_shared<Connection>(*this, id, std::move(transport), creds, l.read_only);
    connections_.emplace(id, conn);
    client_count_.fetch_add(1);
    idle_timer_.cancel();
    log::debug("rpc: client {} connected on {}", id, description);
    conn->start();
}

void ServerCore::connectionClosed(const std::shared_ptr<Connection>& conn, bool notify) {
    if (connections_.erase(conn->id()) == 0) return;
    client_count_.fetch_sub(1);
    try {
        if (notify) handler_.onDisconnect(conn);
    } catch (const std::exception& e) {
        log::error("rpc: client {}: disconnect handler threw: {}", conn->id(), e.what());
    }
    conn->setContext(nullptr);
    if (connections_.empty()) armIdleTimer();
}

void ServerCore::armIdleTimer() {
    if (config_.idle_timeout.count() <= 0 || !config_.on_idle || phase_ != Phase::kRunning) return;
    idle_timer_.expires_after(config_.idle_timeout);
    idle_timer_.async_wait([this](const asio::error_code& ec) {
        if (ec || !connections_.empty() || phase_ != Phase::kRunning) return;
        config_.on_idle();
    });
}

// ---- shutdown ------------------------------------------------------------------------------

void ServerCore::requestShutdown() {
    if (shutdown_requested_.exchange(true)) return;
    asio::post(io_, [this] { beginShutdownIo(); });
}

void ServerCore::closeListeners() {
    for (auto& l : listeners_) {
        asio::error_code ec;
        l->retry_timer->cancel();
        l->descriptor->close(ec);
        if (!l->unlink_path.empty()) ::unlink(l->unlink_path.c_str());
    }
}

void ServerCore::beginShutdownIo() {
    if (phase_ != Phase::kRunning && phase_ != Phase::kIdle) return;
    log::info("rpc: shutting down: {} clients connected", connections_.size());
    closeListeners();
    idle_timer_.cancel();
    for (auto& [id, conn] : connections_) conn->stopReading();
    phase_ = Phase::kDraining;
    phase_deadline_ = std::chrono::steady_clock::now() + config_.shutdown_drain_timeout;
    checkShutdown();
}

void ServerCore::checkShutdown() {
    auto now = std::chrono::steady_clock::now();
    if (phase_ == Phase::kDraining) {
        bool busy = !workers_->idle();
        for (auto& [id, conn] : connections_) busy = busy || conn->inflight() > 0;
        if (busy && now < phase_deadline_) {
            shutdown_timer_.expires_after(kShutdownPoll);
            shutdown_timer_.async_wait([this](const asio::error_code& ec) {
                if (!ec) checkShutdown();
            });
            return;
        }
        if (busy) log::warn("rpc: shutdown: calls still running after the drain timeout");
        phase_ = Phase::kFlushing;
        phase_deadline_ = now + config_.shutdown_flush_timeout;
        // close() flushes first; connections leave the registry as they finish.
        for (auto& [id, conn] : connections_) conn->close();
    }
    if (phase_ == Phase::kFlushing) {
        if (!connections_.empty() && now < phase_deadline_) {
            shutdown_timer_.expires_after(kShutdownPoll);
            shutdown_timer_.async_wait([this](const asio::error_code& ec) {
                if (!ec) checkShutdown();
            });
            return;
        }
        finishShutdownIo();
    }
}

void ServerCore::finishShutdownIo() {
    // Copy: closeNow() removes entries from the registry.
    auto remaining = connections_;
    for (auto& [id, conn] : remaining) conn->closeNow("server shutdown", !conn->closed());
    phase_ = Phase::kStopped;
    work_.reset();
    io_.stop();
}

void ServerCore::wait() {
    std::lock_guard lock(wait_mutex_);
    if (joined_) return;
    if (thread_.joinable()) {
        thread_.join();
    } else if (phase_ == Phase::kIdle) {
        // Never started: run the shutdown steps on this thread.
        beginShutdownIo();
        io_.restart();
        io_.run();
    }
    workers_->stop();
    // Handlers still queued (e.g. posted by workers that just finished) only hold references.
    io_.restart();
    io_.poll();
    joined_ = true;
}

}  // namespace nodevirt::rpc
