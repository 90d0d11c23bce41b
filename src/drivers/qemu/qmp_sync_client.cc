#include "drivers/qemu/qmp_sync_client.h"

#include <fmt/format.h>

namespace nodevirt::qemu {

using Clock = std::chrono::steady_clock;

SyncQmpClient::SyncQmpClient() : client_(QmpClient::create(io_)) {
    client_->setEventHandler([this](const QmpEvent& e) { events_.push_back(e); });
    client_->setCloseHandler([this](const Error& e) { close_error_ = e; });
}

SyncQmpClient::~SyncQmpClient() {
    client_->close();
    client_.reset();
}

Result<std::unique_ptr<SyncQmpClient>> SyncQmpClient::connect(const std::string& path,
                                                              Millis timeout) {
    std::unique_ptr<SyncQmpClient> c(new SyncQmpClient);
    NODEVIRT_TRY(c->handshake(
        [&](const QmpClient::ReadyHandler& done) { c->client_->asyncConnect(path, timeout, done); },
        timeout));
    return c;
}

Result<std::unique_ptr<SyncQmpClient>> SyncQmpClient::attach(UniqueFd connected, Millis timeout) {
    std::unique_ptr<SyncQmpClient> c(new SyncQmpClient);
    NODEVIRT_TRY(c->handshake(
        [&](const QmpClient::ReadyHandler& done) {
            c->client_->asyncAttach(std::move(connected), timeout, done);
        },
        timeout));
    return c;
}

Status SyncQmpClient::handshake(const std::function<void(QmpClient::ReadyHandler)>& start,
                                Millis timeout) {
    // Shared, not on the stack: the handler may outlive this call if the loop gives up first.
    auto result = std::make_shared<std::optional<Result<QmpGreeting>>>();
    start([result](Result<QmpGreeting> r) { *result = std::move(r); });
    // The client's own handshake timer fires by `timeout`; the margin only guards the loop.
    if (!runUntil([&] { return result->has_value(); }, timeout + Millis(1000)))
        return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                "QEMU monitor handshake did not finish"));
    if (!**result) return fail((*result)->error());
    return ok();
}

bool SyncQmpClient::runUntil(const std::function<bool()>& done, Millis timeout) {
    auto deadline = Clock::now() + timeout;
    while (!done()) {  // bounded by the deadline
        if (Clock::now() >= deadline) return false;
        if (io_.stopped()) io_.restart();
        size_t n = io_.run_one_until(deadline);
        // No work left (no socket, no timers, nothing posted): nothing can change any more.
        if (n == 0 && io_.stopped()) return done();
    }
    return true;
}

Result<Json> SyncQmpClient::execute(const std::string& command, Json arguments, Millis timeout,
                                    const std::vector<int>& fds) {
    auto reply = std::make_shared<std::optional<QmpClient::Reply>>();
    client_->asyncExecute(
        command, std::move(arguments), timeout,
        [reply](QmpClient::Reply r) { *reply = std::move(r); }, fds);
    if (!runUntil([&] { return reply->has_value(); }, timeout + Millis(1000))) {
        return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                fmt::format("QEMU monitor command '{}' did not finish", command)));
    }
    return std::move(**reply);
}

std::vector<QmpEvent> SyncQmpClient::takeEvents() {
    io_.restart();
    io_.poll();  // pick up whatever already arrived
    std::vector<QmpEvent> out(events_.begin(), events_.end());
    events_.clear();
    return out;
}

Result<QmpEvent> SyncQmpClient::waitForEvent(const std::string& name, Millis timeout) {
    std::optional<QmpEvent> found;
    auto scan = [&] {
        while (!events_.empty() && !found) {
            QmpEvent e = std::move(events_.front());
            events_.pop_front();
            if (e.name == name) found = std::move(e);
        }
        return found.has_value() || close_error_.has_value();
    };
    runUntil(scan, timeout);
    if (found) return *found;
    if (close_error_)
        return fail(Error::make(ErrorCode::kOperationFailed, ErrorDomain::kQemu,
                                fmt::format("QEMU monitor closed before event {}", name)));
    return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                            fmt::format("no {} event within {} ms", name, timeout.count())));
}

Status SyncQmpClient::waitForClose(Millis timeout) {
    if (runUntil([&] { return close_error_.has_value() || client_->isClosed(); }, timeout))
        return ok();
    return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                            fmt::format("QEMU monitor still open after {} ms", timeout.count())));
}

}  // namespace nodevirt::qemu
