// Connection: the server's implementation of ServerClient for one accepted socket. Reads,
// framing, dispatch, backpressure and keepalive run on the I/O thread; writes are done by
// whichever thread queues a frame, under the connection's mutex, as long as the socket takes
// them (see docs/rpc.md "Threads"), and by the I/O thread once it would block.
#pragma once

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rpc/frame_reader.h"
#include "rpc/outgoing_queue.h"
#include "rpc/server_client.h"
#include "rpc/socket_watch.h"
#include "rpc/transport.h"
#include "rpc/worker_pool.h"

namespace nodevirt::rpc {

class ServerCore;
class StreamImpl;

class Connection final : public ServerClient,
                         public ReadTarget,
                         public std::enable_shared_from_this<Connection> {
  public:
    Connection(ServerCore& core, uint64_t id, TransportPtr transport, PeerCredentials peer,
               bool read_only);
    ~Connection() override;

    // ServerClient
    [[nodiscard]] uint64_t id() const override { return id_; }
    [[nodiscard]] const PeerCredentials& peer() const override { return peer_; }
    [[nodiscard]] bool readOnly() const override { return read_only_; }
    [[nodiscard]] std::string describe() const override { return description_; }
    Status sendFrame(const Header& header, std::string payload,
                     std::vector<UniqueFd> fds = {}) override;
    void startKeepalive(std::chrono::milliseconds interval, unsigned count) override;
    Result<std::shared_ptr<ServerStream>> openStream(const Header& call,
                                                     std::unique_ptr<StreamSink> sink) override;
    void close() override;
    [[nodiscard]] bool closed() const override { return closed_.load(); }
    void post(UniqueFunction fn) override;
    bool submitWork(UniqueFunction fn) override;
    [[nodiscard]] size_t outgoingBytes() const override { return out_bytes_.load(); }

    // I/O thread only, used by the server.
    void start();
    void closeNow(std::string_view reason, bool error = false);
    // Shutdown: no more frames are read or dispatched.
    void stopReading();
    [[nodiscard]] size_t inflight() const { return inflight_.load(); }

    // Used by StreamImpl.
    void unregisterStream(uint32_t serial, const StreamImpl* stream);
    void waitForDrain(const std::shared_ptr<StreamImpl>& stream);
    void addWatchingStream(const std::shared_ptr<StreamImpl>& stream);
    asio::io_context& ioContext();
    [[nodiscard]] bool onIoThread() const;
    // On the I/O thread and not closed (the I/O objects still exist).
    [[nodiscard]] bool onIoThreadIfOpen() const { return !closed_ && onIoThread(); }

    // ReadTarget (I/O thread, from the reactor's SocketWatch).
    Outcome readSome() override;
    void readDone(const IoResult& result, bool aborted) override;

  protected:
    void completeCall() override;

  private:
    // Reading and dispatch (I/O thread).
    void armRead(bool want_write = false);
    void processFrames();
    void dispatch(Frame frame);
    void handleKeepalive(const Frame& frame);
    void routeStream(Frame frame);
    void resumeReading();
    // Writing.
    void flushLocked(std::unique_lock<std::mutex>& lock);
    void armWriteIo();
    void onWritable();
    void failLocked(std::string reason);
    void beginCloseIo();
    // Keepalive (I/O thread).
    void onKeepaliveTimer();
    void scheduleKeepalive(std::chrono::steady_clock::time_point at);
    void noteReceived();

    ServerCore& core_;
    const uint64_t id_;
    const PeerCredentials peer_;
    const bool read_only_;
    const std::string description_;
    const size_t max_requests_;
    const std::shared_ptr<WorkerPool> workers_;

    // Asio objects must die before the io_context; handlers may keep a ClientRef longer than
    // the server lives, so closeNow() destroys these (I/O thread).
    struct IoObjects {
        explicit IoObjects(asio::io_context& io) : watch(io), keepalive(io), close(io) {}
        SocketWatch watch;
        asio::steady_timer keepalive;
        asio::steady_timer close;
    };

    // I/O thread state.
    std::unique_ptr<IoObjects> io_;
    std::vector<std::weak_ptr<StreamImpl>> watching_;  // streams polling a producer fd
    FrameReader reader_;
    std::optional<Frame> held_;  // a parsed frame waiting for an in-flight slot
    std::vector<UniqueFd> read_fds_;  // fds of the read in progress (readSome -> readDone)
    bool read_armed_ = false;
    bool paused_ = false;
    bool reading_stopped_ = false;
    bool notified_connect_ = false;
    const bool serialize_io_;
    const bool can_pass_fds_;
    std::chrono::steady_clock::time_point last_rx_;
    std::chrono::milliseconds ka_interval_{0};
    unsigned ka_count_ = 0;
    unsigned ka_unanswered_ = 0;
    std::vector<std::weak_ptr<StreamImpl>> drain_waiters_;

    // Shared state, guarded by mutex_.
    mutable std::mutex mutex_;
    TransportPtr transport_;
    OutgoingQueue out_;
    bool closing_ = false;
    bool write_armed_ = false;
    std::unordered_map<uint32_t, std::shared_ptr<StreamImpl>> streams_;

    std::atomic<bool> closed_{false};
    std::atomic<size_t> inflight_{0};
    std::atomic<size_t> out_bytes_{0};
};

}  // namespace nodevirt::rpc
