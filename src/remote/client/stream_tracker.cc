#include "remote/client/stream_tracker.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "remote/client/channel.h"
#include "util/error.h"

namespace nodevirt::remote {
namespace {

// Zero bytes handed out per read for a hole, so a huge hole never becomes one huge string.
constexpr size_t kHoleChunk = 256 * 1024;

Error streamEnded() {
    return Error::raw(ErrorCode::kOperationInvalid, ErrorDomain::kStreams,
                      "Requested operation is not valid: stream is already finished or aborted");
}

Status statusOf(Result<rpc::StreamStatus> r) {
    if (!r) return fail(r.error());
    if (!*r) return fail(decodeRemoteError(r->error()));
    return ok();
}

}  // namespace

StreamWaker::StreamWaker() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

void StreamWaker::wake() {
    uint64_t one = 1;
    // A full counter is already readable; nothing else can go wrong on an eventfd.
    (void)!::write(fd_.get(), &one, sizeof one);
}

void StreamWaker::drain() {
    uint64_t value = 0;
    (void)!::read(fd_.get(), &value, sizeof value);
}

std::shared_ptr<StreamWaker> StreamTracker::add() {
    auto waker = std::make_shared<StreamWaker>();
    std::lock_guard lock(mutex_);
    std::erase_if(wakers_, [](const auto& w) { return w.expired(); });
    wakers_.push_back(waker);
    return waker;
}

void StreamTracker::wakeAll() {
    std::lock_guard lock(mutex_);
    for (auto& w : wakers_) {
        if (auto waker = w.lock()) waker->wake();
    }
}

RemoteDataStream::RemoteDataStream(std::shared_ptr<rpc::ClientStream> stream,
                                   std::shared_ptr<StreamWaker> waker)
    : stream_(std::move(stream)), waker_(std::move(waker)) {
    std::weak_ptr<StreamWaker> weak = waker_;
    stream_->setReadableCallback([weak] {
        if (auto w = weak.lock()) w->wake();
    });
    // Packets may have arrived before the callback was installed.
    waker_->wake();
}

RemoteDataStream::~RemoteDataStream() {
    stream_->setReadableCallback({});
    abort();
}

driver::StreamRead RemoteDataStream::takePending(size_t max) {
    driver::StreamRead out;
    if (!pending_.empty()) {
        size_t n = std::min(max, pending_.size());
        out.data = pending_.substr(0, n);
        pending_.erase(0, n);
    } else {
        size_t n = static_cast<size_t>(std::min<uint64_t>({max, pending_hole_, kHoleChunk}));
        out.data.assign(n, '\0');
        pending_hole_ -= n;
    }
    return out;
}

Result<driver::StreamRead> RemoteDataStream::read(size_t max) {
    if (ended_) return fail(streamEnded());
    if (max == 0) return driver::StreamRead{};
    if (!pending_.empty() || pending_hole_ > 0) return takePending(max);
    if (eof_) return driver::StreamRead{{}, true, false};
    // Drain first: a packet arriving after the recv below wakes the descriptor again.
    waker_->drain();
    NODEVIRT_ASSIGN_OR_RETURN(rpc::StreamPacket packet,
                              stream_->recv(std::chrono::milliseconds(0)));
    switch (packet.kind) {
        case rpc::StreamPacket::Kind::kData:
            pending_ = std::move(packet.data);
            waker_->wake();  // more packets may be queued behind this one
            return takePending(max);
        case rpc::StreamPacket::Kind::kHole:
            pending_hole_ = packet.hole_length > 0 ? static_cast<uint64_t>(packet.hole_length) : 0;
            waker_->wake();
            return takePending(max);
        case rpc::StreamPacket::Kind::kEof:
            eof_ = true;
            return driver::StreamRead{{}, true, false};
        case rpc::StreamPacket::Kind::kError:
            ended_ = true;
            return fail(decodeRemoteError(packet.data));
        case rpc::StreamPacket::Kind::kWouldBlock:
            break;
    }
    return driver::StreamRead{{}, false, true};
}

Status RemoteDataStream::write(std::string_view data) {
    if (ended_) return fail(streamEnded());
    Status st = stream_->send(std::string(data));
    if (!st) {
        // The server may have said why it stopped accepting data.
        if (auto err = stream_->serverError()) return fail(decodeRemoteError(*err));
    }
    return st;
}

Status RemoteDataStream::finish() {
    if (ended_) return fail(streamEnded());
    ended_ = true;
    return statusOf(stream_->finish());
}

void RemoteDataStream::abort() {
    if (ended_) return;
    ended_ = true;
    (void)stream_->abort();
}

driver::DataStreamPtr makeRemoteStream(std::shared_ptr<rpc::ClientStream> stream,
                                       StreamTracker& tracker) {
    return std::make_unique<RemoteDataStream>(std::move(stream), tracker.add());
}

}  // namespace nodevirt::remote
