// Parsers of the QMP replies (recorded from QEMU 7.2 in testdata/qemu_7.2/) and of /proc.
#include <gtest/gtest.h>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/stats/stats.h"
#include "util/file_io.h"

namespace nodevirt::qemu::stats {
namespace {

const std::string kData = "src/drivers/qemu/stats/testdata";

Json reply(const std::string& file) {
    auto text = file::readAll(kData + "/" + file);
    EXPECT_TRUE(text) << file;
    Json j = Json::parse(text ? *text : "{}");
    EXPECT_TRUE(j.contains("return")) << file;
    return j.value("return", Json());
}

TEST(QmpStatsParse, StatusMapsToLibvirtStates) {
    auto running = parseQueryStatus(reply("qemu_7.2/query-status.json"));
    ASSERT_TRUE(running) << running.error().message;
    EXPECT_EQ(running->state, DomainState::kRunning);
    EXPECT_TRUE(running->running);
    auto pre = parseQueryStatus(reply("qemu_7.2/query-status-prelaunch.json"));
    ASSERT_TRUE(pre);
    EXPECT_EQ(pre->state, DomainState::kPaused);
    EXPECT_EQ(pre->reason, static_cast<int>(lv::kDomainPausedStartingUp));
    auto panicked = parseQueryStatus(Json{{"status", "guest-panicked"}, {"running", false}});
    ASSERT_TRUE(panicked);
    EXPECT_EQ(panicked->state, DomainState::kCrashed);
    auto future = parseQueryStatus(Json{{"status", "some-new-state"}, {"running", true}});
    ASSERT_TRUE(future);
    EXPECT_EQ(future->state, DomainState::kRunning);
    auto bad = parseQueryStatus(Json{{"running", true}});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("query-status"), std::string::npos);
}

TEST(QmpStatsParse, CpusFastThreads) {
    auto cpus = parseQueryCpusFast(reply("qemu_7.2/query-cpus-fast.json"));
    ASSERT_TRUE(cpus) << cpus.error().message;
    ASSERT_EQ(cpus->size(), 2u);
    EXPECT_EQ((*cpus)[0].index, 0u);
    EXPECT_EQ((*cpus)[0].thread_id, 32282);
    EXPECT_EQ((*cpus)[1].thread_id, 32283);
    EXPECT_FALSE(parseQueryCpusFast(Json::object()));
    EXPECT_FALSE(parseQueryCpusFast(Json::array({Json{{"cpu-index", 0}}})));
}

TEST(QmpStatsParse, BalloonAndGuestStats) {
    auto kib = parseQueryBalloon(reply("qemu_7.2/query-balloon.json"));
    ASSERT_TRUE(kib);
    EXPECT_EQ(*kib, 128u * 1024u);
    EXPECT_FALSE(parseQueryBalloon(Json{{"actual", "big"}}));
    // Before the guest has a driver, QEMU reports every figure as "not provided".
    auto none = parseGuestStats(reply("qemu_7.2/qom-get-guest-stats.json"));
    ASSERT_TRUE(none) << none.error().message;
    ASSERT_EQ(none->size(), 1u);
    EXPECT_EQ((*none)[0].tag, static_cast<int>(lv::kDomainMemoryStatLastUpdate));
    auto polled = parseGuestStats(reply("qom-get-guest-stats-polled.json"));
    ASSERT_TRUE(polled);
    ASSERT_EQ(polled->size(), 11u);
    EXPECT_EQ((*polled)[0].tag, static_cast<int>(lv::kDomainMemoryStatSwapIn));
    EXPECT_EQ((*polled)[4].tag, static_cast<int>(lv::kDomainMemoryStatUnused));
    EXPECT_EQ((*polled)[4].value, 65536u);  // 64 MiB in KiB
    EXPECT_EQ((*polled)[2].value, 12u);     // faults are counts, not bytes
    EXPECT_EQ((*polled)[7].value, 1764052800u);
}

TEST(QmpStatsParse, BlockStatsJoinedWithBlock) {
    auto all = parseBlockStats(reply("qemu_7.2/query-blockstats.json"),
                               reply("qemu_7.2/query-block.json"));
    ASSERT_TRUE(all) << all.error().message;
    ASSERT_EQ(all->size(), 1u);
    const BlockDevStats& b = (*all)[0];
    EXPECT_EQ(b.node_name, "libvirt-1-format");
    EXPECT_EQ(b.rd_reqs, 1u);  // SeaBIOS read the boot sector
    EXPECT_EQ(b.rd_bytes, 512u);
    EXPECT_GT(b.rd_times_ns, 0u);
    EXPECT_EQ(b.capacity, 16u << 20);
    EXPECT_EQ(b.physical, 0u);
    EXPECT_NE(b.file.find("disk.img"), std::string::npos);
    EXPECT_EQ(findBlockDev(*all, "virtio-disk0", ""), &b);
    EXPECT_EQ(findBlockDev(*all, "", "libvirt-1-format"), &b);
    EXPECT_EQ(findBlockDev(*all, "virtio-disk1", "libvirt-2-format"), nullptr);
    Json broken = Json::array({Json{{"device", ""}, {"stats", {{"rd_bytes", -5}}}}});
    auto bad = parseBlockStats(broken, Json::array());
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("rd_bytes"), std::string::npos) << bad.error().message;
}

TEST(ProcStats, StatLineWithParensInName) {
    auto text = file::readAll(kData + "/proc/proc/32270/stat");
    ASSERT_TRUE(text);
    auto cpu = parseProcStat(*text, 100);
    ASSERT_TRUE(cpu) << cpu.error().message;
    EXPECT_EQ(cpu->user_ns, 2500000000u);
    EXPECT_EQ(cpu->system_ns, 1250000000u);
    EXPECT_EQ(cpu->rss_pages, 30000u);
    EXPECT_EQ(cpu->processor, 1);
    EXPECT_FALSE(parseProcStat("12 no-parens S 1", 100));
    EXPECT_FALSE(parseProcStat("12 (x) S 1 2 3", 100));
}

TEST(ProcStats, SchedWaitSum) {
    EXPECT_EQ(parseSchedWaitSum("se.sum_exec_runtime : 10.5\nwait_sum : 2.000001\n"), 2000001u);
    EXPECT_EQ(parseSchedWaitSum("se.statistics.wait_sum  :  0.5\n"), 500000u);
    EXPECT_FALSE(parseSchedWaitSum("se.sum_exec_runtime : 10.5\n"));
    EXPECT_FALSE(parseSchedWaitSum("wait_sum : -3\n"));
}

TEST(ProcStats, NetDevSwapsForTheGuestView) {
    auto text = file::readAll(kData + "/proc/proc/net/dev");
    ASSERT_TRUE(text);
    auto host = parseNetDev(*text, "vnet0", false);
    ASSERT_TRUE(host) << host.error().message;
    EXPECT_EQ(host->rx_bytes, 9000);
    EXPECT_EQ(host->tx_drop, 4);
    auto guest = parseNetDev(*text, "vnet0", true);
    ASSERT_TRUE(guest);
    EXPECT_EQ(guest->rx_bytes, 40000);
    EXPECT_EQ(guest->rx_packets, 300);
    EXPECT_EQ(guest->tx_bytes, 9000);
    EXPECT_EQ(guest->tx_errs, 1);
    auto missing = parseNetDev(*text, "vnet9", true);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("vnet9"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::qemu::stats
