// The QEMU driver's state machine against fake QEMUs: start (and its failures), suspend and
// resume, shutdown (obeyed and ignored), destroy, a QEMU that dies, and re-attaching to a
// running QEMU (or a stale one) from its status file.
#include <signal.h>

#include <filesystem>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_test_fixture.h"
#include "util/file_io.h"

namespace nodevirt::qemu::testing {
namespace {

constexpr const char* kUuid = "aaaaaaaa-2222-3333-4444-555555555555";
using QemuLifecycleTest = QemuDriverFixture;

bool hasSignal(const std::shared_ptr<util::FakeProcessControl>& c, int sig) {
    auto s = c->signals();
    return std::find(s.begin(), s.end(), sig) != s.end();
}

TEST_F(QemuLifecycleTest, StartRunsQemuAndContinues) {
    open();
    auto& lc = conn_->domainLifecycle();
    driver::DomainRef a = define("vm", kUuid);
    auto started = lc.create(a, 0);
    ASSERT_TRUE(started) << started.error().message;
    EXPECT_GE(started->id, 1);
    EXPECT_EQ(state(a).state, DomainState::kRunning);
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainRunningBooted));
    EXPECT_EQ(lc.lookupById(started->id)->name, "vm");
    ASSERT_EQ(runner_.spawnCount(), 1U);
    auto call = runner_.calls()[0];
    EXPECT_EQ(call.argv[0], "/usr/bin/qemu-system-x86_64");
    ASSERT_EQ(call.keep_fds.size(), 1U);
    EXPECT_EQ(call.keep_fds[0].child_fd, 3);
    EXPECT_TRUE(call.new_session);
    ASSERT_NE(server(0), nullptr);
    EXPECT_TRUE(server(0)->waitForCommands(2, std::chrono::milliseconds(2000)));
    auto cmds = server(0)->commands();
    EXPECT_EQ(cmds, (std::vector<std::string>{"qmp_capabilities", "cont"}));
    EXPECT_TRUE(sawEvent(lv::kDomainEventStarted, lv::kDomainEventStartedBooted));
    EXPECT_TRUE(sawEvent(lv::kDomainEventResumed, lv::kDomainEventResumedUnpaused));
    // The status file records the live domain.
    auto status = file::readAll(dir_ + "/run/qemu/vm.xml");
    ASSERT_TRUE(status);
    auto parsed = parseDomainStatus(*status, "vm.xml");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->id, started->id);
    EXPECT_EQ(parsed->monitor_path, dir_ + "/run/qemu/vm.monitor");
    EXPECT_NE(parsed->domain_xml.find("<name>vm</name>"), std::string::npos);
    auto live = conn_->domainConfig().getXmlDesc(a, 0);
    ASSERT_TRUE(live);
    EXPECT_NE(live->find("id='" + std::to_string(started->id) + "'"), std::string::npos);
    auto again = lc.create(a, 0);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kOperationInvalid);
}

TEST_F(QemuLifecycleTest, StartPausedThenSuspendResume) {
    open();
    auto& lc = conn_->domainLifecycle();
    driver::DomainRef a = define("vm", kUuid);
    ASSERT_TRUE(lc.create(a, lv::kDomainStartPaused));
    EXPECT_EQ(state(a).state, DomainState::kPaused);
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainPausedUser));
    ASSERT_TRUE(lc.resume(a));
    EXPECT_EQ(state(a).state, DomainState::kRunning);
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainRunningUnpaused));
    ASSERT_TRUE(lc.suspend(a));
    EXPECT_EQ(state(a).state, DomainState::kPaused);
    EXPECT_TRUE(sawEvent(lv::kDomainEventSuspended, lv::kDomainEventSuspendedPaused));
    EXPECT_TRUE(sawEvent(lv::kDomainEventResumed, lv::kDomainEventResumedUnpaused));
    EXPECT_EQ(server(0)->commands(), (std::vector<std::string>{"qmp_capabilities", "cont", "stop"}));
    // A RESUME QEMU reports on its own (e.g. a monitor user) is followed.
    server(0)->emitEvent("RESUME");
    EXPECT_TRUE(waitFor([&] { return state(a).state == DomainState::kRunning; }));
}

TEST_F(QemuLifecycleTest, ShutdownObeyedEndsInShutoff) {
    open();
    auto& lc = conn_->domainLifecycle();
    driver::DomainRef a = define("vm", kUuid);
    ASSERT_TRUE(lc.create(a, 0));
    ASSERT_TRUE(lc.shutdown(a, 0));
    EXPECT_TRUE(waitFor([&] { return state(a).state == DomainState::kShutoff; }));
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainShutoffShutdown));
    EXPECT_TRUE(waitFor([&] { return sawEvent(lv::kDomainEventStopped, lv::kDomainEventStoppedShutdown); }));
    EXPECT_TRUE(sawEvent(lv::kDomainEventShutdown, lv::kDomainEventShutdownGuest));
    EXPECT_TRUE(hasSignal(runner_.control(0), SIGTERM));
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/run/qemu/vm.xml"));
    EXPECT_EQ(lc.lookupByName("vm")->id, -1);
}

TEST_F(QemuLifecycleTest, GuestIgnoringPowerdownStaysRunningUntilDestroy) {
    ignore_powerdown_ = true;
    runner_.setBehavior({std::nullopt, /*ignore_sigterm=*/true});
    open();
    auto& lc = conn_->domainLifecycle();
    driver::DomainRef a = define("vm", kUuid);
    ASSERT_TRUE(lc.create(a, 0));
    ASSERT_TRUE(lc.shutdown(a, 0));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(state(a).state, DomainState::kRunning);
    // Graceful destroy gives up on a QEMU that ignores SIGTERM; plain destroy kills it.
    auto graceful = lc.destroy(a, lv::kDomainDestroyGraceful);
    ASSERT_FALSE(graceful);
    EXPECT_EQ(state(a).state, DomainState::kRunning);
    ASSERT_TRUE(lc.destroy(a, 0));
    EXPECT_EQ(state(a).state, DomainState::kShutoff);
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainShutoffDestroyed));
    EXPECT_TRUE(hasSignal(runner_.control(0), SIGKILL));
    EXPECT_TRUE(sawEvent(lv::kDomainEventStopped, lv::kDomainEventStoppedDestroyed));
    auto not_running = lc.destroy(a, 0);
    ASSERT_FALSE(not_running);
    EXPECT_EQ(not_running.error().code, ErrorCode::kOperationInvalid);
}

TEST_F(QemuLifecycleTest, QemuExitingBeforeTheMonitorFailsTheStart) {
    serve_monitor_ = false;
    runner_.setBehavior({util::ExitStatus::fromExitCode(1), false});
    open();
    driver::DomainRef a = define("vm", kUuid);
    auto r = conn_->domainLifecycle().create(a, 0);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("process exited while connecting to monitor"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(state(a).state, DomainState::kShutoff);
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/run/qemu/vm.monitor"));
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/run/qemu/vm.xml"));
    EXPECT_FALSE(sawEvent(lv::kDomainEventStarted, lv::kDomainEventStartedBooted));
}

TEST_F(QemuLifecycleTest, HangingMonitorTimesOutAndKillsQemu) {
    greeting_ = false;  // QEMU accepts but never speaks
    open();
    driver::DomainRef a = define("vm", kUuid);
    auto r = conn_->domainLifecycle().create(a, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kOperationTimeout) << r.error().message;
    EXPECT_EQ(state(a).state, DomainState::kShutoff);
    EXPECT_TRUE(runner_.control(0)->status().has_value());  // not left behind
    EXPECT_TRUE(hasSignal(runner_.control(0), SIGTERM));
    // A transient domain whose start failed leaves no trace.
    auto t = conn_->domainLifecycle().createXml(domainXml("t", "bbbbbbbb-2222-3333-4444-555555555555"), 0);
    ASSERT_FALSE(t);
    EXPECT_FALSE(conn_->domainLifecycle().lookupByName("t"));
}

TEST_F(QemuLifecycleTest, MonitorEndOfFileMeansCrashed) {
    open();
    auto& lc = conn_->domainLifecycle();
    driver::DomainRef a = define("vm", kUuid);
    ASSERT_TRUE(lc.create(a, 0));
    server(0)->closeClient();
    EXPECT_TRUE(waitFor([&] { return state(a).state == DomainState::kShutoff; }));
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainShutoffCrashed));
    EXPECT_TRUE(waitFor([&] { return sawEvent(lv::kDomainEventStopped, lv::kDomainEventStoppedFailed); }));
    // It starts again afterwards, and a QEMU that just exits is noticed too.
    ASSERT_TRUE(lc.create(a, 0));
    runner_.control(1)->finish(util::ExitStatus::fromSignal(SIGSEGV));
    EXPECT_TRUE(waitFor([&] { return state(a).state == DomainState::kShutoff; }));
    EXPECT_EQ(state(a).reason, static_cast<int>(lv::kDomainShutoffCrashed));
}

TEST_F(QemuLifecycleTest, TransientCreateAndPanicWithDestroyAction) {
    open();
    auto& lc = conn_->domainLifecycle();
    auto t = lc.createXml(domainXml("t", kUuid), 0);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_FALSE(*lc.isPersistent(*t));
    server(0)->emitEvent("GUEST_PANICKED", Json{{"action", "pause"}});
    EXPECT_TRUE(waitFor([&] { return !lc.lookupByName("t"); }));
    EXPECT_TRUE(sawEvent(lv::kDomainEventCrashed, lv::kDomainEventCrashedPanicked));
    EXPECT_TRUE(sawEvent(lv::kDomainEventStopped, lv::kDomainEventStoppedCrashed));
}

// A QEMU started by an earlier daemon: a real process (sleep) stands in for it, a fake
// monitor listens on the recorded path.
TEST_F(QemuLifecycleTest, ReattachesLiveQemuAndDropsStaleStatus) {
    open();
    driver::DomainRef a = define("vm", kUuid);
    define("old", "cccccccc-2222-3333-4444-555555555555");
    util::SpawnOptions so;
    so.argv = {"sleep", "30"};
    auto sleeper = util::ChildProcess::spawn(so);
    ASSERT_TRUE(sleeper);
    std::string mon = dir_ + "/run/qemu/vm.monitor";
    auto server = FakeQmpServer::listenOn(mon);
    ASSERT_TRUE(server);
    (*server)->setResponder([this](const std::string& c, const Json& j) { return respond(c, j); });
    (*server)->start();

    DomainStatus st;
    st.pid = (*sleeper)->pid();
    st.start_time = *processStartTime(st.pid);
    st.monitor_path = mon;
    st.id = 7;
    st.state = static_cast<int>(DomainState::kRunning);
    st.reason = static_cast<int>(lv::kDomainRunningBooted);
    st.domain_xml = domainXml("vm", kUuid);
    ASSERT_TRUE(file::writeAtomic(dir_ + "/run/qemu/vm.xml", formatDomainStatus(st)));
    DomainStatus stale = st;
    stale.pid = ::getpid();
    stale.start_time = st.start_time + 12345;  // a recycled pid
    stale.domain_xml = domainXml("old", "cccccccc-2222-3333-4444-555555555555");
    ASSERT_TRUE(file::writeAtomic(dir_ + "/run/qemu/old.xml", formatDomainStatus(stale)));

    open();  // a new driver: re-attach
    auto& lc = conn_->domainLifecycle();
    auto vm = lc.lookupByName("vm");
    ASSERT_TRUE(vm);
    EXPECT_EQ(vm->id, 7);
    EXPECT_EQ(state(*vm).state, DomainState::kRunning);
    EXPECT_TRUE(*lc.isPersistent(*vm));
    EXPECT_EQ(lc.lookupById(7)->name, "vm");
    EXPECT_TRUE((*server)->waitForCommands(2, std::chrono::milliseconds(2000)));
    EXPECT_EQ((*server)->commands()[1], "query-status");
    auto old = lc.lookupByName("old");
    ASSERT_TRUE(old);
    EXPECT_EQ(state(*old).state, DomainState::kShutoff);
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/run/qemu/old.xml"));
    // A new start gets an id after the re-attached one.
    auto o = lc.create(*old, 0);
    ASSERT_TRUE(o);
    EXPECT_GT(o->id, 7);
    // Destroy reaches the adopted process through its pidfd.
    ASSERT_TRUE(lc.destroy(*vm, 0));
    auto exited = (*sleeper)->wait(std::chrono::milliseconds(5000));
    ASSERT_TRUE(exited);
    EXPECT_TRUE(exited->signaled());
    EXPECT_EQ(state(*vm).state, DomainState::kShutoff);
}

TEST_F(QemuLifecycleTest, DriverShutdownLeavesGuestsRunning) {
    open();
    driver::DomainRef a = define("vm", kUuid);
    ASSERT_TRUE(conn_->domainLifecycle().create(a, 0));
    conn_.reset();
    factory_.reset();  // the daemon exits
    EXPECT_TRUE(runner_.control(0)->released());
    EXPECT_FALSE(runner_.control(0)->status().has_value());
    EXPECT_TRUE(std::filesystem::exists(dir_ + "/run/qemu/vm.xml"));
}

}  // namespace
}  // namespace nodevirt::qemu::testing
