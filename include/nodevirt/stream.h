// nodevirt::Stream: a byte stream bound to one operation (screenshot, volume download or
// upload, guest console). A Stream is a cheap copyable handle; copies share the same stream.
// All methods are thread-safe, but a stream carries one conversation: use it from one place.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"

namespace nodevirt {

struct StreamChunk {
    std::string data;          // bytes read (may be empty)
    bool eof = false;          // the sender finished; no more data will come
    bool would_block = false;  // tryRecv only: nothing available right now
};

class Stream {
  public:
    Stream() = default;  // an invalid stream; every call fails with VIR_ERR_INVALID_STREAM

    // Blocks until at least one byte or the end of the stream is available; returns up to
    // `max` bytes (virStreamRecv). An empty string means end of stream.
    [[nodiscard]] Result<std::string> recv(size_t max) const;
    // Never blocks (virStreamRecv on a non-blocking stream).
    [[nodiscard]] Result<StreamChunk> tryRecv(size_t max) const;
    // Reads until end of stream; fails with VIR_ERR_OVERFLOW past `limit` bytes.
    [[nodiscard]] Result<std::string> recvAll(size_t limit) const;
    // Hands bytes to the receiver (virStreamSend); all of `data` is consumed or an error is
    // returned and the stream is aborted.
    [[nodiscard]] Status send(std::string_view data) const;
    // Completes the transfer (virStreamFinish): an upload is committed, a console closed.
    [[nodiscard]] Status finish() const;
    // Abandons the transfer (virStreamAbort). Safe to call more than once.
    [[nodiscard]] Status abort() const;
    // A descriptor that polls readable when tryRecv has data, or -1 if it never blocks.
    [[nodiscard]] int pollFd() const;

    [[nodiscard]] bool isValid() const { return state_ != nullptr; }
    explicit operator bool() const { return isValid(); }

  private:
    friend struct detail::HandleAccess;
    explicit Stream(std::shared_ptr<detail::StreamState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::StreamState> state_;
};

}  // namespace nodevirt
