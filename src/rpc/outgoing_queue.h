// OutgoingQueue: frames waiting to be written to one connection. Frames keep their payload
// string (moved in, never copied) next to a small encoded head, so one sendmsg can gather the
// heads and payloads of many queued frames; fds follow their frame one per carrier byte.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "rpc/transport.h"
#include "rpc/wire.h"
#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

class OutgoingFrame {
  public:
    // Encodes the length word, the header and (for *_WITH_FDS) the fd count. Fails for frames
    // over the 32 MiB limit, more than 32 fds, or fds on a type that cannot carry them.
    static Result<OutgoingFrame> make(const Header& header, std::string payload,
                                      std::vector<UniqueFd> fds = {});

    [[nodiscard]] size_t size() const { return head_size_ + payload_.size(); }
    [[nodiscard]] const Header& header() const { return header_; }

  private:
    friend class OutgoingQueue;
    OutgoingFrame() = default;

    Header header_;
    std::array<char, kFrameMin + kFdCountSize> head_{};
    size_t head_size_ = 0;
    std::string payload_;
    std::vector<UniqueFd> fds_;
    size_t sent_ = 0;      // bytes of head + payload already written
    size_t fds_sent_ = 0;  // fds already written
};

class OutgoingQueue {
  public:
    // Upper bound on iovecs gathered into one write.
    static constexpr size_t kMaxIov = 64;

    void push(OutgoingFrame frame);
    // Writes as much as the transport takes. kDone means the queue is now empty; kWouldBlock
    // means wait for writability; kClosed/kError are fatal for the connection.
    IoResult flush(Transport& transport);
    // Drops everything (closing any fds not yet sent).
    void clear();

    [[nodiscard]] bool empty() const { return frames_.empty(); }
    // Bytes not yet written (heads + payloads).
    [[nodiscard]] size_t bytes() const { return bytes_; }
    [[nodiscard]] size_t frames() const { return frames_.size(); }

  private:
    size_t gather(std::array<iovec, kMaxIov>& iov) const;
    void consume(size_t n);

    std::deque<OutgoingFrame> frames_;
    size_t bytes_ = 0;
};

}  // namespace nodevirt::rpc
