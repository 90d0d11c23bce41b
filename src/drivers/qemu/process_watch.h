// Event-loop side of child processes: ExitWatcher reports a process's exit the moment its
// pidfd becomes readable (no polling), so a QEMU that dies is seen at once; OrphanReaper
// reaps, on SIGCHLD, the children re-parented to a subreaper daemon (daemonized QEMUs), since
// this machine's init reaps orphans only every ~2 s.
#pragma once

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <memory>

#include "util/child_process.h"

namespace nodevirt::qemu {

class ExitWatcher : public std::enable_shared_from_this<ExitWatcher> {
  public:
    using Handler = std::function<void(Result<util::ExitStatus>)>;

    // Calls `handler` once, on the io_context, with the exit status (the process is reaped
    // by then). Without a pidfd (fakes, old kernels) it checks every `poll_interval`.
    static std::shared_ptr<ExitWatcher> start(
        asio::io_context& io, std::shared_ptr<util::Process> process, Handler handler,
        std::chrono::milliseconds poll_interval = std::chrono::milliseconds(100));
    ~ExitWatcher();

    // The handler will not run after this returns (when called on the io_context thread).
    void cancel();

  private:
    ExitWatcher(asio::io_context& io, std::shared_ptr<util::Process> process, Handler handler,
                std::chrono::milliseconds poll_interval);
    void arm();
    void check();

    std::shared_ptr<util::Process> process_;
    Handler handler_;
    std::chrono::milliseconds poll_interval_;
    asio::posix::stream_descriptor pidfd_;  // a duplicate: the Process keeps its own
    asio::steady_timer timer_;
    bool done_ = false;
};

class OrphanReaper {
  public:
    using Handler = std::function<void(const util::ReapedChild&)>;

    // Becomes the child subreaper and reaps on every SIGCHLD; `on_orphan` sees each child that
    // no ChildProcess owned. Owned children's statuses go to their owners as usual.
    static Result<std::unique_ptr<OrphanReaper>> start(asio::io_context& io, Handler on_orphan);
    ~OrphanReaper();

  private:
    OrphanReaper(asio::io_context& io, Handler on_orphan);
    void arm();

    asio::signal_set signals_;
    Handler on_orphan_;
    std::shared_ptr<bool> alive_;
};

}  // namespace nodevirt::qemu
