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

void FrameReader::reserveFor(size_t frame_bytes) {
    if (frame_bytes > capacity_) {
        auto bigger = std::make_unique_for_overwrite<char[]>(frame_bytes);
        std::memcpy(bigger.get(), buffer_.get() + start_, end_ - start_);
        buffer_ = std::move(bigger);
        capacity_ = frame_bytes;
        end_ -= start_;
        start_ = 0;
    } else if (start_ + frame_bytes > capacity_) {
        compact();
    }
}

std::span<char> FrameReader::readSpace() {
    if (!buffer_) {
        capacity_ = kInitialCapacity;
        buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
    }
    if (end_ - start_ >= kLengthWordSize) {
        uint32_t len = loadBigEndian32(buffer_.get() + start_);
        // Only a valid length may grow the buffer; next() reports the invalid ones.
        if (len >= kFrameMin && len <= kFrameMax) reserveFor(size_t{len} + kFdsMax);
    }
    if (end_ == capacity_) compact();
    if (end_ == capacity_) {
        // Only reachable when the caller reads without draining next(): keep the contract
        // ("never empty") with one bounded step rather than failing the read.
        reserveFor(capacity_ + kInitialCapacity);
    }
    return {buffer_.get() + end_, capacity_ - end_};
}

void FrameReader::commit(size_t n) { end_ += n; }

void FrameReader::addFds(std::vector<UniqueFd>& fds) {
    for (auto& fd : fds) fds_.push_back(std::move(fd));
    fds.clear();
}

Result<std::optional<Frame>> FrameReader::next() {
    if (fds_.size() > kMaxUnclaimedFds) {
        return fail(protocolError(
            fmt::format("received {} file descriptors that no message announced", fds_.size())));
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
    if (avail < len) return std::optional<Frame>{};

    Header header = decodeHeader(p + kLengthWordSize);
    size_t body = kFrameMin;
    size_t nfds = 0;
    if (carriesFds(header.type)) {
        if (len < kFrameMin + kFdCountSize) {
            return fail(protocolError("message with file descriptors lacks the descriptor count"));
        }
        nfds = loadBigEndian32(p + kFrameMin);
        if (nfds > kFdsMax) {
            return fail(protocolError(
                fmt::format("Too many FDs to receive: {}, maximum is {}", nfds, kFdsMax)));
        }
        body += kFdCountSize;
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
    if (start_ == end_) {
        start_ = end_ = 0;
        // Give back the memory of an unusually large frame; the common size stays allocated.
        if (capacity_ > kInitialCapacity) {
            buffer_.reset();
            capacity_ = 0;
        }
    }
    return std::optional<Frame>{std::move(frame)};
}

}  // namespace nodevirt::rpc
