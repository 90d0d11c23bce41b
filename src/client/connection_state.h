// The state every handle of one connection shares: the driver connection, the read-only
// flag, event registrations, the dispatch thread and the close callback. It lives until the
// last Connection/handle referring to it is gone, then closes the driver connection.
#pragma once

#include <memory>
#include <mutex>

#include "client/callback_table.h"
#include "client/event_dispatcher.h"
#include "driver/connection.h"
#include "nodevirt/events.h"
#include "util/result.h"

namespace nodevirt::detail {

class ConnectionState {
  public:
    ConnectionState(driver::ConnectionPtr driver, bool read_only);
    ~ConnectionState();
    ConnectionState(const ConnectionState&) = delete;
    ConnectionState& operator=(const ConnectionState&) = delete;

    [[nodiscard]] driver::Connection& driver() const { return *driver_; }
    [[nodiscard]] bool readOnly() const { return read_only_; }
    [[nodiscard]] client::CallbackTable& callbacks() { return callbacks_; }
    // Shared so driver-side callbacks can post safely even while this state is torn down.
    [[nodiscard]] const std::shared_ptr<client::EventDispatcher>& dispatcher() const {
        return dispatcher_;
    }

    Status setCloseCallback(CloseCallback cb);
    Status clearCloseCallback();
    // Runs the close callback, if any; called on the dispatch thread.
    void runCloseCallback(int reason);

  private:
    driver::ConnectionPtr driver_;
    const bool read_only_;
    client::CallbackTable callbacks_;
    std::shared_ptr<client::EventDispatcher> dispatcher_;
    std::mutex close_mutex_;
    std::shared_ptr<const CloseCallback> close_cb_;
};

}  // namespace nodevirt::detail
