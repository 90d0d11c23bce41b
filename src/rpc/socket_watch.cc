#include "rpc/socket_watch.h"

#include <asio/detail/reactor_op.hpp>
#include <asio/error.hpp>

#include <cstring>

namespace nodevirt::rpc {
namespace {

using asio::detail::operation;
using asio::detail::reactor;
using asio::detail::reactor_op;

// Both operations are allocated per wait and freed by their completion, like Asio's own: the
// reactor or the scheduler may still hold one when the watch is released or the io_context
// is destroyed (then complete() runs with owner == nullptr and only frees).

class ReadOp final : public reactor_op {
  public:
    explicit ReadOp(std::shared_ptr<ReadTarget> target)
        : reactor_op(asio::error_code(), &ReadOp::perform, &ReadOp::complete),
          target_(std::move(target)) {}

  private:
    static status perform(reactor_op* base) {
        auto* op = static_cast<ReadOp*>(base);
        ReadTarget::Outcome out = op->target_->readSome();
        op->result_ = out.result;
        if (out.result.state == IoState::kWouldBlock) return not_done;
        // "exhausted" tells the reactor not to try a read before the next edge.
        return out.drained ? done_and_exhausted : done;
    }

    static void complete(void* owner, operation* base, const asio::error_code&, std::size_t) {
        std::unique_ptr<ReadOp> op(static_cast<ReadOp*>(base));
        if (owner == nullptr) return;
        op->target_->readDone(op->result_, op->ec_ == asio::error::operation_aborted);
    }

    std::shared_ptr<ReadTarget> target_;
    IoResult result_;
};

class WaitOp final : public reactor_op {
  public:
    explicit WaitOp(std::function<void(bool)> done)
        : reactor_op(asio::error_code(), &WaitOp::perform, &WaitOp::complete),
          done_(std::move(done)) {}

  private:
    static status perform(reactor_op*) { return done; }

    static void complete(void* owner, operation* base, const asio::error_code&, std::size_t) {
        std::unique_ptr<WaitOp> op(static_cast<WaitOp*>(base));
        if (owner == nullptr) return;
        op->done_(!op->ec_);
    }

    std::function<void(bool)> done_;
};

}  // namespace

SocketWatch::SocketWatch(asio::io_context& io) : reactor_(asio::use_service<reactor>(io)) {}

SocketWatch::~SocketWatch() { release(); }

Status SocketWatch::assign(int fd) {
    if (fd_ >= 0) release();
    int err = reactor_.register_descriptor(fd, data_);
    if (err != 0) {
        return fail(systemError(err, "Unable to watch socket"));
    }
    fd_ = fd;
    return ok();
}

void SocketWatch::release() {
    if (fd_ < 0) return;
    // As Asio's descriptor release: pending operations are posted as aborted, then the
    // reactor's per-descriptor state is freed.
    reactor_.deregister_descriptor(fd_, data_, false);
    reactor_.cleanup_descriptor_data(data_);
    fd_ = -1;
}

void SocketWatch::asyncRead(std::shared_ptr<ReadTarget> target) {
    auto* op = new ReadOp(std::move(target));
    op->cancellation_key_ = this;
    if (fd_ < 0) {
        op->ec_ = asio::error::bad_descriptor;
        reactor_.post_immediate_completion(op, true);
        return;
    }
    // Speculative: the reactor reads at once unless the last read drained the socket and no
    // edge came since; otherwise the op waits for the next edge, with no epoll_ctl.
    reactor_.start_op(reactor::read_op, fd_, data_, op, true, true);
}

void SocketWatch::asyncWaitWritable(std::function<void(bool)> done) {
    auto* op = new WaitOp(std::move(done));
    if (fd_ < 0) {
        op->ec_ = asio::error::bad_descriptor;
        reactor_.post_immediate_completion(op, true);
        return;
    }
    // Not speculative: adds EPOLLOUT to the registration (writes block rarely).
    reactor_.start_op(reactor::write_op, fd_, data_, op, true, false);
}

void SocketWatch::cancelRead() {
    if (fd_ < 0) return;
    reactor_.cancel_ops_by_key(fd_, data_, reactor::read_op, this);
}

}  // namespace nodevirt::rpc
