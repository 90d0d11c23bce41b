// Client-side streams of the remote driver (census §1.8): RemoteDataStream adapts an
// rpc::ClientStream to driver::DataStream (non-blocking reads with a pollable descriptor, as
// the client library's Stream expects), and StreamTracker wakes every waiting reader when the
// connection closes so that nobody waits forever on a dead stream.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "driver/stream.h"
#include "rpc/client_transport.h"
#include "util/unique_fd.h"

namespace nodevirt::remote {

// An eventfd that is readable while a stream may have something for read().
class StreamWaker {
  public:
    StreamWaker();
    [[nodiscard]] int fd() const { return fd_.get(); }
    void wake();
    void drain();

  private:
    UniqueFd fd_;
};

class StreamTracker {
  public:
    std::shared_ptr<StreamWaker> add();
    // The connection closed: wake every stream's reader (their next read reports the error).
    void wakeAll();

  private:
    std::mutex mutex_;
    std::vector<std::weak_ptr<StreamWaker>> wakers_;
};

class RemoteDataStream final : public driver::DataStream {
  public:
    RemoteDataStream(std::shared_ptr<rpc::ClientStream> stream,
                     std::shared_ptr<StreamWaker> waker);
    ~RemoteDataStream() override;

    Result<driver::StreamRead> read(size_t max) override;
    Status write(std::string_view data) override;
    Status finish() override;
    void abort() override;
    [[nodiscard]] int pollFd() const override { return waker_->fd(); }

  private:
    // Takes up to `max` bytes of what was received but not yet returned.
    driver::StreamRead takePending(size_t max);

    std::shared_ptr<rpc::ClientStream> stream_;
    std::shared_ptr<StreamWaker> waker_;
    std::string pending_;        // received data beyond what a read() asked for
    uint64_t pending_hole_ = 0;  // a hole in a non-sparse read is returned as zero bytes
    bool eof_ = false;
    bool ended_ = false;  // finished or aborted
};

driver::DataStreamPtr makeRemoteStream(std::shared_ptr<rpc::ClientStream> stream,
                                       StreamTracker& tracker);

}  // namespace nodevirt::remote
