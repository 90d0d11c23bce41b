// FrameReader: the receive side of libvirt's framing. Bytes (and fds passed with SCM_RIGHTS)
// go in as the socket delivers them; complete frames come out. Small frames are parsed from a
// fixed 64 KiB buffer; a larger one, once its length word is validated (census §1.6) and its
// header has arrived, is read straight into its own payload string, so an invalid length never
// allocates, a valid one allocates exactly once, and large payloads are never copied.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rpc/wire.h"
#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

// One received frame. For *_WITH_FDS types the fd-count word is consumed by the reader and the
// fds themselves are in `fds`; `payload` is always what follows the header (and that word).
struct Frame {
    Header header;
    std::string payload;
    std::vector<UniqueFd> fds;
};

class FrameReader {
  public:
    static constexpr size_t kInitialCapacity = 65536;

    FrameReader() = default;
    FrameReader(const FrameReader&) = delete;
    FrameReader& operator=(const FrameReader&) = delete;

    // Where the next read should land; never empty.
    std::span<char> readSpace();
    // Marks `n` bytes of readSpace() as filled.
    void commit(size_t n);
    // Takes fds that arrived with the bytes (SCM_RIGHTS). libvirt peers send each fd with one
    // extra byte after the frame that announces them; next() matches them up.
    void addFds(std::vector<UniqueFd>& fds);

    // The next complete frame, std::nullopt when more input is needed, or a protocol error
    // (bad length, bad fd count, fd missing); after an error the reader must be discarded.
    Result<std::optional<Frame>> next();

    // Bytes received but not yet returned as frames.
    [[nodiscard]] size_t buffered() const { return end_ - start_ + (large_ ? large_->filled : 0); }
    [[nodiscard]] size_t capacity() const { return kInitialCapacity; }
    [[nodiscard]] size_t pendingFds() const { return fds_.size(); }
    // A frame larger than the buffer is being read into its own payload.
    [[nodiscard]] bool readingLargeFrame() const { return large_.has_value(); }

  private:
    // A frame whose payload is read directly into `frame.payload`.
    struct LargeFrame {
        Frame frame;
        size_t filled = 0;  // payload bytes received
        size_t nfds = 0;
    };

    void compact();
    Result<std::optional<Frame>> takeLarge();

    std::unique_ptr<char[]> buffer_;
    size_t start_ = 0;
    size_t end_ = 0;
    std::optional<LargeFrame> large_;
    std::deque<UniqueFd> fds_;
};

}  // namespace nodevirt::rpc
