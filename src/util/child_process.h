// Child processes without a shell: spawn from an argument vector with an explicit fd map,
// watch the exit through a pidfd, wait with a bound, terminate (SIGTERM, grace, SIGKILL), and
// reap every child promptly, including orphans handed to us as a child subreaper.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::util {

namespace detail {
struct ReapSlot;  // where reapChildren() leaves an owned child's exit status
}

// Where one of the child's standard streams goes.
struct StreamTarget {
    enum class Kind { kInherit, kNull, kFile, kPipe, kFd, kStdout };
    Kind kind = Kind::kInherit;
    std::string path;  // kFile: opened O_WRONLY|O_CREAT|O_APPEND (mode 0600) for output streams
    int fd = -1;       // kFd: duplicated into place; the caller keeps its descriptor

    static StreamTarget inherit() { return {}; }
    static StreamTarget null() { return {Kind::kNull, {}, -1}; }
    static StreamTarget file(std::string p) { return {Kind::kFile, std::move(p), -1}; }
    static StreamTarget pipe() { return {Kind::kPipe, {}, -1}; }
    static StreamTarget descriptor(int f) { return {Kind::kFd, {}, f}; }
    // stderr only: the same open file description as stdout (one log file, ordered lines).
    static StreamTarget sameAsStdout() { return {Kind::kStdout, {}, -1}; }
};

// A descriptor of ours that the child sees under `child_fd` (e.g. a listening monitor
// socket passed as fd 3). Every other descriptor above 2 is closed in the child.
struct FdMapping {
    int parent_fd = -1;
    int child_fd = -1;
};

struct SpawnOptions {
    // argv[0] is the program: an absolute/relative path, or a bare name looked up in PATH
    // by the parent before forking (so "not found" is a clean error, not a child exit).
    std::vector<std::string> argv;
    // nullopt: inherit our environment; otherwise exactly these "NAME=value" entries.
    std::optional<std::vector<std::string>> env;
    std::string cwd;  // empty: inherit
    std::vector<FdMapping> keep_fds;
    StreamTarget stdin_target = StreamTarget::null();
    StreamTarget stdout_target = StreamTarget::inherit();
    StreamTarget stderr_target = StreamTarget::inherit();
    bool new_session = false;        // setsid(): no controlling tty, own process group
    bool new_process_group = false;  // setpgid(0, 0); implied by new_session
    bool want_pidfd = true;          // Linux >= 5.3; silently absent on older kernels
    std::optional<unsigned> umask;
};

// A wait status decoded.
struct ExitStatus {
    int raw = 0;  // as returned by waitpid()

    [[nodiscard]] bool exited() const;
    [[nodiscard]] int exitCode() const;  // -1 unless exited()
    [[nodiscard]] bool signaled() const;
    [[nodiscard]] int signal() const;  // 0 unless signaled()
    [[nodiscard]] bool success() const { return exited() && exitCode() == 0; }
    // "exit status 3" / "killed by signal 9 (Killed)"
    [[nodiscard]] std::string describe() const;

    static ExitStatus fromExitCode(int code);
    static ExitStatus fromSignal(int sig);
};

// A running (or finished) process we started. Implemented by ChildProcess and by the fake in
// fake_process_runner.h, so drivers can be unit-tested without real processes.
class Process {
  public:
    virtual ~Process() = default;

    [[nodiscard]] virtual pid_t pid() const = 0;
    // Readable once the process has exited; -1 when unavailable (fakes, old kernels). Lets an
    // event loop watch for the exit without polling. Owned by the Process.
    [[nodiscard]] virtual int pidfd() const = 0;
    // The parent ends of kPipe streams (empty UniqueFd otherwise); each can be taken once.
    virtual UniqueFd takeStdout() = 0;
    virtual UniqueFd takeStderr() = 0;

    // nullopt while the process still runs; never blocks.
    virtual Result<std::optional<ExitStatus>> tryWait() = 0;
    // Blocks up to `timeout`; an OperationTimeout error if it is still running then.
    virtual Result<ExitStatus> wait(std::chrono::milliseconds timeout) = 0;
    // Sends `sig`; ok if the process already exited (nothing to signal).
    virtual Status kill(int sig) = 0;
    // SIGTERM, wait up to `grace`, then SIGKILL and wait (bounded) for the exit.
    virtual Result<ExitStatus> terminate(std::chrono::milliseconds grace) = 0;
    // Stops owning the process: the destructor will neither kill nor reap it (the reaper
    // will, once it exits). Used when a daemon shuts down and leaves its guests running.
    virtual pid_t release() = 0;
};

// The real thing. The destructor of an unreleased, still running child kills it with SIGKILL
// and reaps it, so no test or failed start leaks a process.
class ChildProcess final : public Process {
  public:
    static Result<std::unique_ptr<ChildProcess>> spawn(const SpawnOptions& options);

    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() override;

    [[nodiscard]] pid_t pid() const override { return pid_; }
    [[nodiscard]] int pidfd() const override { return pidfd_.get(); }
    UniqueFd takeStdout() override { return std::move(stdout_); }
    UniqueFd takeStderr() override { return std::move(stderr_); }
    Result<std::optional<ExitStatus>> tryWait() override;
    Result<ExitStatus> wait(std::chrono::milliseconds timeout) override;
    Status kill(int sig) override;
    Result<ExitStatus> terminate(std::chrono::milliseconds grace) override;
    pid_t release() override;

  private:
    ChildProcess(pid_t pid, std::shared_ptr<detail::ReapSlot> slot, UniqueFd pidfd, UniqueFd out,
                 UniqueFd err);
    void forget();

    pid_t pid_;
    std::shared_ptr<detail::ReapSlot> slot_;
    UniqueFd pidfd_;
    UniqueFd stdout_;
    UniqueFd stderr_;
    std::optional<ExitStatus> status_;
    bool released_ = false;
};

// Output of runCommand().
struct CommandOutput {
    ExitStatus status;
    std::string out;
    std::string err;
};

// Runs a short command to completion, capturing stdout and stderr (each capped at
// `max_bytes`); kills it and fails with OperationTimeout after `timeout`.
Result<CommandOutput> runCommand(SpawnOptions options, std::chrono::milliseconds timeout,
                                 size_t max_bytes = 16u << 20);

// Resolves a bare program name through PATH (absolute and relative paths pass through).
Result<std::string> findProgram(const std::string& name);

// Makes this process the child subreaper (PR_SET_CHILD_SUBREAPER): descendants whose parent
// exits (a daemonized QEMU) are re-parented to us instead of init, so we see their exit.
Status becomeChildSubreaper();

struct ReapedChild {
    pid_t pid = 0;
    ExitStatus status;
    bool owned = false;  // true if a ChildProcess owned it (its status was handed over)
};

// Reaps every child that has exited, without blocking (call it on SIGCHLD and whenever a
// pidfd fires). Statuses of children owned by a ChildProcess are stored for that object's
// tryWait()/wait(); the others (orphans, released children) are only returned. At most
// `max_children` are reaped per call so a fork storm cannot stall the caller's loop.
std::vector<ReapedChild> reapChildren(size_t max_children = 1024);

}  // namespace nodevirt::util
