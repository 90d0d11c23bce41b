// Stream: blocking and non-blocking reads, writes, finish and abort on top of a driver
// DataStream (virStreamRecv / virStreamSend / virStreamFinish / virStreamAbort).
#include "nodevirt/stream.h"

#include <poll.h>

#include <cerrno>

#include "client/handle_access.h"
#include "client/stream_state.h"
#include "util/result.h"

namespace nodevirt {
namespace detail {

StreamState::~StreamState() { abort(); }

Status StreamState::finish() {
    if (!stream_) return ok();
    Status st = stream_->finish();
    if (!st) stream_->abort();
    stream_.reset();
    return st;
}

void StreamState::abort() {
    if (!stream_) return;
    stream_->abort();
    stream_.reset();
}

}  // namespace detail

namespace client {
Stream makeStream(const detail::StatePtr& conn, driver::DataStreamPtr stream) {
    return detail::HandleAccess::stream(
        std::make_shared<detail::StreamState>(conn, std::move(stream)));
}
}  // namespace client

namespace {

// Generous bound on would-block rounds in one blocking recv (each round waits in poll()).
constexpr int kMaxWaitRounds = 1 << 20;

Error invalidStream(std::string_view api) {
    return Error::make(ErrorCode::kInvalidStream, ErrorDomain::kStreams, api);
}

Error streamClosed(std::string_view api) {
    return Error::raw(
        ErrorCode::kOperationInvalid, ErrorDomain::kStreams,
        "Requested operation is not valid: stream is already finished or aborted in " +
            std::string(api));
}

}  // namespace

Result<StreamChunk> Stream::tryRecv(size_t max) const {
    if (!state_) return fail(invalidStream("virStreamRecv"));
    std::lock_guard lock(state_->mutex);
    driver::DataStream* ds = state_->stream();
    if (!ds) return fail(streamClosed("virStreamRecv"));
    auto r = ds->read(max);
    if (!r) {
        state_->abort();
        return fail(std::move(r).error());
    }
    return StreamChunk{std::move(r->data), r->eof, r->would_block};
}

Result<std::string> Stream::recv(size_t max) const {
    for (int round = 0; round < kMaxWaitRounds; ++round) {
        NODEVIRT_ASSIGN_OR_RETURN(StreamChunk chunk, tryRecv(max));
        if (!chunk.would_block || !chunk.data.empty()) return std::move(chunk.data);
        int fd = pollFd();
        if (fd < 0) {
            return fail(Error::make(ErrorCode::kInternalError, ErrorDomain::kStreams,
                                    "stream would block but offers no descriptor to wait on"));
        }
        pollfd pfd{fd, POLLIN, 0};
        if (::poll(&pfd, 1, -1) < 0 && errno != EINTR)
            return fail(systemError(errno, "cannot wait for stream data"));
    }
    return fail(Error::make(ErrorCode::kInternalError, ErrorDomain::kStreams,
                            "stream never produced data"));
}

Result<std::string> Stream::recvAll(size_t limit) const {
    constexpr size_t kChunk = 256 * 1024;
    std::string out;
    // Each round either returns or appends at least one byte, and `out` is capped at `limit`.
    for (;;) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string piece, recv(kChunk));
        if (piece.empty()) return out;
        if (out.size() + piece.size() > limit) {
            (void)abort();
            return fail(Error::make(ErrorCode::kOverflow, ErrorDomain::kStreams,
                                    "stream data exceeds " + std::to_string(limit) + " bytes"));
        }
        out += piece;
    }
}

Status Stream::send(std::string_view data) const {
    if (!state_) return fail(invalidStream("virStreamSend"));
    std::lock_guard lock(state_->mutex);
    driver::DataStream* ds = state_->stream();
    if (!ds) return fail(streamClosed("virStreamSend"));
    Status st = ds->write(data);
    if (!st) state_->abort();
    return st;
}

Status Stream::finish() const {
    if (!state_) return fail(invalidStream("virStreamFinish"));
    std::lock_guard lock(state_->mutex);
    if (!state_->stream()) return fail(streamClosed("virStreamFinish"));
    return state_->finish();
}

Status Stream::abort() const {
    if (!state_) return fail(invalidStream("virStreamAbort"));
    std::lock_guard lock(state_->mutex);
    state_->abort();
    return ok();
}

int Stream::pollFd() const {
    if (!state_) return -1;
    std::lock_guard lock(state_->mutex);
    driver::DataStream* ds = state_->stream();
    return ds ? ds->pollFd() : -1;
}

}  // namespace nodevirt
