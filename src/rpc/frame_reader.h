// FrameReader: the receive side of libvirt's framing. Bytes (and fds passed with SCM_RIGHTS)
// go in as the socket delivers them; complete frames come out. A length word is validated
// before the buffer grows for it, so a peer can never make us allocate more than one maximal
// frame (census §1.6), and an invalid one never allocates at all.
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
    [[nodiscard]] size_t buffered() const { return end_ - start_; }
    [[nodiscard]] size_t capacity() const { return capacity_; }
    [[nodiscard]] size_t pendingFds() const { return fds_.size(); }

  private:
    void reserveFor(size_t frame_bytes);
    void compact();

    std::unique_ptr<char[]> buffer_;
    size_t capacity_ = 0;
    size_t start_ = 0;
    size_t end_ = 0;
    std::deque<UniqueFd> fds_;
};

}  // namespace nodevirt::rpc
