#include "drivers/qemu/process_watch.h"

#include <fcntl.h>

#include <csignal>
#include <utility>

namespace nodevirt::qemu {

ExitWatcher::ExitWatcher(asio::io_context& io, std::shared_ptr<util::Process> process,
                         Handler handler, std::chrono::milliseconds poll_interval)
    : process_(std::move(process)),
      handler_(std::move(handler)),
      poll_interval_(poll_interval),
      pidfd_(io),
      timer_(io) {}

std::shared_ptr<ExitWatcher> ExitWatcher::start(asio::io_context& io,
                                                std::shared_ptr<util::Process> process,
                                                Handler handler,
                                                std::chrono::milliseconds poll_interval) {
    std::shared_ptr<ExitWatcher> w(
        new ExitWatcher(io, std::move(process), std::move(handler), poll_interval));
    if (int fd = w->process_->pidfd(); fd >= 0) {
        int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
        std::error_code ec;
        if (dup >= 0) w->pidfd_.assign(dup, ec);
        if (dup >= 0 && ec) ::close(dup);
    }
    w->arm();
    return w;
}

ExitWatcher::~ExitWatcher() { cancel(); }

void ExitWatcher::cancel() {
    done_ = true;
    std::error_code ignored;
    timer_.cancel();
    if (pidfd_.is_open()) pidfd_.close(ignored);
}

void ExitWatcher::arm() {
    std::weak_ptr<ExitWatcher> weak = shared_from_this();
    if (pidfd_.is_open()) {
        pidfd_.async_wait(asio::posix::stream_descriptor::wait_read,
                          [weak](const std::error_code& ec) {
                              auto self = weak.lock();
                              if (!ec && self && !self->done_) self->check();
                          });
        return;
    }
    timer_.expires_after(poll_interval_);
    timer_.async_wait([weak](const std::error_code& ec) {
        auto self = weak.lock();
        if (!ec && self && !self->done_) self->check();
    });
}

void ExitWatcher::check() {
    auto st = process_->tryWait();
    if (st && !*st) return arm();  // not yet (only possible when polling)
    done_ = true;
    auto handler = std::exchange(handler_, nullptr);
    if (!handler) return;
    if (!st) return handler(fail(st.error()));
    handler(**st);
}

OrphanReaper::OrphanReaper(asio::io_context& io, Handler on_orphan)
    : signals_(io), on_orphan_(std::move(on_orphan)), alive_(std::make_shared<bool>(true)) {}

Result<std::unique_ptr<OrphanReaper>> OrphanReaper::start(asio::io_context& io, Handler on_orphan) {
    NODEVIRT_TRY(util::becomeChildSubreaper());
    std::unique_ptr<OrphanReaper> r(new OrphanReaper(io, std::move(on_orphan)));
    std::error_code ec;
    r->signals_.add(SIGCHLD, ec);
    if (ec) return fail(systemError(ec.value(), "cannot watch SIGCHLD"));
    r->arm();
    // Children that exited before the handler was installed raised no signal we could see.
    for (const auto& c : util::reapChildren()) {
        if (!c.owned && r->on_orphan_) r->on_orphan_(c);
    }
    return r;
}

OrphanReaper::~OrphanReaper() {
    *alive_ = false;
    std::error_code ignored;
    signals_.cancel(ignored);
}

void OrphanReaper::arm() {
    std::weak_ptr<bool> alive = alive_;
    signals_.async_wait([this, alive](const std::error_code& ec, int) {
        auto a = alive.lock();
        if (ec || !a || !*a) return;
        // One SIGCHLD may stand for many exits: reapChildren() collects them all.
        for (const auto& c : util::reapChildren()) {
            if (!c.owned && on_orphan_) on_orphan_(c);
        }
        arm();
    });
}

}  // namespace nodevirt::qemu
