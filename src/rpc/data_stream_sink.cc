#include "rpc/data_stream_sink.h"

#include <algorithm>

#include "rpc/wire.h"
#include "util/logging.h"

namespace nodevirt::rpc {

DataStreamSink::DataStreamSink(driver::DataStreamPtr stream, ErrorEncoder encode,
                               Direction direction)
    : stream_(std::move(stream)), encode_(std::move(encode)), direction_(direction) {}

DataStreamSink::~DataStreamSink() {
    if (!ended_ && stream_) stream_->abort();
}

StreamStatus DataStreamSink::failed(const Error& error) {
    if (!ended_) {
        ended_ = true;
        stream_->abort();
    }
    return tl::unexpected(encode_(error));
}

StreamStatus DataStreamSink::onData(std::string data) {
    if (!receives()) {
        return failed(Error::raw(ErrorCode::kRpc, ErrorDomain::kStreams,
                                 "stream does not accept data from the client"));
    }
    Status st = stream_->write(data);
    if (!st) return failed(st.error());
    return {};
}

StreamStatus DataStreamSink::onHole(int64_t /*length*/, uint32_t /*flags*/) {
    return failed(Error::raw(ErrorCode::kOperationUnsupported, ErrorDomain::kStreams,
                             "Operation not supported: sparse streams are not supported"));
}

StreamStatus DataStreamSink::onFinish() {
    if (ended_) return {};
    ended_ = true;
    Status st = stream_->finish();
    if (!st) return tl::unexpected(encode_(st.error()));
    return {};
}

void DataStreamSink::onAbort() {
    if (ended_) return;
    ended_ = true;
    stream_->abort();
}

void DataStreamSink::onClosed() { onAbort(); }

ProduceResult DataStreamSink::produce(ServerStream& stream, size_t budget) {
    if (!sends() || ended_) return {ProduceState::kDone};
    // Bounded by the budget: every round either sends bytes or returns.
    while (budget > 0) {
        auto r = stream_->read(std::min<size_t>(budget, kStreamChunkMax));
        if (!r) {
            std::string payload = encode_(r.error());
            ended_ = true;
            stream_->abort();
            (void)stream.sendError(std::move(payload));
            return {ProduceState::kDone};
        }
        size_t n = r->data.size();
        if (n > 0) {
            budget -= std::min(budget, n);
            if (!stream.sendData(std::move(r->data))) return {ProduceState::kDone};
        }
        if (r->eof) {
            (void)stream.sendEof();
            return {ProduceState::kDone};
        }
        // Nothing read and not at the end counts as "would block" (never spin on it).
        if (r->would_block || n == 0) {
            int fd = stream_->pollFd();
            if (fd >= 0) return {ProduceState::kWaitFd, fd};
            // The DataStream contract says this cannot happen; wait for an explicit wake.
            log::warn("rpc: stream serial {}: source would block but has no fd to poll",
                      stream.serial());
            return {ProduceState::kIdle};
        }
    }
    return {ProduceState::kMore};
}

}  // namespace nodevirt::rpc
