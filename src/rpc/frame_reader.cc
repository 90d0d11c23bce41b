#include "rpc/frame_reader.h"

#include <fmt/format.h>

#include <cstring>

namespace nodevirt::rpc {
namespace {

Error protocolError(std::string message) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc, std::move(message));
}

// A peer may attach fds to bytes no frame announces; beyond this many we stop trusting it.
constexpr size_t kMaxUnclaimedFds = 2 * kFdsMax;

}  // namespace

void FrameReader::compact() {
    if (start_ == 0) return;
    std::memmove(buffer_.get(), buffer_.get() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
}

std::span<char> FrameReader::readSpace() {
    if (large_ && large_->filled < large_->frame.payload.size()) {
        std::string& p = large_->frame.payload;
        return {p.data() + large_->filled, p.size() - large_->filled};
    }
    if (!buffer_) buffer_ = std::make_unique_for_overwrite<char[]>(kInitialCapacity);
    if (start_ > 0) {
        size_t avail = end_ - start_;
        // Make room for the rest of a frame that fits the buffer, or for any bytes at all.
        size_t want = kInitialCapacity;
        if (avail >= kLengthWordSize) {
            want = std::min<size_t>(loadBigEndian32(buffer_.get() + start_), kInitialCapacity);
        }
        if (end_ == kInitialCapacity || start_ + want > kInitialCapacity) compact();
    }
    return {buffer_.get() + end_, kInitialCapacity - end_};
}

void FrameReader::commit(size_t n) {
    if (large_ && large_->filled < large_->frame.payload.size()) {
        large_->filled += n;
    } else {
        end_ += n;
    }
}

void FrameReader::addFds(std::vector<UniqueFd>& fds) {
    for (auto& fd : fds) fds_.push_back(std::move(fd));
    fds.clear();
}

// The payload of a large frame is complete; its fd carrier bytes (if any) come through the
// normal buffer.
Result<std::optional<Frame>> FrameReader::takeLarge() {
    size_t nfds = large_->nfds;
    if (end_ - start_ < nfds) return std::optional<Frame>{};
    if (fds_.size() < nfds) {
        return fail(protocolError(fmt::format(
            "message announced {} file descriptors but only {} arrived", nfds, fds_.size())));
    }
    Frame frame = std::move(large_->frame);
    large_.reset();
    for (size_t i = 0; i < nfds; ++i) {
        frame.fds.push_back(std::move(fds_.front()));
        fds_.pop_front();
    }
    start_ += nfds;
    if (start_ == end_) start_ = end_ = 0;
    return std::optional<Frame>{std::move(frame)};
}

Result<std::optional<Frame>> FrameReader::next() {
    if (fds_.size() > kMaxUnclaimedFds) {
        return fail(protocolError(
            fmt::format("received {} file descriptors that no message announced", fds_.size())));
    }
    if (large_) {
        if (large_->filled < large_->frame.payload.size()) return std::optional<Frame>{};
        return takeLarge();
    }
    size_t avail = end_ - start_;
    if (avail < kLengthWordSize) return std::optional<Frame>{};
    const char* p = buffer_.get() + start_;
    uint32_t len = loadBigEndian32(p);
    if (len < kFrameMin) {
        return fail(protocolError(
            fmt::format("packet length {} is too small, minimum is {}", len, kFrameMin)));
    }
    if (len > kFrameMax) {
        return fail(protocolError(
            fmt::format("packet length {} is too large, maximum is {}", len, kFrameMax)));
    }
    if (avail < kFrameMin) return std::optional<Frame>{};

    Header header = readHeaderBytes(p + kLengthWordSize);
    size_t body = kFrameMin;
    size_t nfds = 0;
    if (carriesFds(header.type)) {
        if (len < kFrameMin + kFdCountSize) {
            return fail(protocolError("message with file descriptors lacks the descriptor count"));
        }
        if (avail < kFrameMin + kFdCountSize) return std::optional<Frame>{};
        nfds = loadBigEndian32(p + kFrameMin);
        if (nfds > kFdsMax) {
            return fail(protocolError(
                fmt::format("Too many FDs to receive: {}, maximum is {}", nfds, kFdsMax)));
        }
        body += kFdCountSize;
    }
    if (len + nfds > kInitialCapacity && avail < len + nfds) {
        // Too big for the buffer: the payload gets its own (validated, exact) allocation and
        // the rest of it is read straight into place; fd carrier bytes follow in the buffer.
        size_t take = std::min<size_t>(avail, len) - body;
        large_.emplace();
        large_->frame.header = header;
        large_->nfds = nfds;
        large_->frame.payload.resize(len - body);
        large_->filled = take;
        std::memcpy(large_->frame.payload.data(), p + body, take);
        start_ += body + take;
        if (start_ == end_) start_ = end_ = 0;
        return next();
    }
    // Each fd travels with one byte of its own after the frame.
    if (avail < len + nfds) return std::optional<Frame>{};
    if (fds_.size() < nfds) {
        return fail(protocolError(fmt::format(
            "message announced {} file descriptors but only {} arrived", nfds, fds_.size())));
    }

    Frame frame;
    frame.header = header;
    frame.payload.assign(p + body, len - body);
    frame.fds.reserve(nfds);
    for (size_t i = 0; i < nfds; ++i) {
        frame.fds.push_back(std::move(fds_.front()));
        fds_.pop_front();
    }
    start_ += len + nfds;
    if (start_ == end_) start_ = end_ = 0;
    return std::optional<Frame>{std::move(frame)};
}

}  // namespace nodevirt::rpc
