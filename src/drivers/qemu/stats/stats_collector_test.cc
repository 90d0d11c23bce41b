// The collector and the records, with canned QMP replies (testdata/qemu_7.2/) and a fixture
// /proc (testdata/proc/: the QEMU pid 32270 with the recorded vCPU threads, a TAP vnet0).
#include <gtest/gtest.h>

#include <map>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/stats/stats.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/strings.h"

namespace nodevirt::qemu::stats {
namespace {

const std::string kData = "src/drivers/qemu/stats/testdata";

// Answers from the recorded files and remembers what was asked.
struct CannedQmp {
    std::vector<std::string> asked;
    std::string fail_command;
    bool polled = true;

    QmpExec exec() {
        return [this](const std::string& cmd, const Json& args) -> Result<Json> {
            asked.push_back(cmd);
            if (cmd == fail_command) return fail(operationFailed("End of file from QEMU monitor"));
            std::string file = "qemu_7.2/" + cmd + ".json";
            if (cmd == "qom-get") {
                EXPECT_EQ(args.value("property", ""), "guest-stats");
                file = polled ? "qom-get-guest-stats-polled.json"
                              : "qemu_7.2/qom-get-guest-stats.json";
            }
            auto text = file::readAll(kData + "/" + file);
            if (!text) return fail(internalError("no canned reply for " + cmd));
            return Json::parse(*text)["return"];
        };
    }
};

StatsTarget target() {
    StatsTarget t;
    t.pid = 32270;
    t.vcpus_current = 2;
    t.vcpus_max = 4;
    t.max_mem_kib = 262144;
    t.cur_mem_kib = 131072;
    t.balloon_path = "/machine/peripheral/balloon0";
    t.balloon_stats = true;
    t.disks = {{"vda", "/var/lib/images/a.img", "virtio-disk0", ""},
               {"sda", "", "scsi0-0-0-0", ""}};  // an empty cdrom: QEMU lists no stats for it
    t.nics = {{"net0", "52:54:00:00:00:01", "vnet0"}, {"net1", "52:54:00:00:00:02", ""}};
    return t;
}

caps::RootedHostSource procRoot() { return caps::RootedHostSource(kData + "/proc"); }

std::map<std::string, decltype(TypedParam::value)> byName(const TypedParams& p) {
    std::map<std::string, decltype(TypedParam::value)> m;
    for (const TypedParam& t : p) EXPECT_TRUE(m.emplace(t.field, t.value).second) << t.field;
    return m;
}

TEST(StatsCollector, AllGroupsWithLibvirtNames) {
    CannedQmp qmp;
    auto src = procRoot();
    auto s = collectDomainStats(qmp.exec(), src, target(), 0);
    ASSERT_TRUE(s) << s.error().message;
    TypedParams params = statsRecordParams(*s, 0);
    auto m = byName(params);
    EXPECT_EQ(params[0].field, "state.state");
    EXPECT_EQ(std::get<int32_t>(m["state.state"]), static_cast<int32_t>(DomainState::kRunning));
    EXPECT_EQ(std::get<uint64_t>(m["cpu.time"]), 3750000000u);
    EXPECT_EQ(std::get<uint64_t>(m["cpu.user"]), 2500000000u);
    EXPECT_EQ(std::get<uint64_t>(m["balloon.current"]), 131072u);
    EXPECT_EQ(std::get<uint64_t>(m["balloon.maximum"]), 262144u);
    EXPECT_EQ(std::get<uint64_t>(m["balloon.unused"]), 65536u);
    EXPECT_EQ(std::get<uint64_t>(m["balloon.rss"]), 120000u);
    EXPECT_EQ(std::get<uint64_t>(m["balloon.last-update"]), 1764052800u);
    EXPECT_EQ(std::get<uint32_t>(m["vcpu.current"]), 2u);
    EXPECT_EQ(std::get<uint32_t>(m["vcpu.maximum"]), 4u);
    EXPECT_EQ(std::get<uint64_t>(m["vcpu.0.time"]), 2000000000u);
    EXPECT_EQ(std::get<uint64_t>(m["vcpu.1.time"]), 500000000u);
    EXPECT_EQ(std::get<uint64_t>(m["vcpu.1.delay"]), 7000000u);
    EXPECT_EQ(std::get<uint64_t>(m["vcpu.0.wait"]), 1500250000u);  // from sched's wait_sum
    EXPECT_EQ(std::get<uint64_t>(m["vcpu.1.wait"]), 0u);  // no sched statistics: 0, as libvirt
    // balloon.*: current, maximum, the guest's figures in QEMU's order, rss last.
    std::vector<std::string> balloon;
    for (const TypedParam& tp : params) {
        if (tp.field.rfind("balloon.", 0) == 0) balloon.push_back(tp.field);
    }
    ASSERT_EQ(balloon.size(), 14u);
    EXPECT_EQ(balloon[0], "balloon.current");
    EXPECT_EQ(balloon[8], "balloon.usable");
    EXPECT_EQ(balloon[9], "balloon.last-update");
    EXPECT_EQ(balloon.back(), "balloon.rss");
    // The user-mode NIC (index 1) is counted but has no counters, so no entries.
    EXPECT_EQ(std::get<uint32_t>(m["net.count"]), 2u);
    EXPECT_EQ(std::get<std::string>(m["net.0.name"]), "vnet0");
    EXPECT_EQ(std::get<uint64_t>(m["net.0.rx.bytes"]), 40000u);
    EXPECT_EQ(m.count("net.1.name"), 0u);
    EXPECT_EQ(std::get<uint32_t>(m["block.count"]), 2u);
    EXPECT_EQ(std::get<std::string>(m["block.0.name"]), "vda");
    EXPECT_EQ(std::get<std::string>(m["block.0.path"]), "/var/lib/images/a.img");
    EXPECT_EQ(std::get<uint64_t>(m["block.0.rd.reqs"]), 1u);
    EXPECT_EQ(std::get<uint64_t>(m["block.0.rd.bytes"]), 512u);
    EXPECT_EQ(std::get<uint64_t>(m["block.0.capacity"]), 16u << 20);
    EXPECT_EQ(std::get<std::string>(m["block.1.name"]), "sda");
    EXPECT_EQ(m.count("block.1.rd.reqs"), 0u);
}

TEST(StatsCollector, OnlyTheQueriesTheGroupsNeed) {
    CannedQmp qmp;
    auto src = procRoot();
    auto s = collectDomainStats(qmp.exec(), src, target(), lv::kDomainStatsState);
    ASSERT_TRUE(s);
    EXPECT_EQ(qmp.asked, std::vector<std::string>{"query-status"});
    TypedParams p = statsRecordParams(*s, 0);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[1].field, "state.reason");
    qmp.asked.clear();
    auto b = collectDomainStats(qmp.exec(), src, target(),
                                lv::kDomainStatsBlock | lv::kDomainStatsInterface);
    ASSERT_TRUE(b);
    EXPECT_EQ(qmp.asked, (std::vector<std::string>{"query-blockstats", "query-block"}));
    // A group that was not collected is not printed even if asked for later.
    EXPECT_EQ(byName(statsRecordParams(*b, lv::kDomainStatsState)).size(), 0u);
}

TEST(StatsCollector, TheDriversOwnStateWinsOverQueryStatus) {
    CannedQmp qmp;
    auto src = procRoot();
    StatsTarget t = target();
    t.known_state = {DomainState::kRunning, static_cast<int>(lv::kDomainRunningBooted)};
    auto s = collectDomainStats(qmp.exec(), src, t, lv::kDomainStatsState);
    ASSERT_TRUE(s);
    EXPECT_TRUE(qmp.asked.empty());
    auto m = byName(statsRecordParams(*s, 0));
    EXPECT_EQ(std::get<int32_t>(m["state.reason"]), static_cast<int32_t>(lv::kDomainRunningBooted));
}

TEST(StatsCollector, FailuresAreErrorsOrMissingCounters) {
    CannedQmp qmp;
    qmp.fail_command = "query-blockstats";
    auto src = procRoot();
    auto s = collectDomainStats(qmp.exec(), src, target(), 0);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("End of file"), std::string::npos);
    StatsTarget gone = target();
    gone.pid = 999999;  // no such /proc entry: the process has exited
    CannedQmp ok;
    auto r = collectDomainStats(ok.exec(), src, gone, lv::kDomainStatsCpuTotal);
    ASSERT_FALSE(r);
    StatsTarget no_tap = target();
    no_tap.nics[0].ifname = "vnet7";
    auto n = collectDomainStats(ok.exec(), src, no_tap, lv::kDomainStatsInterface);
    ASSERT_TRUE(n);
    EXPECT_FALSE(n->nics[0].stats);
}

TEST(StatsRecords, InfoBlockInterfaceMemoryVcpus) {
    CannedQmp qmp;
    auto src = procRoot();
    auto s = collectDomainStats(qmp.exec(), src, target(), 0);
    ASSERT_TRUE(s) << s.error().message;
    DomainInfo info = domainInfoOf(*s);
    EXPECT_EQ(info.state, DomainState::kRunning);
    EXPECT_EQ(info.cpu_time_ns, 3750000000u);
    EXPECT_EQ(info.memory_kib, 131072u);
    EXPECT_EQ(info.max_mem_kib, 262144u);
    EXPECT_EQ(info.nr_virt_cpu, 2u);

    auto vda = blockStatsOf(*s, "vda");
    ASSERT_TRUE(vda);
    EXPECT_EQ(vda->rd_req, 1);
    EXPECT_EQ(vda->rd_bytes, 512);
    EXPECT_EQ(vda->errs, -1);
    auto by_path = blockStatsOf(*s, "/var/lib/images/a.img");
    ASSERT_TRUE(by_path);
    EXPECT_EQ(by_path->rd_bytes, 512);
    auto sum = blockStatsOf(*s, "");
    ASSERT_TRUE(sum);
    EXPECT_EQ(sum->rd_req, 1);
    auto nodisk = blockStatsOf(*s, "vdz");
    ASSERT_FALSE(nodisk);
    EXPECT_EQ(nodisk.error().code, ErrorCode::kInvalidArg);
    EXPECT_FALSE(blockStatsOf(*s, "sda"));  // no medium
    auto typed = blockStatsParamsOf(*s, "vda");
    ASSERT_TRUE(typed);
    ASSERT_EQ(typed->size(), 8u);
    EXPECT_EQ((*typed)[2].field, "rd_bytes");
    EXPECT_EQ(std::get<int64_t>((*typed)[2].value), 512);

    auto tap = interfaceStatsOf(*s, "vnet0");
    ASSERT_TRUE(tap);
    EXPECT_EQ(tap->rx_bytes, 40000);
    auto by_mac = interfaceStatsOf(*s, "52:54:00:00:00:01");
    ASSERT_TRUE(by_mac);
    auto user = interfaceStatsOf(*s, "net1");
    ASSERT_FALSE(user);
    EXPECT_EQ(user.error().code, ErrorCode::kOperationUnsupported);
    EXPECT_NE(user.error().message.find("user-mode"), std::string::npos);
    auto unknown = interfaceStatsOf(*s, "eth0");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArg);

    std::vector<MemoryStat> mem = memoryStatsOf(*s, 20);
    ASSERT_EQ(mem.size(), 13u);  // actual + 11 guest figures + rss
    EXPECT_EQ(mem.front().tag, static_cast<int>(lv::kDomainMemoryStatActualBalloon));
    EXPECT_EQ(mem.back().tag, static_cast<int>(lv::kDomainMemoryStatRss));
    EXPECT_EQ(memoryStatsOf(*s, 2).size(), 2u);

    std::vector<VcpuInfo> vcpus = vcpuInfosOf(*s);
    ASSERT_EQ(vcpus.size(), 2u);
    EXPECT_EQ(vcpus[1].number, 1u);
    EXPECT_EQ(vcpus[1].cpu, 1);
    EXPECT_EQ(vcpus[0].cpu_time_ns, 2000000000u);
}

TEST(StatsRecords, NoBalloonDeviceUsesTheDefinition) {
    CannedQmp qmp;
    auto src = procRoot();
    StatsTarget t = target();
    t.balloon_path.clear();
    auto s = collectDomainStats(qmp.exec(), src, t, lv::kDomainStatsBalloon);
    ASSERT_TRUE(s);
    EXPECT_EQ(std::count(qmp.asked.begin(), qmp.asked.end(), "query-balloon"), 0);
    EXPECT_EQ(domainInfoOf(*s).memory_kib, 131072u);
    EXPECT_EQ(memoryStatsOf(*s, 20).size(), 2u);  // actual, rss
}

// The same shape of domain under Debian's libvirtd 9.0 (testdata/libvirt_9.0_domain.xml: 2
// vCPUs, a raw virtio disk, a user-mode NIC, a balloon with stats polling, no guest OS):
// `virsh domstats --raw` printed testdata/libvirt_9.0_domstats.txt. Our record must carry the
// same fields in the same order, leaving out only the groups and fields we do not produce.
TEST(StatsRecords, SameFieldsAndOrderAsLibvirt) {
    auto text = file::readAll(kData + "/libvirt_9.0_domstats.txt");
    ASSERT_TRUE(text);
    std::vector<std::string> theirs;
    for (const std::string& line : str::split(*text, '\n')) {
        size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string field(str::trim(std::string_view(line).substr(0, eq)));
        bool skipped = false;
        for (std::string_view not_ours :
             {"cpu.cache.", "cpu.haltpoll.", "dirtyrate.", ".backingIndex"}) {
            if (field.find(not_ours) != std::string::npos) skipped = true;
        }
        if (!skipped) theirs.push_back(field);
    }
    ASSERT_GT(theirs.size(), 20u);
    CannedQmp qmp;
    qmp.polled = false;  // no guest driver: only last-update
    auto src = procRoot();
    StatsTarget t = target();
    t.disks.resize(1);
    t.nics = {{"net0", "52:54:00:31:a4:37", ""}};
    auto s = collectDomainStats(qmp.exec(), src, t, 0);
    ASSERT_TRUE(s) << s.error().message;
    std::vector<std::string> ours;
    for (const TypedParam& tp : statsRecordParams(*s, 0)) ours.push_back(tp.field);
    EXPECT_EQ(ours, theirs);
}

}  // namespace
}  // namespace nodevirt::qemu::stats
