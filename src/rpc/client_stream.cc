#include "rpc/client_stream.h"

#include <fmt/format.h>

#include "rpc/client_core.h"
#include "rpc/server_stream.h"
#include "util/logging.h"

namespace nodevirt::rpc {
namespace {

Error streamError(const std::string& message) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kStreams, message);
}

}  // namespace

ClientStreamImpl::ClientStreamImpl(std::shared_ptr<ClientCore> core, uint32_t prog, int32_t proc)
    : core_(std::move(core)), prog_(prog), proc_(proc) {}

Status ClientStreamImpl::sendPacket(MessageType type, MessageStatus status, std::string payload) {
    Header h{prog_, kProtocolVersion, proc_, type, serial_, status};
    return core_->sendFrame(h, std::move(payload));
}

Status ClientStreamImpl::checkSendable() const {
    std::lock_guard lock(mutex_);
    if (failure_) return ::nodevirt::fail(*failure_);
    if (server_error_) return ::nodevirt::fail(streamError("stream aborted by the server"));
    if (ending_) return ::nodevirt::fail(streamError("stream is finished"));
    return ok();
}

Status ClientStreamImpl::send(std::string data) {
    // An empty packet would mean end of data, so empty sends are no-ops.
    if (data.size() <= kStreamChunkMax) {
        if (data.empty()) return ok();
        NODEVIRT_TRY(checkSendable());
        NODEVIRT_TRY(core_->waitForRoom());
        return sendPacket(MessageType::kStream, MessageStatus::kContinue, std::move(data));
    }
    for (size_t off = 0; off < data.size(); off += kStreamChunkMax) {
        NODEVIRT_TRY(checkSendable());
        NODEVIRT_TRY(core_->waitForRoom());
        NODEVIRT_TRY(sendPacket(MessageType::kStream, MessageStatus::kContinue,
                                data.substr(off, kStreamChunkMax)));
    }
    return ok();
}

Status ClientStreamImpl::sendHole(int64_t length, uint32_t flags) {
    NODEVIRT_TRY(checkSendable());
    return sendPacket(MessageType::kStreamHole, MessageStatus::kContinue,
                      encodeHolePayload(length, flags));
}

Result<StreamStatus> ClientStreamImpl::endStream(MessageStatus status) {
    {
        std::lock_guard lock(mutex_);
        if (failure_) return ::nodevirt::fail(*failure_);
        if (server_error_) {
            // The server already ended the stream with an error; that is the answer.
            return StreamStatus(tl::unexpected(*server_error_));
        }
        if (ending_) return ::nodevirt::fail(streamError("stream is already finishing"));
        ending_ = true;
    }
    NODEVIRT_TRY(sendPacket(MessageType::kStream, status, {}));
    std::unique_lock lock(mutex_);
    // Ends when the server answers or the connection fails (keepalive bounds a dead peer).
    cv_.wait(lock, [this] { return end_reply_.has_value() || failure_.has_value(); });
    core_->unregisterStream(serial_, this);
    if (end_reply_) return *end_reply_;
    return ::nodevirt::fail(*failure_);
}

Result<StreamStatus> ClientStreamImpl::finish() { return endStream(MessageStatus::kOk); }

Result<StreamStatus> ClientStreamImpl::abort() { return endStream(MessageStatus::kError); }

std::optional<std::string> ClientStreamImpl::serverError() const {
    std::lock_guard lock(mutex_);
    return server_error_;
}

Result<StreamPacket> ClientStreamImpl::recv(std::optional<std::chrono::milliseconds> timeout) {
    std::unique_lock lock(mutex_);
    auto ready = [this] {
        return !packets_.empty() || eof_ || server_error_.has_value() || failure_.has_value();
    };
    if (timeout) {
        if (!cv_.wait_for(lock, *timeout, ready)) {
            return StreamPacket{StreamPacket::Kind::kWouldBlock, {}, 0, 0};
        }
    } else {
        cv_.wait(lock, ready);
    }
    if (!packets_.empty()) {
        StreamPacket p = std::move(packets_.front());
        packets_.pop_front();
        buffered_ -= p.data.size();
        if (over_limit_ && buffered_ < kClientStreamBufferMax / 2) {
            over_limit_ = false;
            core_->resumeReadingForStream();
        }
        return p;
    }
    if (server_error_) return StreamPacket{StreamPacket::Kind::kError, *server_error_, 0, 0};
    if (eof_) return StreamPacket{StreamPacket::Kind::kEof, {}, 0, 0};
    return ::nodevirt::fail(*failure_);
}

void ClientStreamImpl::setReadableCallback(std::function<void()> callback) {
    std::lock_guard lock(mutex_);
    readable_ = std::move(callback);
}

void ClientStreamImpl::onPacket(Frame frame) {
    std::function<void()> notify;
    bool server_failed = false;
    {
        std::lock_guard lock(mutex_);
        const Header& h = frame.header;
        if (h.type == MessageType::kStreamHole) {
            StreamPacket p{StreamPacket::Kind::kHole, {}, 0, 0};
            if (!decodeHolePayload(frame.payload, p.hole_length, p.hole_flags)) {
                log::warn("rpc: stream serial {}: malformed hole packet dropped", serial_);
                return;
            }
            packets_.push_back(std::move(p));
        } else if (h.status == MessageStatus::kContinue) {
            if (frame.payload.empty()) {
                eof_ = true;
            } else {
                buffered_ += frame.payload.size();
                packets_.push_back(
                    StreamPacket{StreamPacket::Kind::kData, std::move(frame.payload), 0, 0});
                if (!over_limit_ && buffered_ > kClientStreamBufferMax) {
                    over_limit_ = true;
                    core_->pauseReadingForStream();
                }
            }
        } else if (ending_) {
            // The server's answer to our finish/abort.
            end_reply_ = h.status == MessageStatus::kOk
                             ? StreamStatus{}
                             : StreamStatus(tl::unexpected(std::move(frame.payload)));
        } else if (h.status == MessageStatus::kError) {
            server_error_ = std::move(frame.payload);
            server_failed = true;
        } else {
            log::debug("rpc: stream serial {}: unexpected STREAM/OK from the server", serial_);
            eof_ = true;
        }
        notify = readable_;
    }
    cv_.notify_all();
    // The server ended the stream; nothing more will come for this serial.
    if (server_failed) core_->unregisterStream(serial_, this);
    if (notify) notify();
}

void ClientStreamImpl::fail(const Error& error) {
    {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = error;
    }
    cv_.notify_all();
}

}  // namespace nodevirt::rpc
