#include <unistd.h>

#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using ConnectTest = TestDriverTest;

TEST_F(ConnectTest, Identity) {
    ConnectOps& c = conn_->connect();
    EXPECT_EQ(*c.getType(), "TEST");
    EXPECT_EQ(*c.getVersion(), 2u);
    EXPECT_EQ(*c.getLibVersion(), 9000000u);
    EXPECT_EQ(*c.getUri(), "test:///default");
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    EXPECT_EQ(*c.getHostname(), host);
    EXPECT_EQ(*c.getMaxVcpus(std::nullopt), 32);
    EXPECT_NE(c.getSysinfo(0)->find("<entry name='vendor'>LENOVO</entry>"), std::string::npos);
    EXPECT_ERROR(c.getSysinfo(1), kInvalidArg, kTest, "unsupported flags (0x1) in function testConnectGetSysinfo");
}

TEST_F(ConnectTest, NodeFacts) {
    ConnectOps& c = conn_->connect();
    ASSERT_OK_AND_ASSIGN(auto info, c.nodeGetInfo());
    EXPECT_EQ(info.model, "i686");
    EXPECT_EQ(info.memory_kib, 3145728u);
    EXPECT_EQ(info.cpus, 16u);
    EXPECT_EQ(info.mhz, 1400u);
    EXPECT_EQ(*c.nodeGetFreeMemory(), 3145728u);
    EXPECT_EQ(*c.nodeGetCellsFreeMemory(0, 10), (std::vector<uint64_t>{2097152, 4194304}));
    EXPECT_EQ(*c.nodeGetCellsFreeMemory(1, 5), (std::vector<uint64_t>{4194304}));
    EXPECT_ERROR(c.nodeGetCellsFreeMemory(2, 1), kInvalidArg, kTest, "invalid argument: Range exceeds available cells");
    ASSERT_OK_AND_ASSIGN(auto map, c.nodeGetCpuMap(0));
    EXPECT_EQ(map, (std::vector<bool>{true, false, true, false, true, false, false, false}));
    ASSERT_OK_AND_ASSIGN(auto stats, c.nodeGetCpuStats(-1, 0));
    ASSERT_EQ(stats.size(), 4u);
    EXPECT_EQ(stats[1].field, "kernel");
    EXPECT_EQ(std::get<uint64_t>(stats[1].value), 34678723400000u);
    ASSERT_OK_AND_ASSIGN(auto sec, c.nodeGetSecurityModel());
    EXPECT_EQ(sec.model, "testSecurity");
    EXPECT_EQ(sec.doi, "");
}

TEST_F(ConnectTest, CapabilitiesDescribeTheFakeHost) {
    ASSERT_OK_AND_ASSIGN(auto caps, conn_->connect().getCapabilities());
    EXPECT_NE(caps.find("<cells num='2'>"), std::string::npos) << caps;
    EXPECT_NE(caps.find("<cpu id='15' socket_id='1' die_id='0' core_id='7' siblings='15'/>"), std::string::npos);
    EXPECT_NE(caps.find("<pages unit='KiB' size='8'>524288</pages>"), std::string::npos);
    EXPECT_NE(caps.find("<os_type>xen</os_type>"), std::string::npos);
    EXPECT_NE(caps.find("<emulator>/usr/bin/test-hv</emulator>"), std::string::npos);
}

TEST_F(ConnectTest, PathlessUriIsRefused) {
    auto uri = driver::Uri::parse("test:///");
    ASSERT_TRUE(uri);
    EXPECT_ERROR(factory_.open(*uri, 0), kInvalidArg, kTest,
                 "invalid argument: testOpen: supply a path or use test:///default");
    auto remote = driver::Uri::parse("test+unix:///default");
    EXPECT_FALSE(factory_.accepts(*remote));
}

}  // namespace
}  // namespace nodevirt::drivers::test
