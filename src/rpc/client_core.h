// ClientCore: the machinery behind rpc::ClientTransport — one connection's io_context and
// thread, the table of calls waiting for replies, outgoing queue, streams and keepalive. The
// I/O thread holds a reference, so the core lives until that thread has finished.
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
#include <optional>
#include <thread>
#include <unordered_map>

#include "rpc/client_transport.h"
#include "rpc/outgoing_queue.h"
#include "rpc/parker.h"

namespace nodevirt::rpc {

class ClientStreamImpl;

// Unsent bytes above which stream senders wait (same mark as the server's producers).
inline constexpr size_t kClientSendHighWater = 4 * size_t{kStreamChunkMax};

class ClientCore : public std::enable_shared_from_this<ClientCore> {
  public:
    explicit ClientCore(TransportPtr transport);
    ~ClientCore();

    void start();
    Result<Frame> call(uint32_t prog, int32_t proc, std::string payload,
                       std::vector<UniqueFd> fds, const std::shared_ptr<ClientStreamImpl>& stream);
    void setEventHandler(std::function<void(Frame)> handler);
    void setCloseHandler(std::function<void(const Error&)> handler);
    void startKeepalive(std::chrono::milliseconds interval, unsigned count);
    // Closes (no close callback: the owner asked) and joins the I/O thread unless called on it.
    void shutdown();
    void expectClose() { close_expected_ = true; }
    [[nodiscard]] bool isOpen() const { return !closed_.load(); }

    // Used by streams.
    Status sendFrame(const Header& header, std::string payload);
    // Waits until unsent output is below the high-water mark; fails once closed.
    Status waitForRoom();
    void unregisterStream(uint32_t serial, const ClientStreamImpl* stream);
    // A stream buffered too much (I/O thread) / drained again (any thread).
    void pauseReadingForStream();
    void resumeReadingForStream();
    [[nodiscard]] Error closedError() const;
    [[nodiscard]] bool onIoThread() const;

  private:
    struct PendingCall {
        uint32_t prog = 0;
        int32_t proc = 0;
        std::atomic<bool> done{false};
        std::optional<Result<Frame>> result;  // written before `done`
        Parker parker;
        void complete(Result<Frame> r) {
            result = std::move(r);
            done.store(true);
            parker.unpark();
        }
    };

    void armRead();
    void onReadable();
    void processFrames();
    void handleFrame(Frame frame);
    void handleReply(Frame frame);
    // False when no call waits for this reply.
    bool completeCall(Frame frame);
    void flushLocked();
    void armWriteIo();
    void onWritable();
    void closeIo(const Error& reason, bool notify);
    void onKeepaliveTimer();
    void scheduleKeepalive(std::chrono::steady_clock::time_point at);

    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::thread thread_;

    // I/O thread state (the asio objects die in closeIo, before the io_context).
    std::unique_ptr<asio::posix::stream_descriptor> descriptor_;
    std::unique_ptr<asio::steady_timer> keepalive_timer_;
    FrameReader reader_;
    bool read_armed_ = false;
    int stream_pauses_ = 0;
    std::chrono::steady_clock::time_point last_rx_;
    std::chrono::milliseconds ka_interval_{0};
    unsigned ka_count_ = 0;
    unsigned ka_unanswered_ = 0;
    std::function<void(Frame)> event_handler_;
    std::function<void(const Error&)> close_handler_;
    const bool serialize_io_;
    const bool can_pass_fds_;

    // Shared, guarded by mutex_.
    mutable std::mutex mutex_;
    std::condition_variable room_cv_;
    TransportPtr transport_;
    OutgoingQueue out_;
    bool write_armed_ = false;
    uint32_t next_serial_ = 0;
    // Shared with the waiting caller so the I/O thread can notify after unlocking (a woken
    // caller then never blocks on the mutex the notifier still holds).
    std::map<uint32_t, std::shared_ptr<PendingCall>> pending_;
    std::unordered_map<uint32_t, std::shared_ptr<ClientStreamImpl>> streams_;
    std::optional<Error> close_error_;
    std::atomic<bool> closed_{false};
    std::atomic<bool> close_expected_{false};  // see ClientTransport::expectClose
};

}  // namespace nodevirt::rpc
