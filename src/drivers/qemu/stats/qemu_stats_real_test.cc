// Against a real QEMU (TCG, started paused with a raw virtio disk, a balloon and a user-mode
// NIC): the collector's block names and counters, CPU time, vCPU threads and balloon size.
// Bounded; asserts no timing.
#include <gtest/gtest.h>
#include <unistd.h>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/stats/stats.h"
#include "drivers/qemu/stats/stats_test_vm.h"

namespace nodevirt::qemu::stats {
namespace {

constexpr std::chrono::milliseconds kTimeout(30000);

struct Scratch {
    Scratch() {
        char tmpl[] = "/tmp/nodevirt-stats-XXXXXX";
        EXPECT_NE(::mkdtemp(tmpl), nullptr);
        dir = tmpl;
    }
    ~Scratch() {
        for (const char* f : {"/qmp.sock", "/qemu.log", "/disk.img"}) ::unlink((dir + f).c_str());
        ::rmdir(dir.c_str());
    }
    std::string dir;
};

TEST(QemuStatsReal, PausedThenRunningMachine) {
    Scratch s;
    auto vm = startStatsTestVm(s.dir);
    ASSERT_TRUE(vm) << vm.error().message;
    SyncQmpClient& q = *vm->qmp;
    QmpExec exec = [&q](const std::string& cmd, const Json& args) {
        return q.execute(cmd, args, kTimeout);
    };
    StatsTarget t;
    t.pid = vm->proc->pid();
    t.vcpus_current = t.vcpus_max = 2;
    t.max_mem_kib = t.cur_mem_kib = 128 * 1024;
    t.balloon_path = "/machine/peripheral/balloon0";
    t.disks = {{"vda", vm->disk_path, kTestDiskAlias, ""}};
    t.nics = {{kTestNicAlias, "52:54:00:12:34:56", ""}};
    t.ticks_per_sec = ::sysconf(_SC_CLK_TCK);
    t.page_kib = static_cast<unsigned>(::sysconf(_SC_PAGESIZE) / 1024);
    caps::RootedHostSource proc;

    auto paused = collectDomainStats(exec, proc, t, lv::kDomainStatsState);
    ASSERT_TRUE(paused) << paused.error().message;
    EXPECT_EQ(paused->status.state, DomainState::kPaused);
    EXPECT_EQ(paused->status.reason, static_cast<int>(lv::kDomainPausedStartingUp));

    ASSERT_TRUE(q.execute("cont", nullptr, kTimeout));
    ASSERT_TRUE(q.waitForEvent("RESUME", kTimeout));
    auto s1 = collectDomainStats(exec, proc, t, 0);
    ASSERT_TRUE(s1) << s1.error().message;
    EXPECT_EQ(s1->status.state, DomainState::kRunning);
    // Starting QEMU alone costs CPU time.
    EXPECT_GT(domainInfoOf(*s1).cpu_time_ns, 0u);
    EXPECT_EQ(domainInfoOf(*s1).memory_kib, 128u * 1024u);
    ASSERT_EQ(s1->vcpus.size(), 2u);
    for (const VcpuSample& v : s1->vcpus) {
        EXPECT_NE(v.thread_id, t.pid);
        EXPECT_TRUE(v.cpu) << "no /proc entry for vCPU thread " << v.thread_id;
    }
    ASSERT_EQ(s1->disks.size(), 1u);
    ASSERT_TRUE(s1->disks[0].stats) << "the virtio disk was not found in query-blockstats";
    EXPECT_EQ(s1->disks[0].stats->node_name, kTestDiskNode);
    EXPECT_EQ(s1->disks[0].stats->capacity, 16u << 20);
    TypedParams p = statsRecordParams(*s1, 0);
    bool named = false, reqs = false;
    for (const TypedParam& tp : p) {
        if (tp.field == "block.0.name") named = std::get<std::string>(tp.value) == "vda";
        if (tp.field == "block.0.rd.reqs") reqs = true;
    }
    EXPECT_TRUE(named);
    EXPECT_TRUE(reqs);
    auto blk = blockStatsOf(*s1, "vda");
    ASSERT_TRUE(blk) << blk.error().message;
    EXPECT_GE(blk->rd_req, 0);
    auto user = interfaceStatsOf(*s1, kTestNicAlias);
    ASSERT_FALSE(user);
    EXPECT_EQ(user.error().code, ErrorCode::kOperationUnsupported);

    (void)q.execute("quit", nullptr, kTimeout);
    auto st = vm->proc->wait(kTimeout);
    EXPECT_TRUE(st);
}

}  // namespace
}  // namespace nodevirt::qemu::stats
