#include "util/child_process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "util/strings.h"

extern char** environ;

namespace nodevirt::util {

namespace detail {
struct ReapSlot {
    std::optional<int> status;
};
}  // namespace detail

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

#ifndef CLOSE_RANGE_CLOEXEC
constexpr unsigned kCloseRangeCloexec = 1U << 2;
#else
constexpr unsigned kCloseRangeCloexec = CLOSE_RANGE_CLOEXEC;
#endif

// Exit statuses of children owned by a ChildProcess, collected by reapChildren() on behalf of
// their owner. The map holds a pid only while it is unreaped, so a recycled pid never meets a
// stale slot. Every waitpid() runs under the mutex, so a status is never lost between the
// reaper and the owner.
struct Registry {
    std::mutex mu;
    std::unordered_map<pid_t, std::shared_ptr<detail::ReapSlot>> owned;
};

Registry& registry() {
    static auto* r = new Registry;  // never destroyed: children may outlive static teardown
    return *r;
}

// What the forked child does, computed before fork() so the child only makes system calls.
struct ChildPlan {
    std::string path;
    std::vector<char*> argv;
    std::vector<char*> envp;
    bool inherit_env = true;
    std::vector<std::pair<int, int>> moves;  // parent fd -> child fd
    const char* cwd = nullptr;
    bool new_session = false;
    bool new_group = false;
    int umask = -1;
    int fd_floor = 3;      // temporaries go at or above this, clear of every source and target
    int fallback_max = 0;  // close_range() fallback bound
};

enum ChildStage : int { kStageSignals = 1, kStageSession, kStageFds, kStageCwd, kStageExec };

[[noreturn]] void childFail(int errfd, int stage) {
    int msg[2] = {stage, errno};
    ssize_t n = ::write(errfd, msg, sizeof msg);
    (void)n;
    ::_exit(127);
}

void markAllCloexec(int from, int fallback_max) {
    if (::syscall(SYS_close_range, static_cast<unsigned>(from), ~0U, kCloseRangeCloexec) == 0)
        return;
    for (int fd = from; fd < fallback_max; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

// Runs in the child between fork() and exec(): async-signal-safe calls only.
[[noreturn]] void runChild(const ChildPlan& plan, int errfd_in) {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) {
        if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
    }
    int errfd = ::fcntl(errfd_in, F_DUPFD_CLOEXEC, plan.fd_floor);
    if (errfd < 0) childFail(errfd_in, kStageFds);
    if (plan.new_session && ::setsid() < 0) childFail(errfd, kStageSession);
    if (!plan.new_session && plan.new_group && ::setpgid(0, 0) < 0) childFail(errfd, kStageSession);

    // Move every source clear of all targets first, so a mapping like 3->4, 4->3 works.
    int tmp[64];
    size_t n = std::min(plan.moves.size(), sizeof tmp / sizeof tmp[0]);
    for (size_t i = 0; i < n; ++i) {
        tmp[i] = ::fcntl(plan.moves[i].first, F_DUPFD, plan.fd_floor);
        if (tmp[i] < 0) childFail(errfd, kStageFds);
    }
    markAllCloexec(3, plan.fallback_max);
    for (size_t i = 0; i < n; ++i) {
        if (::dup2(tmp[i], plan.moves[i].second) < 0) childFail(errfd, kStageFds);
    }
    if (plan.cwd && ::chdir(plan.cwd) < 0) childFail(errfd, kStageCwd);
    if (plan.umask >= 0) ::umask(static_cast<mode_t>(plan.umask));
    sigset_t none;
    sigemptyset(&none);
    if (::sigprocmask(SIG_SETMASK, &none, nullptr) < 0) childFail(errfd, kStageSignals);
    char* const* envp = plan.inherit_env ? environ : plan.envp.data();
    ::execve(plan.path.c_str(), plan.argv.data(), envp);
    childFail(errfd, kStageExec);
}

std::string stageMessage(int stage, const SpawnOptions& o, const std::string& path) {
    switch (stage) {
        case kStageSignals:
            return "cannot reset signals in child process";
        case kStageSession:
            return "cannot create a new session for child process";
        case kStageFds:
            return "cannot set up file descriptors in child process";
        case kStageCwd:
            return fmt::format("cannot change to directory '{}'", o.cwd);
        default:
            return fmt::format("cannot execute binary {}", path);
    }
}

// Opens the parent-side descriptor that becomes the child's fd `target`.
Status openStream(const StreamTarget& t, int target, std::vector<UniqueFd>& holders,
                  std::vector<std::pair<int, int>>& moves, UniqueFd& parent_end) {
    using Kind = StreamTarget::Kind;
    switch (t.kind) {
        case Kind::kInherit:
            return ok();
        case Kind::kStdout: {
            // The same source as the child's fd 1 (our own fd 1 when stdout is inherited).
            int src = 1;
            for (const auto& [from, to] : moves) {
                if (to == 1) src = from;
            }
            moves.emplace_back(src, 2);
            return ok();
        }
        case Kind::kFd:
            moves.emplace_back(t.fd, target);
            return ok();
        case Kind::kNull:
        case Kind::kFile: {
            bool null = t.kind == Kind::kNull;
            const char* p = null ? "/dev/null" : t.path.c_str();
            int flags = target == 0 ? O_RDONLY : (O_WRONLY | (null ? 0 : O_CREAT | O_APPEND));
            UniqueFd fd(::open(p, flags | O_CLOEXEC, 0600));
            if (!fd) return fail(systemError(errno, fmt::format("cannot open '{}'", p)));
            moves.emplace_back(fd.get(), target);
            holders.push_back(std::move(fd));
            return ok();
        }
        case Kind::kPipe: {
            int p[2];
            if (::pipe2(p, O_CLOEXEC) < 0) return fail(systemError(errno, "cannot create pipe"));
            // fd 0 reads from the pipe and we keep the write end; fds 1/2 the other way.
            UniqueFd child_end(target == 0 ? p[0] : p[1]);
            parent_end.reset(target == 0 ? p[1] : p[0]);
            moves.emplace_back(child_end.get(), target);
            holders.push_back(std::move(child_end));
            return ok();
        }
    }
    return ok();
}

int fallbackFdLimit() {
    struct rlimit rl {};
    if (::getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY) return 65536;
    return static_cast<int>(std::min<rlim_t>(rl.rlim_cur, 1 << 20));
}

Result<ChildPlan> makePlan(const SpawnOptions& o, std::vector<std::string>& env_storage) {
    if (o.argv.empty()) return fail(invalidArg("cannot spawn a process with an empty argv"));
    if (o.keep_fds.size() + 3 > 64) return fail(invalidArg("too many descriptors to pass"));
    ChildPlan plan;
    NODEVIRT_ASSIGN_OR_RETURN(plan.path, findProgram(o.argv[0]));
    for (const auto& a : o.argv) plan.argv.push_back(const_cast<char*>(a.c_str()));
    plan.argv.push_back(nullptr);
    if (o.env) {
        plan.inherit_env = false;
        env_storage = *o.env;
        for (auto& e : env_storage) plan.envp.push_back(e.data());
        plan.envp.push_back(nullptr);
    }
    for (const auto& m : o.keep_fds) {
        if (m.parent_fd < 0 || m.child_fd < 3)
            return fail(invalidArg(
                fmt::format("invalid descriptor mapping {} -> {}", m.parent_fd, m.child_fd)));
    }
    plan.cwd = o.cwd.empty() ? nullptr : o.cwd.c_str();
    plan.new_session = o.new_session;
    plan.new_group = o.new_process_group;
    plan.umask = o.umask ? static_cast<int>(*o.umask) : -1;
    plan.fallback_max = fallbackFdLimit();
    return plan;
}

void finishPlanFds(ChildPlan& plan, const SpawnOptions& o, int errfd) {
    for (const auto& m : o.keep_fds) plan.moves.emplace_back(m.parent_fd, m.child_fd);
    int top = std::max(errfd, 2);
    for (const auto& [src, dst] : plan.moves) top = std::max({top, src, dst});
    plan.fd_floor = top + 1;
}

// Reads the child's report: nothing (EOF at exec) means success.
std::optional<std::pair<int, int>> readExecReport(int fd) {
    int msg[2];
    size_t got = 0;
    while (got < sizeof msg) {
        ssize_t n = ::read(fd, reinterpret_cast<char*>(msg) + got, sizeof msg - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    if (got < sizeof msg) return std::nullopt;
    return std::make_pair(msg[0], msg[1]);
}

int openPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    return -1;
#endif
}

Error timeoutError(pid_t pid, milliseconds timeout) {
    return Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kNone,
                       fmt::format("process {} did not exit within {} ms", pid, timeout.count()));
}

}  // namespace

bool ExitStatus::exited() const { return WIFEXITED(raw); }
int ExitStatus::exitCode() const { return exited() ? WEXITSTATUS(raw) : -1; }
bool ExitStatus::signaled() const { return WIFSIGNALED(raw); }
int ExitStatus::signal() const { return signaled() ? WTERMSIG(raw) : 0; }

std::string ExitStatus::describe() const {
    if (exited()) return fmt::format("exit status {}", exitCode());
    if (signaled()) {
        const char* d = sigdescr_np(signal());
        return fmt::format("killed by signal {} ({})", signal(), d ? d : "unknown");
    }
    return fmt::format("wait status 0x{:x}", raw);
}

ExitStatus ExitStatus::fromExitCode(int code) { return ExitStatus{(code & 0xff) << 8}; }
ExitStatus ExitStatus::fromSignal(int sig) { return ExitStatus{sig & 0x7f}; }

Result<std::string> findProgram(const std::string& name) {
    if (name.empty()) return fail(invalidArg("empty program name"));
    if (name.find('/') != std::string::npos) return name;
    const char* env_path = ::getenv("PATH");
    std::string search = env_path && *env_path ? env_path : "/usr/local/bin:/usr/bin:/bin";
    for (const auto& dir : str::split(search, ':')) {
        std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return fail(Error::raw(ErrorCode::kSystemError, ErrorDomain::kNone,
                           fmt::format("Cannot find '{}' in path", name)));
}

Result<std::unique_ptr<ChildProcess>> ChildProcess::spawn(const SpawnOptions& o) {
    std::vector<std::string> env_storage;
    NODEVIRT_ASSIGN_OR_RETURN(ChildPlan plan, makePlan(o, env_storage));
    std::vector<UniqueFd> holders;  // child-side descriptors, closed in the parent after fork
    UniqueFd ignored, out, err;
    NODEVIRT_TRY(openStream(o.stdin_target, 0, holders, plan.moves, ignored));
    NODEVIRT_TRY(openStream(o.stdout_target, 1, holders, plan.moves, out));
    NODEVIRT_TRY(openStream(o.stderr_target, 2, holders, plan.moves, err));
    int report[2];
    if (::pipe2(report, O_CLOEXEC) < 0) return fail(systemError(errno, "cannot create pipe"));
    UniqueFd report_rd(report[0]), report_wr(report[1]);
    finishPlanFds(plan, o, report_wr.get());

    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    auto& reg = registry();
    std::unique_lock lock(reg.mu);
    pid_t pid = ::fork();
    if (pid == 0) runChild(plan, report_wr.get());
    int fork_errno = errno;
    auto slot = std::make_shared<detail::ReapSlot>();
    if (pid > 0) reg.owned[pid] = slot;
    lock.unlock();
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    if (pid < 0) return fail(systemError(fork_errno, "cannot fork child process"));

    holders.clear();
    report_wr.reset();
    UniqueFd pidfd(o.want_pidfd ? openPidfd(pid) : -1);
    std::unique_ptr<ChildProcess> child(
        new ChildProcess(pid, std::move(slot), std::move(pidfd), std::move(out), std::move(err)));
    if (auto rep = readExecReport(report_rd.get())) {
        (void)child->wait(milliseconds(5000));
        return fail(systemError(rep->second, stageMessage(rep->first, o, plan.path)));
    }
    return child;
}

ChildProcess::ChildProcess(pid_t pid, std::shared_ptr<detail::ReapSlot> slot, UniqueFd pidfd,
                           UniqueFd out, UniqueFd err)
    : pid_(pid),
      slot_(std::move(slot)),
      pidfd_(std::move(pidfd)),
      stdout_(std::move(out)),
      stderr_(std::move(err)) {}

ChildProcess::~ChildProcess() {
    if (released_) return;
    if (!status_) {
        (void)kill(SIGKILL);
        (void)wait(milliseconds(10000));
    }
    forget();
}

// Drops our registry entry (if the pid is still ours) so the reaper treats it as an orphan.
void ChildProcess::forget() {
    auto& reg = registry();
    std::lock_guard lock(reg.mu);
    auto it = reg.owned.find(pid_);
    if (it != reg.owned.end() && it->second == slot_) reg.owned.erase(it);
}

Result<std::optional<ExitStatus>> ChildProcess::tryWait() {
    if (status_) return status_;
    if (released_) return fail(operationInvalid(fmt::format("process {} was released", pid_)));
    auto& reg = registry();
    std::lock_guard lock(reg.mu);
    if (slot_->status) {  // the reaper got there first
        status_ = ExitStatus{*slot_->status};
        return status_;
    }
    int st = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_, &st, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0) return std::optional<ExitStatus>{};
    if (r < 0) return fail(systemError(errno, fmt::format("cannot wait for process {}", pid_)));
    status_ = ExitStatus{st};
    slot_->status = st;
    if (auto it = reg.owned.find(pid_); it != reg.owned.end() && it->second == slot_)
        reg.owned.erase(it);
    return status_;
}

Result<ExitStatus> ChildProcess::wait(milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    milliseconds backoff(1);
    bool readable_seen = false;
    while (true) {  // bounded by the deadline
        NODEVIRT_ASSIGN_OR_RETURN(auto st, tryWait());
        if (st) return *st;
        auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return fail(timeoutError(pid_, timeout));
        bool slept = false;
        if (pidfd_) {
            struct pollfd p {
                pidfd_.get(), POLLIN, 0
            };
            int r = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count() + 1, 1000)));
            if (r < 0 && errno != EINTR)
                return fail(systemError(errno, "cannot poll process descriptor"));
            // A readable pidfd means exited, and the zombie is then waitable; if it somehow
            // is not yet, the short sleep below keeps this from spinning.
            slept = r == 0 || (r > 0 && !readable_seen);
            readable_seen = readable_seen || r > 0;
        }
        if (!slept) {
            std::this_thread::sleep_for(std::min(left, backoff));
            backoff = std::min(backoff * 2, milliseconds(50));
        }
    }
}

Status ChildProcess::kill(int sig) {
    if (status_ || released_) return ok();
    if (pidfd_) {
        // A pidfd names this very process, so a recycled pid can never be hit.
        if (::syscall(SYS_pidfd_send_signal, pidfd_.get(), sig, nullptr, 0) == 0 || errno == ESRCH)
            return ok();
        return fail(systemError(errno, fmt::format("cannot signal process {}", pid_)));
    }
    auto& reg = registry();
    std::lock_guard lock(reg.mu);  // the pid cannot be reaped (and reused) while we hold this
    if (slot_->status) return ok();
    if (::kill(pid_, sig) < 0 && errno != ESRCH)
        return fail(systemError(errno, fmt::format("cannot signal process {}", pid_)));
    return ok();
}

Result<ExitStatus> ChildProcess::terminate(milliseconds grace) {
    NODEVIRT_TRY(kill(SIGTERM));
    auto st = wait(grace);
    if (st || st.error().code != ErrorCode::kOperationTimeout) return st;
    NODEVIRT_TRY(kill(SIGKILL));
    return wait(milliseconds(10000));
}

pid_t ChildProcess::release() {
    if (!released_) forget();
    released_ = true;
    return pid_;
}

Status becomeChildSubreaper() {
    if (::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
        return fail(systemError(errno, "cannot become child subreaper"));
    return ok();
}

std::vector<ReapedChild> reapChildren(size_t max_children) {
    std::vector<ReapedChild> out;
    auto& reg = registry();
    std::lock_guard lock(reg.mu);
    while (out.size() < max_children) {
        int st = 0;
        pid_t p = ::waitpid(-1, &st, WNOHANG);
        if (p < 0 && errno == EINTR) continue;
        if (p <= 0) break;
        ReapedChild rc{p, ExitStatus{st}, false};
        if (auto it = reg.owned.find(p); it != reg.owned.end()) {
            it->second->status = st;
            rc.owned = true;
            reg.owned.erase(it);
        }
        out.push_back(rc);
    }
    return out;
}

namespace {

// Drains `fds` (stdout, stderr pipes) into `bufs` until both reach EOF or the deadline.
Status drainPipes(UniqueFd (&fds)[2], std::string* (&bufs)[2], Clock::time_point deadline,
                  size_t max_bytes) {
    while (fds[0] || fds[1]) {  // bounded: each pass reads data, sees EOF, or hits the deadline
        struct pollfd p[2];
        nfds_t n = 0;
        int which[2];
        for (int i = 0; i < 2; ++i) {
            if (!fds[i]) continue;
            p[n] = {fds[i].get(), POLLIN, 0};
            which[n++] = i;
        }
        auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kNone));
        int r = ::poll(p, n, static_cast<int>(std::min<int64_t>(left.count() + 1, 1000)));
        if (r < 0 && errno != EINTR) return fail(systemError(errno, "cannot poll child output"));
        for (nfds_t k = 0; r > 0 && k < n; ++k) {
            if (!p[k].revents) continue;
            char buf[65536];
            ssize_t got = ::read(p[k].fd, buf, sizeof buf);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) {
                fds[which[k]].reset();
                continue;
            }
            if (bufs[which[k]]->size() + static_cast<size_t>(got) > max_bytes)
                return fail(operationFailed(
                    fmt::format("child process output exceeds {} bytes", max_bytes)));
            bufs[which[k]]->append(buf, static_cast<size_t>(got));
        }
    }
    return ok();
}

}  // namespace

Result<CommandOutput> runCommand(SpawnOptions options, milliseconds timeout, size_t max_bytes) {
    auto deadline = Clock::now() + timeout;
    options.stdout_target = StreamTarget::pipe();
    options.stderr_target = StreamTarget::pipe();
    NODEVIRT_ASSIGN_OR_RETURN(auto child, ChildProcess::spawn(options));
    CommandOutput result;
    UniqueFd fds[2] = {child->takeStdout(), child->takeStderr()};
    std::string* bufs[2] = {&result.out, &result.err};
    auto drained = drainPipes(fds, bufs, deadline, max_bytes);
    if (!drained) {
        (void)child->kill(SIGKILL);
        (void)child->wait(milliseconds(10000));
        if (drained.error().code != ErrorCode::kOperationTimeout) return fail(drained.error());
        return fail(timeoutError(child->pid(), timeout));
    }
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    auto st = child->wait(std::max(left, milliseconds(0)));
    if (!st) return fail(st.error());  // the destructor kills and reaps it
    result.status = *st;
    return result;
}

}  // namespace nodevirt::util
