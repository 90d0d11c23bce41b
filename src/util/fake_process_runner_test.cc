#include "util/fake_process_runner.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace nodevirt::util {
namespace {

using std::chrono::milliseconds;

SpawnOptions opts(std::vector<std::string> argv) {
    SpawnOptions o;
    o.argv = std::move(argv);
    return o;
}

TEST(FakeProcessRunnerTest, RecordsCallsAndFailsTheNthSpawn) {
    FakeProcessRunner runner;
    runner.failSpawn(2, operationFailed("no more processes"));
    auto o = opts({"qemu", "-S"});
    o.keep_fds = {{7, 3}};
    auto a = runner.spawn(o);
    auto b = runner.spawn(opts({"second"}));
    auto c = runner.spawn(opts({"third", "x"}));
    ASSERT_TRUE(a);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().message, "operation failed: no more processes");
    ASSERT_TRUE(c);
    EXPECT_EQ(runner.spawnCount(), 3u);
    auto argvs = runner.argvs();
    ASSERT_EQ(argvs.size(), 3u);
    EXPECT_EQ(argvs[0], (std::vector<std::string>{"qemu", "-S"}));
    EXPECT_EQ(argvs[2], (std::vector<std::string>{"third", "x"}));
    EXPECT_EQ(runner.calls()[0].keep_fds[0].child_fd, 3);
    EXPECT_NE((*a)->pid(), (*c)->pid());
    EXPECT_EQ((*a)->pidfd(), -1);
    EXPECT_FALSE(runner.spawn(opts({})));
}

TEST(FakeProcessRunnerTest, ScriptedExits) {
    FakeProcessRunner runner;
    runner.setBehavior({ExitStatus::fromExitCode(3), false});
    auto p = runner.spawn(opts({"fails"}));
    ASSERT_TRUE(p);
    auto st = (*p)->tryWait();
    ASSERT_TRUE(st && *st);
    EXPECT_EQ((*st)->exitCode(), 3);

    runner.setBehavior({});
    auto q = runner.spawn(opts({"runs"}));
    ASSERT_TRUE(q);
    EXPECT_FALSE(*(*q)->tryWait());
    auto t = (*q)->wait(milliseconds(1));
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::kOperationTimeout);
    auto control = runner.control(1);
    ASSERT_NE(control, nullptr);
    std::thread finisher([&] { control->finish(ExitStatus::fromExitCode(0)); });
    auto done = (*q)->wait(milliseconds(20000));
    finisher.join();
    ASSERT_TRUE(done);
    EXPECT_TRUE(done->success());
    control->finish(ExitStatus::fromExitCode(5));  // the first exit wins
    EXPECT_TRUE(control->status()->success());
    EXPECT_EQ(runner.control(2), nullptr);
}

TEST(FakeProcessRunnerTest, SignalsAndTermination) {
    FakeProcessRunner runner;
    auto p = runner.spawn(opts({"polite"}));
    ASSERT_TRUE(p);
    auto st = (*p)->terminate(milliseconds(1000));
    ASSERT_TRUE(st);
    EXPECT_EQ(st->signal(), SIGTERM);
    EXPECT_EQ(runner.control(0)->signals(), std::vector<int>{SIGTERM});

    runner.setBehavior({std::nullopt, true});
    auto stubborn = runner.spawn(opts({"init"}));
    ASSERT_TRUE(stubborn);
    ASSERT_TRUE((*stubborn)->kill(SIGUSR1));  // recorded, not fatal
    EXPECT_FALSE(*(*stubborn)->tryWait());
    st = (*stubborn)->terminate(milliseconds(1));
    ASSERT_TRUE(st);
    EXPECT_EQ(st->signal(), SIGKILL);
    EXPECT_EQ(runner.control(1)->signals(), (std::vector<int>{SIGUSR1, SIGTERM, SIGKILL}));

    auto kept = runner.spawn(opts({"guest"}));
    ASSERT_TRUE(kept);
    EXPECT_EQ((*kept)->release(), runner.control(2)->pid());
    EXPECT_TRUE(runner.control(2)->released());
}

TEST(FakeProcessRunnerTest, HookAndDelegate) {
    FakeProcessRunner runner;
    std::vector<std::string> seen;
    runner.setHook([&](const SpawnOptions& o) -> Status {
        seen.push_back(o.argv[0]);
        if (o.argv[0] == "refuse") return fail(operationFailed("hook refused"));
        return ok();
    });
    EXPECT_FALSE(runner.spawn(opts({"refuse"})));
    ASSERT_TRUE(runner.spawn(opts({"accept"})));
    EXPECT_EQ(seen, (std::vector<std::string>{"refuse", "accept"}));

    // With a delegate, the fake only counts and the process is real.
    RealProcessRunner real;
    runner.setDelegate(&real);
    auto p = runner.spawn(opts({"/bin/sh", "-c", "exit 6"}));
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_GE((*p)->pidfd(), 0);
    auto st = (*p)->wait(milliseconds(20000));
    ASSERT_TRUE(st);
    EXPECT_EQ(st->exitCode(), 6);
    EXPECT_EQ(runner.spawnCount(), 3u);
}

}  // namespace
}  // namespace nodevirt::util
