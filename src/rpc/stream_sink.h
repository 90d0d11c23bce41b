// Server-side stream plumbing (census §1.8) as the procedure layer sees it. A ServerStream is
// bound to the (prog, proc, serial) of the call that opened it; packets the client sends for
// it reach a StreamSink; packets the server sends go out through the ServerStream. Data
// produced by the server is pulled by the event loop (StreamSink::produce) only while the
// client's socket drains, so a large download is never buffered in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <tl/expected.hpp>

#include "util/result.h"

namespace nodevirt::rpc {

// Flow control for server→client stream data: a producer is asked for more only while the
// client's unsent output is below this, and again once writes bring it back under.
inline constexpr size_t kStreamHighWater = 4 * size_t{262120};

// The outcome of a sink callback: OK, or an already encoded remote_error payload that the rpc
// layer sends as STREAM/ERROR (after which the stream is closed).
using StreamStatus = tl::expected<void, std::string>;

// What a producer did when asked for data (see StreamSink::produce).
enum class ProduceState {
    kMore,     // sent something (or nothing yet) and can go on: ask again when there is room
    kWaitFd,   // nothing available: ask again when `fd` becomes readable
    kIdle,     // nothing available: ask again after ServerStream::wakeSource()
    kDone,     // sent EOF or an error: never ask again
};

struct ProduceResult {
    ProduceState state = ProduceState::kMore;
    int fd = -1;  // for kWaitFd; owned by the producer and kept open while waited on
};

class ServerStream {
  public:
    virtual ~ServerStream() = default;

    [[nodiscard]] virtual uint32_t prog() const = 0;
    [[nodiscard]] virtual int32_t proc() const = 0;
    [[nodiscard]] virtual uint32_t serial() const = 0;
    // False once finished, aborted, failed or the client went away.
    [[nodiscard]] virtual bool isOpen() const = 0;

    // Raw data, split into STREAM/CONTINUE packets of at most 262120 bytes.
    virtual Status sendData(std::string data) = 0;
    // STREAM_HOLE {length, flags} for sparse streams.
    virtual Status sendHole(int64_t length, uint32_t flags) = 0;
    // End of data: an empty STREAM/CONTINUE. The client then finishes (its STREAM/OK is
    // answered by the rpc layer after StreamSink::onFinish).
    virtual Status sendEof() = 0;
    // STREAM/ERROR with an encoded remote_error; closes the stream.
    virtual Status sendError(std::string encoded_error) = 0;

    // Starts pulling data from StreamSink::produce. Call after the opening call's reply is
    // queued, so no data packet can overtake the reply.
    virtual void startSource() = 0;
    // A kIdle producer has data again.
    virtual void wakeSource() = 0;
    // Forgets the stream without telling the client.
    virtual void close() = 0;
};

class StreamSink {
  public:
    virtual ~StreamSink() = default;

    // All callbacks run on the I/O thread and must not block for long.
    // STREAM/CONTINUE from the client: raw bytes.
    virtual StreamStatus onData(std::string data) = 0;
    // STREAM_HOLE from the client.
    virtual StreamStatus onHole(int64_t length, uint32_t flags) = 0;
    // STREAM/OK from the client: it is done. OK → the rpc layer answers STREAM/OK; an error →
    // STREAM/ERROR with that payload. The stream is closed either way.
    virtual StreamStatus onFinish() = 0;
    // STREAM/ERROR from the client: abort. The rpc layer answers STREAM/OK and closes.
    virtual void onAbort() = 0;
    // The stream ended without finish/abort because the client disconnected or the server is
    // shutting down. Not called after sendError() or close(), which the server side chose.
    virtual void onClosed() {}
    // Server→client data, after ServerStream::startSource(): send at most about `budget` bytes
    // through `stream` and say how to continue.
    virtual ProduceResult produce(ServerStream& /*stream*/, size_t /*budget*/) {
        return {ProduceState::kDone};
    }
};

}  // namespace nodevirt::rpc
