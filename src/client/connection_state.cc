#include "client/connection_state.h"

#include <utility>

namespace nodevirt::detail {

ConnectionState::ConnectionState(driver::ConnectionPtr driver, bool read_only)
    : driver_(std::move(driver)),
      read_only_(read_only),
      dispatcher_(std::make_shared<client::EventDispatcher>()) {}

ConnectionState::~ConnectionState() {
    // Stop delivering first: nothing queued may run against a closing driver connection.
    dispatcher_->stop();
    callbacks_.takeAll();
    driver_->close();
}

Status ConnectionState::setCloseCallback(CloseCallback cb) {
    std::lock_guard lock(close_mutex_);
    if (close_cb_) {
        return fail(Error::raw(ErrorCode::kOperationInvalid, ErrorDomain::kNone,
                               "A close callback is already registered"));
    }
    close_cb_ = std::make_shared<const CloseCallback>(std::move(cb));
    return ok();
}

Status ConnectionState::clearCloseCallback() {
    std::lock_guard lock(close_mutex_);
    if (!close_cb_) {
        return fail(Error::raw(ErrorCode::kOperationInvalid, ErrorDomain::kNone,
                               "A different callback was requested"));
    }
    close_cb_.reset();
    return ok();
}

void ConnectionState::runCloseCallback(int reason) {
    std::shared_ptr<const CloseCallback> cb;
    {
        std::lock_guard lock(close_mutex_);
        cb = close_cb_;
    }
    if (cb && *cb) (*cb)(reason);
}

}  // namespace nodevirt::detail
