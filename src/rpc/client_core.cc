#include "rpc/client_core.h"

#include <asio/post.hpp>
#include <fmt/format.h>

#include <cstring>

#include "rpc/client_stream.h"
#include "util/logging.h"

namespace nodevirt::rpc {
namespace {

constexpr int kReadsPerWakeup = 4;

Error rpcError(std::string message) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc, std::move(message));
}

Error endOfFile() {
    return Error::raw(ErrorCode::kSystemError, ErrorDomain::kRpc,
                      "End of file while reading data: Input/output error");
}

}  // namespace

ClientCore::ClientCore(TransportPtr transport)
    : work_(asio::make_work_guard(io_)),
      serialize_io_(transport->needsSerializedIo()),
      can_pass_fds_(transport->canPassFds()),
      transport_(std::move(transport)) {}

ClientCore::~ClientCore() {
    // Only the I/O thread itself can drop the last reference while it is joinable.
    if (thread_.joinable()) thread_.detach();
}

bool ClientCore::onIoThread() const {
    return const_cast<asio::io_context&>(io_).get_executor().running_in_this_thread();
}

Error ClientCore::closedError() const {
    std::lock_guard lock(mutex_);
    return close_error_ ? *close_error_ : Error::make(ErrorCode::kInternalError, ErrorDomain::kRpc,
                                                      "client socket is closed");
}

void ClientCore::start() {
    descriptor_ = std::make_unique<asio::posix::stream_descriptor>(io_);
    keepalive_timer_ = std::make_unique<asio::steady_timer>(io_);
    asio::error_code ec;
    descriptor_->assign(transport_->fd(), ec);
    if (ec) {
        closeIo(rpcError("cannot watch the connection: " + ec.message()), false);
    } else {
        last_rx_ = std::chrono::steady_clock::now();
        armRead();
    }
    thread_ = std::thread([self = shared_from_this()] {
        for (int restarts = 0; restarts < 1000; ++restarts) {
            try {
                self->io_.run();
                return;
            } catch (const std::exception& e) {
                log::error("rpc: exception escaped the client event loop: {}", e.what());
            }
        }
    });
}

void ClientCore::shutdown() {
    Error local = Error::make(ErrorCode::kInternalError, ErrorDomain::kRpc,
                              "client socket is closed");
    if (onIoThread()) {
        closeIo(local, false);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        // Raw `this`: we join below, and a handler left in a finished loop must not keep the
        // core alive.
        if (!closed_) asio::post(io_, [this, local] { closeIo(local, false); });
    }
    if (thread_.joinable()) thread_.join();
}

// ---- calls ---------------------------------------------------------------------------------

Result<Frame> ClientCore::call(uint32_t prog, int32_t proc, std::string payload,
                               std::vector<UniqueFd> fds,
                               const std::shared_ptr<ClientStreamImpl>& stream) {
    if (onIoThread()) {
        return fail(rpcError("a call from the connection's own callback would deadlock"));
    }
    if (!fds.empty() && !can_pass_fds_) {
        return fail(rpcError("file descriptors cannot be passed over this transport"));
    }
    Header h{prog, kProtocolVersion, proc,
             fds.empty() ? MessageType::kCall : MessageType::kCallWithFds, 0, MessageStatus::kOk};
    auto pc = std::make_shared<PendingCall>();
    pc->prog = prog;
    pc->proc = proc;
    std::unique_lock lock(mutex_);
    if (closed_) return fail(close_error_.value_or(endOfFile()));
    h.serial = next_serial_;
    NODEVIRT_ASSIGN_OR_RETURN(OutgoingFrame frame,
                              OutgoingFrame::make(h, std::move(payload), std::move(fds)));
    ++next_serial_;
    pending_[h.serial] = pc;
    if (stream) {
        stream->bind(h.serial);
        streams_[h.serial] = stream;
    }
    out_.push(std::move(frame));
    if (!write_armed_) flushLocked();
    lock.unlock();
    // Completed by the I/O thread with the reply, or by closeIo with the reason.
    while (!pc->done.load()) pc->parker.park();
    return std::move(*pc->result);
}

void ClientCore::handleReply(Frame frame) {
    uint32_t serial = frame.header.serial;
    if (!completeCall(std::move(frame))) {
        // The peer is confused about our calls; libvirt clients drop the connection too.
        closeIo(rpcError(fmt::format("no call with serial {} waits for a reply", serial)), true);
    }
}

bool ClientCore::completeCall(Frame frame) {
    const Header h = frame.header;
    std::shared_ptr<ClientStreamImpl> failed_stream;
    std::unique_lock lock(mutex_);
    auto it = pending_.find(h.serial);
    if (it == pending_.end() || it->second->prog != h.prog) return false;
    std::shared_ptr<PendingCall> pc = std::move(it->second);
    pending_.erase(it);
    Result<Frame> result;
    if (h.proc != pc->proc) {
        result = fail(
            rpcError(fmt::format("reply to procedure {} carries procedure {}", pc->proc, h.proc)));
    } else {
        if (h.status != MessageStatus::kOk) {
            auto s = streams_.find(h.serial);
            if (s != streams_.end()) {
                failed_stream = s->second;
                streams_.erase(s);
            }
        }
        result = std::move(frame);
    }
    lock.unlock();
    // The stream learns first, so the caller never sees an open stream for a failed call.
    if (failed_stream) failed_stream->fail(rpcError("the call that opens the stream failed"));
    pc->complete(std::move(result));
    return true;
}

Status ClientCore::sendFrame(const Header& header, std::string payload) {
    NODEVIRT_ASSIGN_OR_RETURN(OutgoingFrame frame, OutgoingFrame::make(header, std::move(payload)));
    std::lock_guard lock(mutex_);
    if (closed_) return fail(close_error_.value_or(endOfFile()));
    out_.push(std::move(frame));
    if (!write_armed_) flushLocked();
    return ok();
}

Status ClientCore::waitForRoom() {
    std::unique_lock lock(mutex_);
    room_cv_.wait(lock, [this] { return closed_ || out_.bytes() < kClientSendHighWater; });
    if (closed_) return fail(close_error_.value_or(endOfFile()));
    return ok();
}

void ClientCore::setEventHandler(std::function<void(Frame)> handler) {
    std::lock_guard lock(mutex_);
    event_handler_ = std::move(handler);
}

void ClientCore::setCloseHandler(std::function<void(const Error&)> handler) {
    std::lock_guard lock(mutex_);
    close_handler_ = std::move(handler);
}

// ---- I/O thread: reading -------------------------------------------------------------------

void ClientCore::armRead() {
    if (read_armed_ || closed_ || stream_pauses_ > 0) return;
    read_armed_ = true;
    descriptor_->async_wait(asio::posix::stream_descriptor::wait_read,
                            [self = shared_from_this()](const asio::error_code& ec) {
                                self->read_armed_ = false;
                                if (!ec) self->onReadable();
                            });
}

void ClientCore::onReadable() {
    for (int round = 0; round < kReadsPerWakeup; ++round) {
        if (closed_ || stream_pauses_ > 0) return;
        std::span<char> space = reader_.readSpace();
        std::vector<UniqueFd> fds;
        IoResult r;
        if (serialize_io_) {
            std::lock_guard lock(mutex_);
            r = transport_->read(space, fds);
        } else {
            r = transport_->read(space, fds);
        }
        if (r.state == IoState::kWouldBlock) {
            armRead();
            return;
        }
        if (r.state == IoState::kClosed) {
            closeIo(endOfFile(), true);
            return;
        }
        if (r.state == IoState::kError) {
            closeIo(systemError(r.error, "Cannot recv data"), true);
            return;
        }
        reader_.commit(r.bytes);
        if (!fds.empty()) reader_.addFds(fds);
        last_rx_ = std::chrono::steady_clock::now();
        ka_unanswered_ = 0;
        processFrames();
        if (r.bytes < space.size()) {
            armRead();
            return;
        }
    }
    read_armed_ = true;
    asio::post(io_, [self = shared_from_this()] {
        self->read_armed_ = false;
        self->onReadable();
    });
}

void ClientCore::processFrames() {
    while (!closed_) {
        auto next = reader_.next();
        if (!next) {
            closeIo(next.error(), true);
            return;
        }
        if (!next->has_value()) return;
        handleFrame(std::move(**next));
    }
}

void ClientCore::handleFrame(Frame frame) {
    const Header& h = frame.header;
    if (h.prog == kKeepaliveProgram) {
        if (h.type == MessageType::kMessage && h.proc == kKeepalivePing) {
            (void)sendFrame(Header{kKeepaliveProgram, kProtocolVersion, kKeepalivePong,
                                   MessageType::kMessage, 0, MessageStatus::kOk},
                            {});
        }
        return;
    }
    switch (h.type) {
        case MessageType::kReply:
        case MessageType::kReplyWithFds:
            handleReply(std::move(frame));
            return;
        case MessageType::kMessage: {
            std::function<void(Frame)> handler;
            {
                std::lock_guard lock(mutex_);
                handler = event_handler_;
            }
            if (handler) handler(std::move(frame));
            return;
        }
        case MessageType::kStream:
        case MessageType::kStreamHole: {
            std::shared_ptr<ClientStreamImpl> stream;
            {
                std::lock_guard lock(mutex_);
                auto it = streams_.find(h.serial);
                if (it != streams_.end()) stream = it->second;
            }
            if (stream && stream->prog() == h.prog && stream->proc() == h.proc) {
                stream->onPacket(std::move(frame));
            } else {
                log::debug("rpc: ignoring stream packet for serial {}", h.serial);
            }
            return;
        }
        default:
            log::warn("rpc: ignoring unexpected {} message from the server (serial {})",
                      typeName(h.type), h.serial);
    }
}

void ClientCore::pauseReadingForStream() { ++stream_pauses_; }

void ClientCore::resumeReadingForStream() {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    asio::post(io_, [self = shared_from_this()] {
        if (--self->stream_pauses_ == 0 && !self->closed_) self->armRead();
    });
}

void ClientCore::unregisterStream(uint32_t serial, const ClientStreamImpl* stream) {
    std::lock_guard lock(mutex_);
    auto it = streams_.find(serial);
    if (it != streams_.end() && it->second.get() == stream) streams_.erase(it);
}

// ---- writing -------------------------------------------------------------------------------

void ClientCore::flushLocked() {
    IoResult r = out_.flush(*transport_);
    if (r.state == IoState::kDone) return;
    if (r.state == IoState::kWouldBlock) {
        write_armed_ = true;
        if (onIoThread()) {
            armWriteIo();
        } else {
            asio::post(io_, [self = shared_from_this()] { self->armWriteIo(); });
        }
        return;
    }
    Error reason = r.state == IoState::kClosed ? endOfFile()
                                               : systemError(r.error, "Cannot write data");
    out_.clear();
    write_armed_ = true;  // nothing more is written; closeIo follows
    asio::post(io_, [self = shared_from_this(), reason] { self->closeIo(reason, true); });
}

void ClientCore::armWriteIo() {
    if (closed_) return;
    descriptor_->async_wait(asio::posix::stream_descriptor::wait_write,
                            [self = shared_from_this()](const asio::error_code& ec) {
                                if (!ec) self->onWritable();
                            });
}

void ClientCore::onWritable() {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        write_armed_ = false;
        flushLocked();
        if (out_.bytes() >= kClientSendHighWater) return;
    }
    room_cv_.notify_all();
}

// ---- close and keepalive -------------------------------------------------------------------

void ClientCore::closeIo(const Error& reason, bool notify) {
    if (closed_) return;
    TransportPtr transport;
    std::unordered_map<uint32_t, std::shared_ptr<ClientStreamImpl>> streams;
    std::function<void(const Error&)> close_handler;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        close_error_ = reason;
        out_.clear();
        transport = std::move(transport_);
        streams.swap(streams_);
        for (auto& [serial, pc] : pending_) pc->complete(fail(reason));
        pending_.clear();  // the waiters hold their own references
        close_handler = std::move(close_handler_);
        event_handler_ = nullptr;
    }
    room_cv_.notify_all();
    if (notify && close_expected_) {
        log::debug("rpc: connection {} closed by the server after CONNECT_CLOSE",
                   transport->describe());
    } else if (notify) {
        log::warn("rpc: connection {} closed: {}", transport->describe(), reason.message);
    }
    if (descriptor_ && descriptor_->is_open()) descriptor_->release();
    descriptor_.reset();
    keepalive_timer_.reset();
    transport.reset();
    for (auto& [serial, s] : streams) s->fail(reason);
    if (notify && close_handler) close_handler(reason);
    work_.reset();
}

void ClientCore::startKeepalive(std::chrono::milliseconds interval, unsigned count) {
    if (interval.count() <= 0) return;
    std::lock_guard lock(mutex_);
    if (closed_) return;
    asio::post(io_, [self = shared_from_this(), interval, count] {
        if (self->closed_) return;
        self->ka_interval_ = interval;
        self->ka_count_ = count;
        self->ka_unanswered_ = 0;
        self->scheduleKeepalive(self->last_rx_ + interval);
    });
}

void ClientCore::scheduleKeepalive(std::chrono::steady_clock::time_point at) {
    keepalive_timer_->expires_at(at);
    keepalive_timer_->async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->onKeepaliveTimer();
    });
}

void ClientCore::onKeepaliveTimer() {
    if (closed_) return;
    auto now = std::chrono::steady_clock::now();
    // While a full stream buffer keeps us from reading, silence is our own doing.
    if (stream_pauses_ > 0) {
        last_rx_ = now;
        ka_unanswered_ = 0;
    }
    if (now - last_rx_ < ka_interval_) {
        scheduleKeepalive(last_rx_ + ka_interval_);
        return;
    }
    if (ka_unanswered_ >= ka_count_) {
        closeIo(Error::make(ErrorCode::kInternalError, ErrorDomain::kRpc,
                            "connection closed due to keepalive timeout"),
                true);
        return;
    }
    ++ka_unanswered_;
    (void)sendFrame(Header{kKeepaliveProgram, kProtocolVersion, kKeepalivePing,
                           MessageType::kMessage, 0, MessageStatus::kOk},
                    {});
    scheduleKeepalive(now + ka_interval_);
}

}  // namespace nodevirt::rpc
