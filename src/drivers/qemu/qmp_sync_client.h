// SyncQmpClient: a blocking face over QmpClient for callers that are not on an event loop
// (capability probes, tests, command-line tools). It owns a private io_context and runs it
// only while a call waits, so every call is bounded by its timeout.
#pragma once

#include <deque>
#include <functional>
#include <optional>

#include "drivers/qemu/qmp_client.h"

namespace nodevirt::qemu {

class SyncQmpClient {
  public:
    using Millis = std::chrono::milliseconds;
    static constexpr Millis kDefaultTimeout{30000};

    // Connects to a monitor socket path (retrying while QEMU creates it) and negotiates.
    static Result<std::unique_ptr<SyncQmpClient>> connect(const std::string& path, Millis timeout);
    // The same over an already connected socket.
    static Result<std::unique_ptr<SyncQmpClient>> attach(UniqueFd connected, Millis timeout);

    ~SyncQmpClient();
    SyncQmpClient(const SyncQmpClient&) = delete;
    SyncQmpClient& operator=(const SyncQmpClient&) = delete;

    // Runs one command and returns its "return" value.
    Result<Json> execute(const std::string& command, Json arguments = nullptr,
                         Millis timeout = kDefaultTimeout, const std::vector<int>& fds = {});

    // Events received so far, oldest first; the queue is emptied.
    std::vector<QmpEvent> takeEvents();
    // Waits for an event called `name`; it and every event before it leave the queue.
    Result<QmpEvent> waitForEvent(const std::string& name, Millis timeout);
    // Waits until QEMU closes the monitor (it quit or died).
    Status waitForClose(Millis timeout);

    [[nodiscard]] bool closed() const { return close_error_.has_value(); }
    [[nodiscard]] const QmpGreeting& greeting() const { return client_->greeting(); }

  private:
    SyncQmpClient();
    Status handshake(const std::function<void(QmpClient::ReadyHandler)>& start, Millis timeout);
    // Runs the loop until `done` holds or the deadline passes; returns done().
    bool runUntil(const std::function<bool()>& done, Millis timeout);

    asio::io_context io_;
    std::shared_ptr<QmpClient> client_;
    std::deque<QmpEvent> events_;
    std::optional<Error> close_error_;
};

}  // namespace nodevirt::qemu
