#include "drivers/qemu/process_watch.h"

#include <gtest/gtest.h>

#include <csignal>

#include "util/fake_process_runner.h"

namespace nodevirt::qemu {
namespace {

using std::chrono::milliseconds;

template <typename F>
bool runUntil(asio::io_context& io, F done) {
    auto deadline = std::chrono::steady_clock::now() + milliseconds(20000);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        if (io.stopped()) io.restart();
        io.run_one_for(milliseconds(100));
    }
    return done();
}

std::shared_ptr<util::Process> spawn(std::vector<std::string> argv) {
    util::SpawnOptions o;
    o.argv = std::move(argv);
    auto c = util::ChildProcess::spawn(o);
    EXPECT_TRUE(c) << c.error().message;
    return c ? std::shared_ptr<util::Process>(std::move(*c)) : nullptr;
}

TEST(ExitWatcherTest, SeesAKilledProcessThroughItsPidfd) {
    asio::io_context io;
    auto p = spawn({"sleep", "1000"});
    ASSERT_TRUE(p);
    ASSERT_GE(p->pidfd(), 0);
    std::optional<Result<util::ExitStatus>> got;
    auto w = ExitWatcher::start(io, p, [&](Result<util::ExitStatus> st) { got = st; });
    io.run_for(milliseconds(20));
    EXPECT_FALSE(got.has_value());            // still running: nothing reported
    ASSERT_EQ(::kill(p->pid(), SIGKILL), 0);  // as if QEMU crashed
    ASSERT_TRUE(runUntil(io, [&] { return got.has_value(); }));
    ASSERT_TRUE(*got);
    EXPECT_EQ((*got)->signal(), SIGKILL);
    auto again = p->tryWait();  // already reaped, and the status stays available
    ASSERT_TRUE(again && *again);
    EXPECT_EQ((*again)->signal(), SIGKILL);
}

TEST(ExitWatcherTest, NormalExitAndFakeProcessesByPolling) {
    asio::io_context io;
    auto p = spawn({"/bin/sh", "-c", "exit 3"});
    ASSERT_TRUE(p);
    std::optional<Result<util::ExitStatus>> real;
    auto w1 = ExitWatcher::start(io, p, [&](Result<util::ExitStatus> st) { real = st; });
    ASSERT_TRUE(runUntil(io, [&] { return real.has_value(); }));
    EXPECT_EQ((*real)->exitCode(), 3);

    util::FakeProcessRunner runner;
    auto f = runner.spawn(util::SpawnOptions{{"qemu"}});
    ASSERT_TRUE(f);
    std::shared_ptr<util::Process> fake(std::move(*f));
    int calls = 0;
    std::optional<Result<util::ExitStatus>> faked;
    auto w2 = ExitWatcher::start(
        io, fake,
        [&](Result<util::ExitStatus> st) {
            ++calls;
            faked = st;
        },
        milliseconds(2));
    io.restart();
    io.run_for(milliseconds(20));
    EXPECT_EQ(calls, 0);
    runner.control(0)->finish(util::ExitStatus::fromExitCode(5));
    ASSERT_TRUE(runUntil(io, [&] { return faked.has_value(); }));
    EXPECT_EQ((*faked)->exitCode(), 5);
    io.restart();
    io.run_for(milliseconds(20));
    EXPECT_EQ(calls, 1);
}

TEST(ExitWatcherTest, CancelledWatcherStaysSilent) {
    asio::io_context io;
    util::FakeProcessRunner runner;
    auto f = runner.spawn(util::SpawnOptions{{"qemu"}});
    ASSERT_TRUE(f);
    std::shared_ptr<util::Process> fake(std::move(*f));
    bool called = false;
    auto w = ExitWatcher::start(
        io, fake, [&](auto) { called = true; }, milliseconds(1));
    w->cancel();
    runner.control(0)->finish(util::ExitStatus::fromExitCode(0));
    io.run_for(milliseconds(30));
    EXPECT_FALSE(called);
}

TEST(OrphanReaperTest, ReapsReparentedGrandchildrenOnSigchld) {
    asio::io_context io;
    std::vector<util::ReapedChild> orphans;
    auto reaper =
        OrphanReaper::start(io, [&](const util::ReapedChild& c) { orphans.push_back(c); });
    ASSERT_TRUE(reaper) << reaper.error().message;
    // Like a daemonizing QEMU: the parent exits, its child lives on and is re-parented to us.
    // The grandchild waits on a pipe until the shell is gone (otherwise the shell may reap it
    // itself), then exits when we write.
    int gate[2];
    ASSERT_EQ(::pipe(gate), 0);
    util::SpawnOptions o;
    o.argv = {"/bin/sh", "-c", "sh -c 'read x <&3; exit 5' >/dev/null 2>&1 & echo $!"};
    o.keep_fds = {{gate[0], 3}};
    auto r = util::runCommand(o, milliseconds(20000));
    ::close(gate[0]);
    ASSERT_TRUE(r);
    pid_t grandchild = static_cast<pid_t>(std::stol(r->out));
    ASSERT_EQ(::write(gate[1], "go\n", 3), 3);
    ::close(gate[1]);
    auto seen = [&] {
        for (const auto& c : orphans) {
            if (c.pid == grandchild) return true;
        }
        return false;
    };
    ASSERT_TRUE(runUntil(io, seen)) << "orphan " << grandchild << " was not reaped";
    for (const auto& c : orphans) {
        EXPECT_FALSE(c.owned);
        if (c.pid == grandchild) {
            EXPECT_EQ(c.status.exitCode(), 5);
        }
    }
}

}  // namespace
}  // namespace nodevirt::qemu
