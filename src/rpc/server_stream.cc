#include "rpc/server_stream.h"

#include <fcntl.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "rpc/connection.h"
#include "util/logging.h"

namespace nodevirt::rpc {
namespace {

// Producer calls per pump before yielding to other work on the I/O thread.
constexpr int kProduceRoundsPerPump = 16;

Error streamClosed(uint32_t serial) {
    return Error::raw(ErrorCode::kInvalidStream, ErrorDomain::kStreams,
                      fmt::format("stream for serial {} is closed", serial));
}

}  // namespace

StreamImpl::StreamImpl(std::shared_ptr<Connection> conn, const Header& call,
                       std::unique_ptr<StreamSink> sink)
    : conn_(std::move(conn)),
      prog_(call.prog),
      proc_(call.proc),
      serial_(call.serial),
      sink_(std::move(sink)) {}

StreamImpl::~StreamImpl() {
    // The watcher only ever holds our own dup of the producer's fd.
    watcher_.reset();
}

Status StreamImpl::sendPacket(MessageType type, MessageStatus status, std::string payload) {
    Header h{prog_, kProtocolVersion, proc_, type, serial_, status};
    return conn_->sendFrame(h, std::move(payload));
}

Status StreamImpl::sendData(std::string data) {
    if (!open_) return fail(streamClosed(serial_));
    if (data.empty()) return ok();  // an empty packet would mean EOF
    if (data.size() <= kStreamChunkMax) {
        return sendPacket(MessageType::kStream, MessageStatus::kContinue, std::move(data));
    }
    for (size_t off = 0; off < data.size(); off += kStreamChunkMax) {
        NODEVIRT_TRY(sendPacket(MessageType::kStream, MessageStatus::kContinue,
                                data.substr(off, kStreamChunkMax)));
    }
    return ok();
}

Status StreamImpl::sendHole(int64_t length, uint32_t flags) {
    if (!open_) return fail(streamClosed(serial_));
    return sendPacket(MessageType::kStreamHole, MessageStatus::kContinue,
                      encodeHolePayload(length, flags));
}

Status StreamImpl::sendEof() {
    if (!open_) return fail(streamClosed(serial_));
    return sendPacket(MessageType::kStream, MessageStatus::kContinue, {});
}

Status StreamImpl::sendError(std::string encoded_error) {
    if (!markClosed()) return fail(streamClosed(serial_));
    Status st = sendPacket(MessageType::kStream, MessageStatus::kError, std::move(encoded_error));
    stopSourceIo();
    return st;
}

bool StreamImpl::markClosed() {
    if (!open_.exchange(false)) return false;
    conn_->unregisterStream(serial_, this);
    return true;
}

void StreamImpl::close() {
    if (markClosed()) stopSourceIo();
}

void StreamImpl::dropWatcher() {
    source_active_ = false;
    watcher_.reset();
    watched_fd_ = -1;
}

void StreamImpl::stopSourceIo() {
    // Through the connection: if it closed meanwhile, it already dropped our watcher.
    if (conn_->onIoThreadIfOpen()) {
        dropWatcher();
    } else {
        conn_->post([self = shared_from_this()] { self->dropWatcher(); });
    }
}

void StreamImpl::startSource() {
    conn_->post([self = shared_from_this()] {
        if (!self->open_) return;
        self->source_active_ = true;
        self->pump();
    });
}

void StreamImpl::wakeSource() {
    conn_->post([self = shared_from_this()] {
        if (self->open_ && self->source_active_) self->pump();
    });
}

void StreamImpl::pump() {
    pump_scheduled_ = false;
    if (!open_ || !source_active_ || !sink_) return;
    auto keep = shared_from_this();  // the producer may close the stream under us
    for (int round = 0; round < kProduceRoundsPerPump; ++round) {
        size_t queued = conn_->outgoingBytes();
        if (queued >= kStreamHighWater) {
            conn_->waitForDrain(keep);
            return;
        }
        ProduceResult r = sink_->produce(*this, kStreamHighWater - queued);
        if (!open_ || conn_->closed()) return;
        switch (r.state) {
            case ProduceState::kMore:
                continue;
            case ProduceState::kWaitFd:
                watchFd(r.fd);
                return;
            case ProduceState::kIdle:
                return;
            case ProduceState::kDone:
                source_active_ = false;
                return;
        }
    }
    if (!pump_scheduled_) {
        pump_scheduled_ = true;
        conn_->post([keep] { keep->pump(); });
    }
}

void StreamImpl::watchFd(int fd) {
    if (!watcher_ || watched_fd_ != fd) {
        watcher_.reset();
        // Our own dup: the producer keeps its fd, and epoll registration cannot clash with
        // any other watcher of the same descriptor.
        int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (dup < 0) {
            log::error("rpc: client {}: stream serial {}: cannot watch fd {}: {}", conn_->id(),
                       serial_, fd, std::strerror(errno));
            close();
            return;
        }
        watcher_ = std::make_unique<asio::posix::stream_descriptor>(conn_->ioContext());
        asio::error_code ec;
        watcher_->assign(dup, ec);
        if (ec) {
            ::close(dup);
            watcher_.reset();
            log::error("rpc: client {}: stream serial {}: cannot poll fd {}: {}", conn_->id(),
                       serial_, fd, ec.message());
            close();
            return;
        }
        watched_fd_ = fd;
        conn_->addWatchingStream(shared_from_this());
    }
    watcher_->async_wait(asio::posix::stream_descriptor::wait_read,
                         [self = shared_from_this()](const asio::error_code& ec) {
                             if (!ec) self->pump();
                         });
}

void StreamImpl::replyAndClose(const StreamStatus& status) {
    if (!markClosed()) return;
    stopSourceIo();
    if (status) {
        (void)sendPacket(MessageType::kStream, MessageStatus::kOk, {});
    } else {
        (void)sendPacket(MessageType::kStream, MessageStatus::kError, status.error());
    }
}

void StreamImpl::onPacket(Frame frame) {
    if (!open_ || !sink_) return;
    auto keep = shared_from_this();
    const Header& h = frame.header;
    if (h.type == MessageType::kStreamHole) {
        int64_t length = 0;
        uint32_t flags = 0;
        if (!decodeHolePayload(frame.payload, length, flags)) {
            log::warn("rpc: client {}: stream serial {}: malformed hole packet of {} bytes",
                      conn_->id(), serial_, frame.payload.size());
            return;
        }
        StreamStatus st = sink_->onHole(length, flags);
        if (!st) replyAndClose(st);
        return;
    }
    switch (h.status) {
        case MessageStatus::kContinue: {
            StreamStatus st = sink_->onData(std::move(frame.payload));
            if (!st) replyAndClose(st);
            return;
        }
        case MessageStatus::kOk:
            replyAndClose(sink_->onFinish());
            return;
        case MessageStatus::kError:
            sink_->onAbort();
            replyAndClose(StreamStatus{});
            return;
    }
    log::warn("rpc: client {}: stream serial {}: unknown packet status {}", conn_->id(), serial_,
              static_cast<int>(h.status));
}

void StreamImpl::closedByConnection() {
    dropWatcher();
    if (!open_.exchange(false)) return;
    if (sink_) sink_->onClosed();
}

}  // namespace nodevirt::rpc
