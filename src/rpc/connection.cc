#include "rpc/connection.h"

#include <asio/post.hpp>
#include <fmt/format.h>

#include <cstring>

#include "rpc/server_core.h"
#include "rpc/server_stream.h"
#include "util/logging.h"

namespace nodevirt::rpc {
namespace {

Error clientGone(uint64_t id) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                      fmt::format("client {} is no longer connected", id));
}

}  // namespace

Connection::Connection(ServerCore& core, uint64_t id, TransportPtr transport,
                       PeerCredentials peer, bool read_only)
    : core_(core),
      id_(id),
      peer_(peer),
      read_only_(read_only),
      description_(transport->describe()),
      max_requests_(std::max<size_t>(1, core.config().max_client_requests)),
      workers_(core.workerPool()),
      io_(std::make_unique<IoObjects>(core.io())),
      serialize_io_(transport->needsSerializedIo()),
      can_pass_fds_(transport->canPassFds()),
      transport_(std::move(transport)) {}

Connection::~Connection() = default;

asio::io_context& Connection::ioContext() { return core_.io(); }

bool Connection::onIoThread() const { return core_.io().get_executor().running_in_this_thread(); }

void Connection::start() {
    if (Status watched = io_->watch.assign(transport_->fd()); !watched) {
        log::error("rpc: client {}: cannot watch socket: {}", id_, watched.error().message);
        closeNow("event loop registration failed", true);
        return;
    }
    last_rx_ = std::chrono::steady_clock::now();
    notified_connect_ = true;
    core_.handler().onConnect(shared_from_this());
    armRead();
}

// ---- reading -------------------------------------------------------------------------------

// One read per readiness: the reactor calls readSome() when the socket may have data (at once
// when asyncRead() starts and the last read filled the buffer, so a flood of one client
// alternates with the others' handlers), and readDone() follows as a handler of its own.
void Connection::armRead(bool want_write) {
    if (read_armed_ || closed_ || reading_stopped_) return;
    if (inflight_.load() >= max_requests_) {
        // Backpressure: the socket is not read until a call completes (completeCall).
        paused_ = true;
        return;
    }
    read_armed_ = true;
    if (want_write) {
        // A transport that must write before it can read again (TLS renegotiation).
        io_->watch.asyncWaitWritable([self = shared_from_this()](bool ready) {
            self->read_armed_ = false;
            if (ready) self->armRead();
        });
        return;
    }
    io_->watch.asyncRead(shared_from_this());
}

ReadTarget::Outcome Connection::readSome() {
    Outcome out;
    if (closed_ || reading_stopped_) {
        out.result.state = IoState::kClosed;
        return out;
    }
    std::span<char> space = reader_.readSpace();
    if (serialize_io_) {
        std::lock_guard lock(mutex_);
        out.result = transport_->read(space, read_fds_);
    } else {
        out.result = transport_->read(space, read_fds_);
    }
    // A short read means the socket is drained; the next edge wakes us. A transport that
    // needs to write first completes the read so that readDone() can wait for writability.
    out.drained = out.result.state == IoState::kDone && out.result.bytes < space.size();
    if (out.result.state == IoState::kWouldBlock && out.result.want_write) out.drained = true;
    return out;
}

void Connection::readDone(const IoResult& r, bool aborted) {
    read_armed_ = false;
    std::vector<UniqueFd> fds;
    fds.swap(read_fds_);
    if (aborted || closed_ || reading_stopped_) return;
    switch (r.state) {
        case IoState::kWouldBlock:
            armRead(r.want_write);
            return;
        case IoState::kClosed:
            closeNow("client closed the connection");
            return;
        case IoState::kError:
            closeNow(fmt::format("read failed: {}", std::strerror(r.error)), true);
            return;
        case IoState::kDone:
            break;
    }
    reader_.commit(r.bytes);
    if (!fds.empty()) reader_.addFds(fds);
    noteReceived();
    processFrames();
    if (closed_ || held_) return;  // held_: paused until a call completes
    armRead();
}

void Connection::noteReceived() {
    last_rx_ = std::chrono::steady_clock::now();
    ka_unanswered_ = 0;
}

void Connection::processFrames() {
    // Bounded by the bytes already buffered: each round consumes a frame or returns.
    while (!closed_ && !reading_stopped_) {
        if (held_) {
            if (inflight_.load() >= max_requests_) {
                paused_ = true;
                return;
            }
            Frame f = std::move(*held_);
            held_.reset();
            dispatch(std::move(f));
            continue;
        }
        auto next = reader_.next();
        if (!next) {
            closeNow(fmt::format("protocol error: {}", next.error().message), true);
            return;
        }
        if (!next->has_value()) return;
        Frame frame = std::move(**next);
        if (frame.header.prog == kKeepaliveProgram) {
            handleKeepalive(frame);
        } else if (frame.header.type == MessageType::kStream ||
                   frame.header.type == MessageType::kStreamHole) {
            routeStream(std::move(frame));
        } else if (inflight_.load() >= max_requests_) {
            held_ = std::move(frame);
            paused_ = true;
            return;
        } else {
            dispatch(std::move(frame));
        }
    }
}

void Connection::dispatch(Frame frame) {
    if (carriesFds(frame.header.type) && !can_pass_fds_) {
        closeNow("file descriptors sent over a transport that cannot carry them", true);
        return;
    }
    inflight_.fetch_add(1);
    Call call(shared_from_this(), std::move(frame));
    try {
        core_.handler().onFrame(std::move(call));
    } catch (const std::exception& e) {
        closeNow(fmt::format("frame handler threw: {}", e.what()), true);
    }
}

void Connection::completeCall() {
    size_t before = inflight_.fetch_sub(1);
    if (before != max_requests_) return;
    // Crossing below the limit: a paused reader may go on. Resume on the I/O thread.
    std::lock_guard lock(mutex_);
    if (closed_) return;
    asio::post(core_.io(), [self = shared_from_this()] { self->resumeReading(); });
}

void Connection::resumeReading() {
    if (!paused_ || closed_ || reading_stopped_) return;
    if (inflight_.load() >= max_requests_) return;
    paused_ = false;
    processFrames();
    armRead();
}

void Connection::stopReading() {
    reading_stopped_ = true;
    if (read_armed_ && io_) io_->watch.cancelRead();
}

void Connection::handleKeepalive(const Frame& frame) {
    const Header& h = frame.header;
    if (h.type != MessageType::kMessage) {
        log::debug("rpc: client {}: ignoring keepalive frame of type {}", id_,
                   static_cast<int>(h.type));
        return;
    }
    if (h.proc == kKeepalivePing) {
        Header pong{kKeepaliveProgram, kProtocolVersion, kKeepalivePong, MessageType::kMessage, 0,
                    MessageStatus::kOk};
        (void)sendFrame(pong, {});
    } else if (h.proc != kKeepalivePong) {
        log::debug("rpc: client {}: ignoring keepalive procedure {}", id_, h.proc);
    }
}

void Connection::routeStream(Frame frame) {
    std::shared_ptr<StreamImpl> stream;
    {
        std::lock_guard lock(mutex_);
        auto it = streams_.find(frame.header.serial);
        if (it != streams_.end()) stream = it->second;
    }
    if (!stream || stream->prog() != frame.header.prog || stream->proc() != frame.header.proc) {
        // Stream data is not acknowledged, so packets may still arrive after a stream ended.
        log::debug("rpc: client {}: ignoring stream packet serial {} proc {}", id_,
                   frame.header.serial, frame.header.proc);
        return;
    }
    stream->onPacket(std::move(frame));
}

// ---- writing -------------------------------------------------------------------------------

Status Connection::sendFrame(const Header& header, std::string payload,
                             std::vector<UniqueFd> fds) {
    if (!fds.empty() && !can_pass_fds_) {
        return fail(Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                               fmt::format("client {}: transport cannot pass file descriptors",
                                           id_)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(OutgoingFrame frame,
                              OutgoingFrame::make(header, std::move(payload), std::move(fds)));
    std::unique_lock lock(mutex_);
    if (closed_ || closing_) return fail(clientGone(id_));
    out_.push(std::move(frame));
    out_bytes_.store(out_.bytes());
    if (out_.bytes() > core_.config().max_outgoing_bytes) {
        failLocked(fmt::format("client stopped reading: {} bytes queued, limit is {}",
                               out_.bytes(), core_.config().max_outgoing_bytes));
        return fail(clientGone(id_));
    }
    // With a write wait pending the I/O thread owns flushing; writing here could reorder.
    if (!write_armed_) flushLocked(lock);
    return ok();
}

void Connection::flushLocked(std::unique_lock<std::mutex>& lock) {
    (void)lock;
    IoResult r = out_.flush(*transport_);
    out_bytes_.store(out_.bytes());
    switch (r.state) {
        case IoState::kDone:
            return;
        case IoState::kWouldBlock:
            write_armed_ = true;
            if (onIoThread()) {
                armWriteIo();
            } else {
                asio::post(core_.io(), [self = shared_from_this()] { self->armWriteIo(); });
            }
            return;
        case IoState::kClosed:
            failLocked("peer closed the connection while we were writing");
            return;
        case IoState::kError:
            failLocked(fmt::format("write failed: {}", std::strerror(r.error)));
            return;
    }
}

void Connection::failLocked(std::string reason) {
    if (closing_ && out_.empty()) return;
    closing_ = true;
    out_.clear();
    out_bytes_.store(0);
    // Closing needs the I/O thread and the mutex we hold: always defer it.
    asio::post(core_.io(), [self = shared_from_this(), reason = std::move(reason)] {
        self->closeNow(reason, true);
    });
}

void Connection::armWriteIo() {
    if (closed_) return;  // io_ is gone
    io_->watch.asyncWaitWritable([self = shared_from_this()](bool ready) {
        if (ready) self->onWritable();
    });
}

void Connection::onWritable() {
    bool close_now = false;
    size_t queued = 0;
    {
        std::unique_lock lock(mutex_);
        write_armed_ = false;
        if (closed_) return;
        flushLocked(lock);
        queued = out_.bytes();
        close_now = closing_ && out_.empty() && !write_armed_;
    }
    if (close_now) {
        closeNow("closed by the server");
        return;
    }
    if (queued < kStreamHighWater && !drain_waiters_.empty()) {
        std::vector<std::weak_ptr<StreamImpl>> waiters;
        waiters.swap(drain_waiters_);
        for (auto& w : waiters) {
            if (auto s = w.lock()) s->pump();
        }
    }
}

void Connection::waitForDrain(const std::shared_ptr<StreamImpl>& stream) {
    drain_waiters_.push_back(stream);
}

// ---- lifecycle -----------------------------------------------------------------------------

void Connection::post(UniqueFunction fn) {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    asio::post(core_.io(), std::move(fn));
}

bool Connection::submitWork(UniqueFunction fn) {
    // No lock: a pool we share is never freed under us, and a stopped one refuses the job.
    if (closed_) return false;
    return workers_->submit(std::move(fn));
}

void Connection::addWatchingStream(const std::shared_ptr<StreamImpl>& stream) {
    watching_.push_back(stream);
}

void Connection::close() {
    std::lock_guard lock(mutex_);
    if (closed_ || closing_) return;
    closing_ = true;
    asio::post(core_.io(), [self = shared_from_this()] { self->beginCloseIo(); });
}

void Connection::beginCloseIo() {
    if (closed_) return;
    bool empty = false;
    {
        std::lock_guard lock(mutex_);
        empty = out_.empty();
    }
    if (empty) {
        closeNow("closed by the server");
        return;
    }
    stopReading();
    io_->close.expires_after(core_.config().close_flush_timeout);
    io_->close.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->closeNow("output not written within the close timeout", true);
    });
}

void Connection::closeNow(std::string_view reason, bool error) {
    if (closed_) return;
    TransportPtr transport;
    std::unordered_map<uint32_t, std::shared_ptr<StreamImpl>> streams;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        closing_ = true;
        out_.clear();
        out_bytes_.store(0);
        transport = std::move(transport_);
        streams.swap(streams_);
    }
    if (error) {
        log::warn("rpc: client {} ({}): closing connection: {}", id_, description_, reason);
    } else {
        log::debug("rpc: client {} ({}): closing connection: {}", id_, description_, reason);
    }
    io_->watch.release();
    transport.reset();
    io_.reset();
    held_.reset();
    drain_waiters_.clear();
    for (auto& [serial, stream] : streams) stream->closedByConnection();
    for (auto& w : watching_) {
        if (auto s = w.lock()) s->dropWatcher();
    }
    watching_.clear();
    core_.connectionClosed(shared_from_this(), notified_connect_);
}

// ---- keepalive -----------------------------------------------------------------------------

void Connection::startKeepalive(std::chrono::milliseconds interval, unsigned count) {
    if (interval.count() <= 0) return;
    post([self = shared_from_this(), interval, count] {
        if (self->closed_) return;
        self->ka_interval_ = interval;
        self->ka_count_ = count;
        self->ka_unanswered_ = 0;
        self->scheduleKeepalive(self->last_rx_ + interval);
    });
}

void Connection::scheduleKeepalive(std::chrono::steady_clock::time_point at) {
    io_->keepalive.expires_at(at);
    io_->keepalive.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->onKeepaliveTimer();
    });
}

void Connection::onKeepaliveTimer() {
    if (closed_) return;
    auto now = std::chrono::steady_clock::now();
    // A client waiting for its own calls (we stopped reading it) is not dead.
    if (paused_ || reading_stopped_) noteReceived();
    if (now - last_rx_ < ka_interval_) {
        scheduleKeepalive(last_rx_ + ka_interval_);
        return;
    }
    if (ka_unanswered_ >= ka_count_) {
        closeNow(fmt::format("keepalive timeout: {} pings unanswered", ka_unanswered_), true);
        return;
    }
    ++ka_unanswered_;
    Header ping{kKeepaliveProgram, kProtocolVersion, kKeepalivePing, MessageType::kMessage, 0,
                MessageStatus::kOk};
    (void)sendFrame(ping, {});
    scheduleKeepalive(now + ka_interval_);
}

// ---- streams -------------------------------------------------------------------------------

Result<std::shared_ptr<ServerStream>> Connection::openStream(const Header& call,
                                                             std::unique_ptr<StreamSink> sink) {
    auto stream = std::make_shared<StreamImpl>(shared_from_this(), call, std::move(sink));
    std::lock_guard lock(mutex_);
    if (closed_ || closing_) return fail(clientGone(id_));
    auto [it, inserted] = streams_.emplace(call.serial, stream);
    if (!inserted) {
        return fail(Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                               fmt::format("a stream is already open for serial {}", call.serial)));
    }
    return std::shared_ptr<ServerStream>(stream);
}

void Connection::unregisterStream(uint32_t serial, const StreamImpl* stream) {
    std::lock_guard lock(mutex_);
    auto it = streams_.find(serial);
    if (it != streams_.end() && it->second.get() == stream) streams_.erase(it);
}

}  // namespace nodevirt::rpc
