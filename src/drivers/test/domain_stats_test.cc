#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using StatsTest = TestDriverTest;

TEST_F(StatsTest, BlockAndInterfaceCounters) {
    DomainStatsOps& s = conn_->domainStats();
    auto t = dom("test");
    ASSERT_OK_AND_ASSIGN(auto blk, s.blockStats(t, "vda"));
    EXPECT_GT(blk.rd_req, 0);
    EXPECT_EQ(blk.rd_bytes, blk.rd_req / 2);  // both derive from the same clock reading
    ASSERT_OK_AND_ASSIGN(auto byPath, s.blockStats(t, "/guest/diskimage1"));
    EXPECT_GT(byPath.wr_req, 0);
    EXPECT_ERROR(s.blockStats(t, "vdz"), kInvalidArg, kTest, "invalid argument: invalid path: vdz");
    EXPECT_ERROR(s.blockStats(t, ""), kOperationUnsupported, kTest,
                 "Operation not supported: summary statistics are not supported yet");
    ASSERT_OK_AND_ASSIGN(auto net, s.interfaceStats(t, "testnet0"));
    EXPECT_GT(net.rx_bytes, 0);
    ASSERT_OK(s.interfaceStats(t, "aa:bb:cc:dd:ee:ff"));
    EXPECT_ERROR(s.interfaceStats(t, "vnet9"), kInvalidArg, kDomain, "invalid argument: 'vnet9' is not a known interface");
}

TEST_F(StatsTest, MemoryStatsFollowTheBalloon) {
    DomainStatsOps& s = conn_->domainStats();
    auto t = dom("test");
    ASSERT_OK_AND_ASSIGN(auto mem, s.memoryStats(t, 13, 0));
    ASSERT_EQ(mem.size(), 13u);
    EXPECT_EQ(mem[0].tag, static_cast<int>(lv::kDomainMemoryStatActualBalloon));
    EXPECT_EQ(mem[0].value, 2097152u);
    EXPECT_EQ(mem[5].value, 1048576u);  // unused
    EXPECT_EQ(mem[8].value, 627319920u);  // last_update
    ASSERT_OK_AND_ASSIGN(auto few, s.memoryStats(t, 2, 0));
    EXPECT_EQ(few.size(), 2u);
}

TEST_F(StatsTest, BlockInfoVcpusAndAddresses) {
    DomainStatsOps& s = conn_->domainStats();
    auto t = dom("test");
    ASSERT_OK_AND_ASSIGN(auto info, s.getBlockInfo(t, "vda", 0));
    EXPECT_EQ(info.capacity, 1099506450432u);
    EXPECT_EQ(info.physical, 1099511627776u);
    EXPECT_ERROR(s.getBlockInfo(t, "hdc", 0), kInvalidArg, kTest, "invalid argument: invalid path hdc not assigned to domain");
    ASSERT_OK_AND_ASSIGN(auto vcpus, s.getVcpus(t));
    ASSERT_EQ(vcpus.first.size(), 2u);
    EXPECT_EQ(vcpus.first[1].number, 1u);
    EXPECT_EQ(vcpus.first[0].cpu, 15);
    EXPECT_EQ(vcpus.second[0].size(), 16u);
    ASSERT_OK_AND_ASSIGN(auto addrs, s.interfaceAddresses(t, 0, 0));
    ASSERT_EQ(addrs.size(), 1u);
    EXPECT_EQ(addrs[0].name, "testnet0");
    EXPECT_EQ(addrs[0].addrs[0].addr, "192.168.122.3");
    EXPECT_EQ(addrs[0].addrs[0].prefix, 24u);
}

TEST_F(StatsTest, InactiveDomainsHaveNoRuntimeStats) {
    DomainStatsOps& s = conn_->domainStats();
    auto d = defineMin("vm", 1);
    EXPECT_ERROR(s.getVcpus(d), kOperationInvalid, kTest,
                 "Requested operation is not valid: cannot list vcpus for an inactive domain");
    EXPECT_ERROR(s.memoryStats(d, 13, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
}

TEST_F(StatsTest, AllDomainStatsReportState) {
    defineMin("vm", 1);
    ASSERT_OK_AND_ASSIGN(auto all, conn_->domainStats().getAllDomainStats({}, lv::kDomainStatsState, 0));
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].dom.name, "test");
    ASSERT_EQ(all[0].params.size(), 2u);
    EXPECT_EQ(all[0].params[0].field, "state.state");
    EXPECT_EQ(std::get<int32_t>(all[1].params[0].value), 5);
    ASSERT_OK_AND_ASSIGN(auto active,
                         conn_->domainStats().getAllDomainStats({}, 0, lv::kConnectGetAllDomainsStatsActive));
    EXPECT_EQ(active.size(), 1u);
    EXPECT_FALSE(conn_->domainStats().getAllDomainStats({}, 2, lv::kConnectGetAllDomainsStatsEnforceStats));
}

}  // namespace
}  // namespace nodevirt::drivers::test
