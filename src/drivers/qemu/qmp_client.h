// QmpClient: an asynchronous client for QEMU's monitor protocol on a unix socket. It reads the
// greeting, negotiates capabilities, runs commands one at a time with ids and per-command
// timeouts, passes descriptors with SCM_RIGHTS, delivers events in arrival order, and reports
// end of file (QEMU died) at once. Lives on an asio::io_context (the daemon's event loop);
// SyncQmpClient (qmp_sync_client.h) wraps it for blocking callers.
#pragma once

#include <asio/io_context.hpp>
#include <asio/local/stream_protocol.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::qemu {

using Json = nlohmann::json;

// One asynchronous event ({"event": ..., "data": ..., "timestamp": ...}).
struct QmpEvent {
    std::string name;
    Json data;  // an object; null when QEMU sent none
    int64_t seconds = 0;
    int64_t microseconds = 0;
};

// The greeting's version and advertised capabilities.
struct QmpGreeting {
    int major = 0;
    int minor = 0;
    int micro = 0;
    std::string package;
    std::vector<std::string> capabilities;
};

// Error messages, so callers can tell why a command failed. A QMP error reply gives
// code InternalError, domain Qemu, message "internal error: unable to execute QEMU command
// 'X': <desc>", and the QMP error class (e.g. "DeviceNotFound") in Error::str3.
std::string qmpErrorClass(const Error& e);

class QmpClient : public std::enable_shared_from_this<QmpClient> {
  public:
    using Reply = Result<Json>;
    using ReplyHandler = std::function<void(Reply)>;
    using EventHandler = std::function<void(const QmpEvent&)>;
    using CloseHandler = std::function<void(const Error&)>;
    using ReadyHandler = std::function<void(Result<QmpGreeting>)>;
    using Millis = std::chrono::milliseconds;

    static constexpr size_t kDefaultMaxMessage = 64u << 20;  // query-qmp-schema is ~0.2 MiB

    static std::shared_ptr<QmpClient> create(asio::io_context& io,
                                             size_t max_message = kDefaultMaxMessage);
    ~QmpClient();
    QmpClient(const QmpClient&) = delete;
    QmpClient& operator=(const QmpClient&) = delete;

    // Handlers run on the io_context thread. Events and replies are handled strictly in the
    // order QEMU sent them (a SHUTDOWN event is seen before the reply to the `quit` that
    // caused it). The close handler runs once, when the peer closes or the stream breaks; it
    // does not run for close().
    void setEventHandler(EventHandler handler) { on_event_ = std::move(handler); }
    void setCloseHandler(CloseHandler handler) { on_close_ = std::move(handler); }

    // Connects (retrying while the socket does not exist or refuses, as when QEMU has just
    // been started with -qmp unix:...), reads the greeting and negotiates capabilities, all
    // within `timeout`.
    void asyncConnect(std::string path, Millis timeout, ReadyHandler done);
    // The same over an already connected socket (a socketpair, or a listening socket's
    // connection made before QEMU accepted it).
    void asyncAttach(UniqueFd connected, Millis timeout, ReadyHandler done);

    // Queues a command; commands go out one at a time, in order, each after the previous
    // reply (or its timeout). `timeout` runs from now. `fds` are duplicated at once and sent
    // with SCM_RIGHTS alongside the command (for getfd / add-fd). A reply that arrives after
    // its timeout is dropped. May be called before the handshake finished.
    void asyncExecute(std::string command, Json arguments, Millis timeout, ReplyHandler done,
                      const std::vector<int>& fds = {});

    // From any other thread (a worker): posts asyncExecute to the io_context. The future is
    // always fulfilled while the io_context runs (reply, timeout, close or destruction).
    std::future<Reply> submit(std::string command, Json arguments, Millis timeout,
                              const std::vector<int>& fds = {});

    // Fails every queued command with "monitor closed" and closes the socket.
    void close();

    [[nodiscard]] bool isReady() const { return state_ == State::kReady; }
    [[nodiscard]] bool isClosed() const { return state_ == State::kClosed; }
    [[nodiscard]] const QmpGreeting& greeting() const { return greeting_; }

  private:
    enum class State { kIdle, kConnecting, kGreeting, kNegotiating, kReady, kClosed };
    struct Pending;

    QmpClient(asio::io_context& io, size_t max_message);
    void tryConnect(const std::shared_ptr<std::string>& path);
    void startSession();
    void onHandshakeFailed(const Error& e);
    void finishHandshake(Result<QmpGreeting> r);
    void readMore();
    void onData(size_t n);
    bool handleLine(std::string_view line);
    bool handleGreeting(const Json& msg);
    void handleEvent(const Json& msg);
    void handleReply(const Json& msg);
    void enqueue(std::shared_ptr<Pending> p);
    void pump();
    void writeSome();
    void onTimeout(const std::shared_ptr<Pending>& p);
    void complete(const std::shared_ptr<Pending>& p, Reply r);
    void shutdown(const Error& e, bool notify);

    asio::io_context& io_;
    asio::local::stream_protocol::socket socket_;
    asio::steady_timer handshake_timer_;
    asio::steady_timer retry_timer_;
    size_t max_message_;
    State state_ = State::kIdle;
    QmpGreeting greeting_;
    ReadyHandler on_ready_;
    EventHandler on_event_;
    CloseHandler on_close_;
    std::vector<char> rbuf_;
    std::string inbuf_;
    size_t scanned_ = 0;
    uint64_t next_id_ = 1;
    std::deque<std::shared_ptr<Pending>> queue_;  // not yet written
    std::shared_ptr<Pending> writing_;            // partly written
    std::shared_ptr<Pending> awaiting_;           // written, reply not yet in
    std::map<std::string, uint64_t> abandoned_;   // ids whose late reply is dropped
    bool write_wait_ = false;
};

}  // namespace nodevirt::qemu
