// What a public Stream shares between its copies: the driver's DataStream, a lock that
// serialises its use, and the connection it belongs to (kept alive while the stream is).
#pragma once

#include <memory>
#include <mutex>

#include "client/connection_state.h"
#include "driver/stream.h"
#include "nodevirt/stream.h"

namespace nodevirt::detail {

class StreamState {
  public:
    StreamState(StatePtr conn, driver::DataStreamPtr stream)
        : conn_(std::move(conn)), stream_(std::move(stream)) {}
    ~StreamState();
    StreamState(const StreamState&) = delete;
    StreamState& operator=(const StreamState&) = delete;

    std::mutex mutex;
    // Null once finished or aborted.
    [[nodiscard]] driver::DataStream* stream() { return stream_.get(); }
    // Ends the stream: finish() or abort() the driver side, then drop it.
    Status finish();
    void abort();

  private:
    StatePtr conn_;
    driver::DataStreamPtr stream_;
};

}  // namespace nodevirt::detail

namespace nodevirt::client {
// Wraps a driver stream into a public Stream bound to `conn`.
Stream makeStream(const detail::StatePtr& conn, driver::DataStreamPtr stream);
}  // namespace nodevirt::client
