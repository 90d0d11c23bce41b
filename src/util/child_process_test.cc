#include "util/child_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <thread>

#include "util/file_io.h"

namespace nodevirt::util {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kLong(20000);  // a bound for things that finish at once

std::string tempDir() {
    char tmpl[] = "/tmp/nodevirt-child-XXXXXX";
    EXPECT_NE(mkdtemp(tmpl), nullptr);
    return tmpl;
}

SpawnOptions opts(std::vector<std::string> argv) {
    SpawnOptions o;
    o.argv = std::move(argv);
    return o;
}

// Reads a pipe to EOF (bounded by the writer exiting).
std::string readToEnd(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
}

bool pidfdReadable(int fd, int timeout_ms) {
    struct pollfd p {
        fd, POLLIN, 0
    };
    return ::poll(&p, 1, timeout_ms) == 1;
}

TEST(ChildProcessTest, ExitCodes) {
    auto t = ChildProcess::spawn(opts({"true"}));
    ASSERT_TRUE(t) << t.error().message;
    auto st = (*t)->wait(kLong);
    ASSERT_TRUE(st);
    EXPECT_TRUE(st->success());
    EXPECT_EQ(st->describe(), "exit status 0");

    auto f = ChildProcess::spawn(opts({"/bin/sh", "-c", "exit 7"}));
    ASSERT_TRUE(f);
    st = (*f)->wait(kLong);
    ASSERT_TRUE(st);
    EXPECT_TRUE(st->exited());
    EXPECT_EQ(st->exitCode(), 7);
    EXPECT_FALSE(st->success());
    // A finished process keeps answering with its status.
    auto again = (*f)->tryWait();
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->exitCode(), 7);
}

TEST(ChildProcessTest, ArgvIsNeverInterpretedByAShell) {
    auto r = runCommand(opts({"printf", "%s|", "a b", "$HOME", ";ls", "*"}), kLong);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->out, "a b|$HOME|;ls|*|");
    EXPECT_TRUE(r->status.success());
}

TEST(ChildProcessTest, MissingOrNonExecutableProgram) {
    auto r = ChildProcess::spawn(opts({"no-such-program-nodevirt"}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "Cannot find 'no-such-program-nodevirt' in path");

    std::string dir = tempDir();
    std::string path = dir + "/not-exec";
    ASSERT_TRUE(file::writeAtomic(path, "x", 0644));
    auto e = ChildProcess::spawn(opts({path}));
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, ErrorCode::kSystemError);
    EXPECT_EQ(e.error().int1, EACCES);
    EXPECT_NE(e.error().message.find("cannot execute binary " + path), std::string::npos);

    auto c = opts({"true"});
    c.cwd = dir + "/missing";
    auto ce = ChildProcess::spawn(c);
    ASSERT_FALSE(ce);
    EXPECT_NE(ce.error().message.find("cannot change to directory"), std::string::npos);
    EXPECT_EQ(ce.error().int1, ENOENT);

    EXPECT_FALSE(ChildProcess::spawn(opts({})));
    auto bad = opts({"true"});
    bad.keep_fds.push_back({0, 1});
    EXPECT_FALSE(ChildProcess::spawn(bad));
    ::unlink(path.c_str());
    ::rmdir(dir.c_str());
}

TEST(ChildProcessTest, EnvironmentAndDirectory) {
    auto o = opts({"env"});
    o.env = std::vector<std::string>{"FOO=bar baz", "LC_ALL=C"};
    auto r = runCommand(o, kLong);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->out, "FOO=bar baz\nLC_ALL=C\n");

    std::string dir = tempDir();
    auto p = opts({"pwd"});
    p.cwd = dir;
    p.env = std::vector<std::string>{"PATH=/usr/bin:/bin"};
    auto w = runCommand(p, kLong);
    ASSERT_TRUE(w);
    EXPECT_EQ(w->out, dir + "\n");
    ::rmdir(dir.c_str());
}

TEST(ChildProcessTest, FdMappingSwapsAndClosesTheRest) {
    int a[2], b[2];
    ASSERT_EQ(::pipe(a), 0);
    ASSERT_EQ(::pipe(b), 0);
    // Put the write ends at 40 and 41 and hand them over crossed: 40->41, 41->40.
    ASSERT_EQ(::dup2(a[1], 40), 40);
    ASSERT_EQ(::dup2(b[1], 41), 41);
    ::close(a[1]);
    ::close(b[1]);
    int leak = ::open("/dev/null", O_RDONLY);  // not CLOEXEC: must still not reach the child
    ASSERT_GE(leak, 0);
    // bash, because dash only redirects single-digit descriptors.
    auto o = opts({"/bin/bash", "-c",
                   "echo A >&41; echo B >&40; [ -e /proc/self/fd/" + std::to_string(leak) +
                       " ] && exit 3; exit 0"});
    o.keep_fds = {{40, 41}, {41, 40}};
    auto c = ChildProcess::spawn(o);
    ASSERT_TRUE(c) << c.error().message;
    ::close(40);
    ::close(41);
    ::close(leak);
    auto st = (*c)->wait(kLong);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->exitCode(), 0) << "an unmapped descriptor leaked into the child";
    EXPECT_EQ(readToEnd(a[0]), "A\n");
    EXPECT_EQ(readToEnd(b[0]), "B\n");
    ::close(a[0]);
    ::close(b[0]);
}

TEST(ChildProcessTest, OutputToFileWithStderrFollowingStdout) {
    std::string dir = tempDir();
    std::string log = dir + "/log";
    for (int i = 0; i < 2; ++i) {
        auto o = opts({"/bin/sh", "-c", "echo out; echo err >&2"});
        o.stdout_target = StreamTarget::file(log);
        o.stderr_target = StreamTarget::sameAsStdout();
        auto c = ChildProcess::spawn(o);
        ASSERT_TRUE(c);
        ASSERT_TRUE((*c)->wait(kLong));
    }
    auto content = file::readAll(log);
    ASSERT_TRUE(content);
    EXPECT_EQ(*content, "out\nerr\nout\nerr\n");  // appended, both streams in order
    struct stat st {};
    ASSERT_EQ(::stat(log.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ::unlink(log.c_str());
    ::rmdir(dir.c_str());
}

TEST(ChildProcessTest, NewSessionPidfdAndWaitTimeout) {
    auto o = opts({"sleep", "1000"});
    o.new_session = true;
    auto c = ChildProcess::spawn(o);
    ASSERT_TRUE(c);
    pid_t pid = (*c)->pid();
    EXPECT_EQ(::getsid(pid), pid);
    EXPECT_EQ(::getpgid(pid), pid);
    ASSERT_GE((*c)->pidfd(), 0);
    EXPECT_FALSE(pidfdReadable((*c)->pidfd(), 0));
    auto t = (*c)->wait(milliseconds(20));
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::kOperationTimeout);
    auto st = (*c)->terminate(kLong);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->signal(), SIGTERM);
    EXPECT_EQ(st->describe(), "killed by signal 15 (Terminated)");
    EXPECT_TRUE(pidfdReadable((*c)->pidfd(), 0));
    EXPECT_TRUE((*c)->kill(SIGTERM));  // signalling a finished process is fine
}

TEST(ChildProcessTest, TerminateEscalatesToSigkill) {
    int in[2];
    ASSERT_EQ(::pipe(in), 0);
    auto o = opts({"/bin/sh", "-c", "trap '' TERM; echo ready; read x"});
    o.stdin_target = StreamTarget::descriptor(in[0]);
    o.stdout_target = StreamTarget::pipe();
    auto c = ChildProcess::spawn(o);
    ASSERT_TRUE(c);
    ::close(in[0]);
    UniqueFd out = (*c)->takeStdout();
    ASSERT_TRUE(out);
    char buf[6] = {};
    ASSERT_EQ(::read(out.get(), buf, 6), 6);  // the trap is installed
    auto st = (*c)->terminate(milliseconds(50));
    ASSERT_TRUE(st);
    EXPECT_EQ(st->signal(), SIGKILL);
    ::close(in[1]);
}

TEST(ChildProcessTest, DestructorKillsAndReaps) {
    pid_t pid;
    {
        auto c = ChildProcess::spawn(opts({"sleep", "1000"}));
        ASSERT_TRUE(c);
        pid = (*c)->pid();
        EXPECT_EQ(::kill(pid, 0), 0);
    }
    EXPECT_EQ(::kill(pid, 0), -1);  // gone, and not even a zombie
    EXPECT_EQ(errno, ESRCH);
}

std::optional<ReapedChild> reapUntil(pid_t pid) {
    for (int i = 0; i < 2000; ++i) {  // up to ~20 s
        for (const auto& r : reapChildren()) {
            if (r.pid == pid) return r;
        }
        std::this_thread::sleep_for(milliseconds(10));
    }
    return std::nullopt;
}

TEST(ChildProcessTest, ReaperHandsOwnedStatusToItsOwner) {
    auto c = ChildProcess::spawn(opts({"/bin/sh", "-c", "exit 9"}));
    ASSERT_TRUE(c);
    ASSERT_TRUE(pidfdReadable((*c)->pidfd(), 20000));
    auto r = reapUntil((*c)->pid());
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->owned);
    EXPECT_EQ(r->status.exitCode(), 9);
    auto st = (*c)->tryWait();
    ASSERT_TRUE(st && *st);
    EXPECT_EQ((*st)->exitCode(), 9);
}

TEST(ChildProcessTest, ReleasedChildIsReapedAsUnowned) {
    auto c = ChildProcess::spawn(opts({"/bin/sh", "-c", "exit 4"}));
    ASSERT_TRUE(c);
    pid_t pid = (*c)->release();
    EXPECT_FALSE((*c)->tryWait());  // no longer ours to wait for
    auto r = reapUntil(pid);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->owned);
    EXPECT_EQ(r->status.exitCode(), 4);
}

TEST(ChildProcessTest, SubreaperCollectsOrphanedGrandchildren) {
    ASSERT_TRUE(becomeChildSubreaper());
    // The shell starts a grandchild and exits without waiting for it: the grandchild is
    // re-parented to us (not init) because we are a subreaper. It waits on a pipe until the
    // shell is gone, or the shell might reap it itself.
    int gate[2];
    ASSERT_EQ(::pipe(gate), 0);
    auto o = opts({"/bin/sh", "-c", "sh -c 'read x <&3; exit 5' >/dev/null 2>&1 & echo $!"});
    o.keep_fds = {{gate[0], 3}};
    auto r = runCommand(o, kLong);
    ::close(gate[0]);
    ASSERT_TRUE(r);
    pid_t grandchild = static_cast<pid_t>(std::stol(r->out));
    ASSERT_EQ(::write(gate[1], "go\n", 3), 3);
    ::close(gate[1]);
    auto reaped = reapUntil(grandchild);
    ASSERT_TRUE(reaped) << "orphan " << grandchild << " was never re-parented to us";
    EXPECT_FALSE(reaped->owned);
    EXPECT_EQ(reaped->status.exitCode(), 5);
}

TEST(ChildProcessTest, RunCommandBoundsTimeAndOutput) {
    auto t = runCommand(opts({"sleep", "1000"}), milliseconds(50));
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::kOperationTimeout);
    auto big = runCommand(opts({"head", "-c", "100000", "/dev/zero"}), kLong, 1000);
    ASSERT_FALSE(big);
    EXPECT_NE(big.error().message.find("exceeds 1000 bytes"), std::string::npos);
    auto both = runCommand(opts({"/bin/sh", "-c", "echo o; echo e >&2; exit 2"}), kLong);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->out, "o\n");
    EXPECT_EQ(both->err, "e\n");
    EXPECT_EQ(both->status.exitCode(), 2);
}

TEST(ChildProcessTest, ExitStatusHelpers) {
    EXPECT_EQ(ExitStatus::fromExitCode(3).exitCode(), 3);
    EXPECT_FALSE(ExitStatus::fromExitCode(3).signaled());
    EXPECT_EQ(ExitStatus::fromSignal(SIGKILL).signal(), SIGKILL);
    EXPECT_EQ(ExitStatus::fromSignal(SIGKILL).exitCode(), -1);
    EXPECT_EQ(ExitStatus::fromSignal(SIGKILL).describe(), "killed by signal 9 (Killed)");
    auto p = findProgram("sh");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->back(), 'h');
    EXPECT_EQ(p->front(), '/');
    EXPECT_EQ(*findProgram("./relative"), "./relative");
}

}  // namespace
}  // namespace nodevirt::util
