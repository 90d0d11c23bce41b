#include "rpc/outgoing_queue.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace nodevirt::rpc {
namespace {

Error frameError(std::string message) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc, std::move(message));
}

}  // namespace

Result<OutgoingFrame> OutgoingFrame::make(const Header& header, std::string payload,
                                          std::vector<UniqueFd> fds) {
    bool with_fds = carriesFds(header.type);
    if (!with_fds && !fds.empty()) {
        return fail(frameError(fmt::format("message type {} cannot carry file descriptors",
                                           typeName(header.type))));
    }
    if (fds.size() > kFdsMax) {
        return fail(frameError(
            fmt::format("Too many FDs to send: {}, maximum is {}", fds.size(), kFdsMax)));
    }
    size_t head = kFrameMin + (with_fds ? kFdCountSize : 0);
    if (payload.size() > kFrameMax - head) {
        return fail(frameError(fmt::format("message payload of {} bytes is too large, maximum is {}",
                                           payload.size(), kFrameMax - head)));
    }
    OutgoingFrame f;
    f.header_ = header;
    f.head_size_ = head;
    storeBigEndian32(f.head_.data(), static_cast<uint32_t>(head + payload.size()));
    writeHeaderBytes(header, f.head_.data() + kLengthWordSize);
    if (with_fds) storeBigEndian32(f.head_.data() + kFrameMin, static_cast<uint32_t>(fds.size()));
    f.payload_ = std::move(payload);
    f.fds_ = std::move(fds);
    return f;
}

void OutgoingQueue::push(OutgoingFrame frame) {
    bytes_ += frame.size();
    frames_.push_back(std::move(frame));
}

void OutgoingQueue::clear() {
    frames_.clear();
    bytes_ = 0;
}

size_t OutgoingQueue::gather(std::array<iovec, kMaxIov>& iov) const {
    size_t n = 0;
    for (const OutgoingFrame& f : frames_) {
        if (n + 2 > kMaxIov) break;
        size_t off = f.sent_;
        if (off < f.head_size_) {
            iov[n++] = {const_cast<char*>(f.head_.data()) + off, f.head_size_ - off};
            off = f.head_size_;
        }
        size_t poff = off - f.head_size_;
        if (poff < f.payload_.size()) {
            iov[n++] = {const_cast<char*>(f.payload_.data()) + poff, f.payload_.size() - poff};
        }
        // A frame's fds must reach the peer before the next frame's bytes.
        if (f.fds_sent_ < f.fds_.size()) break;
    }
    return n;
}

void OutgoingQueue::consume(size_t n) {
    bytes_ -= n;
    while (n > 0 && !frames_.empty()) {
        OutgoingFrame& f = frames_.front();
        size_t take = std::min(n, f.size() - f.sent_);
        f.sent_ += take;
        n -= take;
        if (f.sent_ == f.size() && f.fds_sent_ == f.fds_.size()) {
            frames_.pop_front();
        } else {
            break;
        }
    }
}

IoResult OutgoingQueue::flush(Transport& transport) {
    std::array<iovec, kMaxIov> iov{};
    // Every round makes progress or returns, so the queue size bounds the loop.
    while (!frames_.empty()) {
        OutgoingFrame& front = frames_.front();
        if (front.sent_ == front.size() && front.fds_sent_ < front.fds_.size()) {
            IoResult r = transport.sendFd(front.fds_[front.fds_sent_].get());
            if (r.state != IoState::kDone) return r;
            ++front.fds_sent_;
            if (front.fds_sent_ == front.fds_.size()) frames_.pop_front();
            continue;
        }
        size_t count = gather(iov);
        IoResult r = transport.write(std::span<const iovec>(iov.data(), count));
        if (r.state != IoState::kDone) return r;
        consume(r.bytes);
    }
    return IoResult{};
}

}  // namespace nodevirt::rpc
