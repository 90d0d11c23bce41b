// Tests against the real qemu-system-x86_64 with no guest (-S, or -machine none): process
// start, QMP handshake, status changes and events, descriptor passing, death noticed at once,
// and the capability probe with its cache. Each is bounded; none asserts on timing (the
// durations are printed for docs/qemu_driver.md).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <regex>

#include "drivers/qemu/monitor_socket.h"
#include "drivers/qemu/qemu_caps_cache.h"
#include "drivers/qemu/qmp_sync_client.h"
#include "util/fake_process_runner.h"
#include "util/file_io.h"

namespace nodevirt::qemu {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
constexpr milliseconds kLong(30000);

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string qemuBinary() {
    auto p = util::findProgram("qemu-system-x86_64");
    EXPECT_TRUE(p) << "qemu-system-x86_64 is required (scripts/install-deps)";
    return p ? *p : "qemu-system-x86_64";
}

struct Scratch {
    Scratch() {
        char tmpl[] = "/tmp/nodevirt-qemu-XXXXXX";
        EXPECT_NE(mkdtemp(tmpl), nullptr);
        dir = tmpl;
    }
    ~Scratch() {
        for (const char* f : {"/qmp.sock", "/qemu.log"}) ::unlink((dir + f).c_str());
        ::rmdir(dir.c_str());
    }
    std::string dir;
};

// A paused q35 machine with the monitor on a socket we created and passed as fd 3.
struct Vm {
    std::unique_ptr<util::ChildProcess> proc;
    std::unique_ptr<SyncQmpClient> qmp;
    double spawn_to_ready_ms = 0;
};

Vm startPaused(const Scratch& s, const std::string& machine = "q35") {
    Vm vm;
    std::string sock = s.dir + "/qmp.sock";
    auto listener = listenUnixSocket(sock);
    EXPECT_TRUE(listener);
    if (!listener) return vm;
    util::SpawnOptions o;
    o.argv = {qemuBinary(),
              "-machine",
              machine,
              "-accel",
              "tcg",
              "-S",
              "-nodefaults",
              "-nographic",
              "-no-user-config",
              "-m",
              "64",
              "-chardev",
              "socket,id=monitor,fd=3,server=on,wait=off",
              "-mon",
              "chardev=monitor,mode=control"};
    o.keep_fds = {{listener->get(), 3}};
    o.stdout_target = util::StreamTarget::file(s.dir + "/qemu.log");
    o.stderr_target = util::StreamTarget::sameAsStdout();
    auto t0 = Clock::now();
    auto proc = util::ChildProcess::spawn(o);
    EXPECT_TRUE(proc) << proc.error().message;
    if (!proc) return vm;
    vm.proc = std::move(*proc);
    auto conn = connectUnixSocket(sock);
    listener->reset();
    EXPECT_TRUE(conn);
    if (!conn) return vm;
    auto qmp = SyncQmpClient::attach(std::move(*conn), kLong);
    EXPECT_TRUE(qmp) << qmp.error().message;
    vm.spawn_to_ready_ms = msSince(t0);
    if (qmp) vm.qmp = std::move(*qmp);
    return vm;
}

std::string qemuVersionFromCli() {
    util::SpawnOptions o;
    o.argv = {qemuBinary(), "--version"};
    auto r = util::runCommand(o, kLong);
    EXPECT_TRUE(r);
    std::smatch m;
    std::string out = r ? r->out : "";
    std::regex re("version ([0-9]+\\.[0-9]+\\.[0-9]+)");
    return std::regex_search(out, m, re) ? m[1].str() : "";
}

std::string status(SyncQmpClient& q) {
    auto r = q.execute("query-status");
    EXPECT_TRUE(r) << r.error().message;
    return r ? (*r)["status"].get<std::string>() : "";
}

TEST(QemuRealTest, PausedMachineStopContQuit) {
    Scratch s;
    Vm vm = startPaused(s);
    ASSERT_TRUE(vm.qmp);
    std::printf("spawn -> QMP ready (greeting + qmp_capabilities): %.1f ms\n",
                vm.spawn_to_ready_ms);
    auto& q = *vm.qmp;
    EXPECT_EQ(fmt::format("{}.{}.{}", q.greeting().major, q.greeting().minor, q.greeting().micro),
              qemuVersionFromCli());
    EXPECT_EQ(status(q), "prelaunch");

    auto t0 = Clock::now();
    const int kRounds = 50;
    for (int i = 0; i < kRounds; ++i) ASSERT_TRUE(q.execute("query-status"));
    std::printf("query-status round trip: %.3f ms (mean of %d)\n", msSince(t0) / kRounds, kRounds);

    ASSERT_TRUE(q.execute("cont"));
    ASSERT_TRUE(q.waitForEvent("RESUME", kLong));
    EXPECT_EQ(status(q), "running");
    ASSERT_TRUE(q.execute("stop"));
    ASSERT_TRUE(q.waitForEvent("STOP", kLong));
    EXPECT_EQ(status(q), "paused");
    auto bad = q.execute("no-such-command");
    ASSERT_FALSE(bad);
    EXPECT_EQ(qmpErrorClass(bad.error()), "CommandNotFound");

    t0 = Clock::now();
    ASSERT_TRUE(q.execute("quit"));
    auto shutdown = q.waitForEvent("SHUTDOWN", kLong);
    ASSERT_TRUE(shutdown);
    EXPECT_EQ(shutdown->data["reason"], "host-qmp-quit");
    ASSERT_TRUE(q.waitForClose(kLong));
    auto st = vm.proc->wait(kLong);
    ASSERT_TRUE(st);
    EXPECT_TRUE(st->success());
    std::printf("quit -> process reaped: %.1f ms\n", msSince(t0));
}

TEST(QemuRealTest, DeathIsNoticedAtOnce) {
    Scratch s;
    Vm vm = startPaused(s, "none");
    ASSERT_TRUE(vm.qmp);
    ASSERT_TRUE(vm.proc->kill(SIGKILL));
    ASSERT_TRUE(vm.qmp->waitForClose(kLong));
    EXPECT_TRUE(vm.qmp->closed());
    auto r = vm.qmp->execute("query-status");
    ASSERT_FALSE(r);
    auto st = vm.proc->wait(kLong);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->signal(), SIGKILL);
}

TEST(QemuRealTest, GetfdPassesADescriptor) {
    Scratch s;
    Vm vm = startPaused(s, "none");
    ASSERT_TRUE(vm.qmp);
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    ASSERT_TRUE(vm.qmp->execute("getfd", {{"fdname", "savefd"}}, kLong, {p[1]}));
    ::close(p[1]);
    // QEMU now holds the only write end: closing it there makes our read end see EOF.
    ASSERT_TRUE(vm.qmp->execute("closefd", {{"fdname", "savefd"}}));
    char c;
    EXPECT_EQ(::read(p[0], &c, 1), 0);
    auto again = vm.qmp->execute("closefd", {{"fdname", "savefd"}});
    ASSERT_FALSE(again);
    EXPECT_EQ(qmpErrorClass(again.error()), "GenericError");
    // Without SCM_RIGHTS data, getfd is refused.
    EXPECT_FALSE(vm.qmp->execute("getfd", {{"fdname", "nothing"}}));
    ::close(p[0]);
    ASSERT_TRUE(vm.qmp->execute("quit"));
    ASSERT_TRUE(vm.proc->wait(kLong));
}

TEST(QemuRealTest, ProbeThenCacheHitWithoutSpawning) {
    Scratch s;
    std::string cache_dir = s.dir + "/cache";
    util::RealProcessRunner real;
    util::FakeProcessRunner counting;  // records and counts, spawns for real
    counting.setDelegate(&real);
    QemuCapsCache::Options opts{cache_dir, s.dir, kLong, hostKvmUsable};
    std::string binary = qemuBinary();
    Json first_json;
    {
        QemuCapsCache cache(counting, opts);
        auto t0 = Clock::now();
        auto caps = cache.get(binary);
        ASSERT_TRUE(caps) << caps.error().message;
        std::printf("capability probe (spawn, queries, quit): %.1f ms\n", msSince(t0));
        const QemuCaps& c = **caps;
        auto v = qemuVersionFromCli();
        EXPECT_EQ(fmt::format("{}.{}.{}", c.version.major, c.version.minor, c.version.micro), v);
        EXPECT_TRUE(c.hasCommand("query-status"));
        EXPECT_TRUE(c.hasCommand("blockdev-add"));
        EXPECT_TRUE(c.hasCommandArgument("migrate", "uri"));
        EXPECT_TRUE(c.hasCommandArgument("getfd", "fdname"));
        EXPECT_TRUE(c.hasEvent("SHUTDOWN"));
        EXPECT_TRUE(c.hasEvent("DEVICE_DELETED"));
        const QemuMachine* q35 = c.findMachine("q35");
        ASSERT_NE(q35, nullptr);
        EXPECT_EQ(q35->name.rfind("pc-q35-", 0), 0u) << q35->name;
        ASSERT_NE(c.defaultMachine(), nullptr);
        EXPECT_NE(c.findCpuModel("qemu64"), nullptr);
        EXPECT_EQ(c.accel, hostKvmUsable() ? "kvm" : "tcg");
        EXPECT_EQ(c.kvmUsable(), hostKvmUsable());
        EXPECT_TRUE(c.hasDevice("virtio-blk-pci"));
        EXPECT_TRUE(c.deviceHasProperty("virtio-blk-pci", "drive"));
        EXPECT_TRUE(c.deviceHasProperty("virtio-net-pci", "netdev"));
        EXPECT_TRUE(c.deviceHasProperty("pcie-root-port", "chassis"));
        first_json = c.toJson();
        EXPECT_EQ(cache.stats().probes, 1u);
        auto stored = file::readAll(cache.cacheFile(binary));
        ASSERT_TRUE(stored);
        std::printf(
            "cache file: %zu bytes, %zu commands, %zu machines, %zu cpu models, "
            "%zu device types\n",
            stored->size(), c.commands.size(), c.machines.size(), c.cpu_models.size(),
            c.device_types.size());
    }
    ASSERT_EQ(counting.spawnCount(), 1u);
    EXPECT_EQ(counting.argvs()[0][0], binary);
    {
        QemuCapsCache cache(counting, opts);  // a new process's view: file only
        auto t0 = Clock::now();
        auto caps = cache.get(binary);
        ASSERT_TRUE(caps) << caps.error().message;
        std::printf("capability cache hit (stat + read + parse file): %.2f ms\n", msSince(t0));
        t0 = Clock::now();
        ASSERT_TRUE(cache.get(binary));
        std::printf("capability memory hit (stat only): %.3f ms\n", msSince(t0));
        EXPECT_EQ((*caps)->toJson(), first_json);
        EXPECT_EQ(cache.stats().file_loads, 1u);
        EXPECT_EQ(cache.stats().probes, 0u);
        ::unlink(cache.cacheFile(binary).c_str());
    }
    EXPECT_EQ(counting.spawnCount(), 1u);  // the second start never ran QEMU
    ::rmdir(cache_dir.c_str());
}

}  // namespace
}  // namespace nodevirt::qemu
