#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using namespace lv;

class ConfigTest : public TestDriverTest {
protected:
    DomainConfigOps& cfg() { return conn_->domainConfig(); }
    DomainLifecycleOps& life() { return conn_->domainLifecycle(); }
    std::string xml(const DomainRef& d, unsigned flags = 0) {
        auto r = cfg().getXmlDesc(d, flags);
        EXPECT_TRUE(r) << r.error().message;
        return r ? *r : "";
    }
    static bool has(const std::string& text, const std::string& needle) {
        return text.find(needle) != std::string::npos;
    }
};

TEST_F(ConfigTest, XmlOfRunningAndInactiveDomain) {
    auto t = dom("test");
    std::string live = xml(t);
    EXPECT_TRUE(has(live, "<domain type='test' id='1'>")) << live;
    EXPECT_TRUE(has(live, "<target dev='testnet0'/>"));
    EXPECT_TRUE(has(live, "<address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"));
    EXPECT_TRUE(has(xml(t, kDomainXmlInactive), "<domain type='test'>\n"));
    EXPECT_ERROR(cfg().getXmlDesc(t, kDomainXmlUpdateCpu), kInvalidArg, kTest,
                 "unsupported flags (0x4) in function testDomainGetXMLDesc");
}

TEST_F(ConfigTest, SetMemoryLiveAndConfig) {
    auto t = dom("test");
    ASSERT_OK(cfg().setMemory(t, 1048576, kDomainAffectLive));
    EXPECT_TRUE(has(xml(t), "<currentMemory unit='KiB'>1048576</currentMemory>"));
    EXPECT_TRUE(has(xml(t, kDomainXmlInactive), "<currentMemory unit='KiB'>2097152</currentMemory>"));
    ASSERT_OK(cfg().setMemory(t, 1024, kDomainAffectConfig));
    EXPECT_TRUE(has(xml(t, kDomainXmlInactive), "<currentMemory unit='KiB'>1024</currentMemory>"));
    EXPECT_ERROR(cfg().setMemory(t, 16u << 20, kDomainAffectLive), kInvalidArg, kTest,
                 "invalid argument: cannot set memory higher than max memory");
    EXPECT_ERROR(cfg().setMemory(t, 0, 0), kInvalidArg, kDomain, "memory in virDomainSetMemoryFlags must not be zero");
    EXPECT_ERROR(cfg().setMemory(t, 1024, kDomainAffectLive | kDomainAffectConfig), kInvalidArg, kDomain,
                 "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    // Live changes vanish when the domain stops.
    ASSERT_OK(life().destroy(t, 0));
    EXPECT_TRUE(has(xml(t), "<currentMemory unit='KiB'>1024</currentMemory>"));
}

TEST_F(ConfigTest, SetMemoryOnInactiveDomain) {
    auto d = defineMin("vm", 1);
    EXPECT_ERROR(cfg().setMemory(d, 1024, kDomainAffectLive), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
    ASSERT_OK(cfg().setMemory(d, 1024, kDomainAffectCurrent));
    ASSERT_OK_AND_ASSIGN(auto info, life().getInfo(d));
    EXPECT_EQ(info.memory_kib, 1024u);
}

TEST_F(ConfigTest, SetMaxMemory) {
    auto d = defineMin("vm", 1);
    ASSERT_OK(cfg().setMaxMemory(d, 262144));
    ASSERT_OK_AND_ASSIGN(auto info, life().getInfo(d));
    EXPECT_EQ(info.max_mem_kib, 262144u);
    EXPECT_EQ(info.memory_kib, 262144u);  // lowered with the maximum
    auto t = dom("test");
    EXPECT_ERROR(cfg().setMaxMemory(t, 1u << 20), kOperationInvalid, kTest,
                 "Requested operation is not valid: cannot resize the maximum memory on an active domain");
    ASSERT_OK(cfg().setMemory(t, 16u << 20, kDomainAffectConfig | kDomainMemMaximum));
    EXPECT_TRUE(has(xml(t, kDomainXmlInactive), "<memory unit='KiB'>16777216</memory>"));
}

TEST_F(ConfigTest, Vcpus) {
    auto t = dom("test");
    ASSERT_OK(cfg().setVcpus(t, 1, kDomainAffectLive));
    EXPECT_TRUE(has(xml(t), "<vcpu placement='static' current='1'>2</vcpu>"));
    ASSERT_OK_AND_ASSIGN(int live, cfg().getVcpusFlags(t, kDomainAffectLive));
    EXPECT_EQ(live, 1);
    ASSERT_OK_AND_ASSIGN(int config, cfg().getVcpusFlags(t, kDomainAffectConfig));
    EXPECT_EQ(config, 2);
    EXPECT_ERROR(cfg().setVcpus(t, 3, kDomainAffectLive), kInvalidArg, kTest,
                 "invalid argument: requested cpu amount exceeds maximum (3 > 2)");
    EXPECT_ERROR(cfg().setVcpus(t, 0, 0), kInvalidArg, kDomain, "nvcpus in virDomainSetVcpusFlags must not be zero");
    EXPECT_ERROR(cfg().getVcpusFlags(t, 8), kInvalidArg, kTest,
                 "unsupported flags (0x8) in function testDomainGetVcpusFlags");
    auto d = defineMin("vm", 1);
    ASSERT_OK(cfg().setVcpus(d, 8, kDomainAffectConfig | kDomainVcpuMaximum));
    ASSERT_OK(cfg().setVcpus(d, 3, kDomainAffectConfig));
    ASSERT_OK_AND_ASSIGN(int max, cfg().getVcpusFlags(d, kDomainAffectConfig | kDomainVcpuMaximum));
    EXPECT_EQ(max, 8);
    ASSERT_OK(life().create(d, 0));
    ASSERT_OK_AND_ASSIGN(int livemax, cfg().getMaxVcpus(d));
    EXPECT_EQ(livemax, 8);
}

TEST_F(ConfigTest, MetadataTitleDescriptionAndElement) {
    auto t = dom("test");
    EXPECT_ERROR(cfg().getMetadata(t, kDomainMetadataDescription, std::nullopt, 0), kNoDomainMetadata, kDomain,
                 "metadata not found: Requested metadata element is not present");
    ASSERT_OK(cfg().setMetadata(t, kDomainMetadataDescription, std::string("hello world"), std::nullopt,
                                std::nullopt, 0));
    ASSERT_OK_AND_ASSIGN(auto desc, cfg().getMetadata(t, kDomainMetadataDescription, std::nullopt, 0));
    EXPECT_EQ(desc, std::optional<std::string>("hello world"));
    EXPECT_ERROR(cfg().setMetadata(t, kDomainMetadataTitle, std::string("a\nb"), std::nullopt, std::nullopt, 0),
                 kInvalidArg, kDomain, "metadata title can't contain newlines");
    ASSERT_OK(cfg().setMetadata(t, kDomainMetadataElement, std::string("<foo bar=\"1\"/>"), std::string("ex"),
                                std::string("http://example.org/"), 0));
    EXPECT_TRUE(has(xml(t), "<ex:foo xmlns:ex=\"http://example.org/\" bar=\"1\"/>")) << xml(t);
    ASSERT_OK_AND_ASSIGN(auto elem, cfg().getMetadata(t, kDomainMetadataElement, std::string("http://example.org/"), 0));
    EXPECT_EQ(elem, std::optional<std::string>("<foo bar=\"1\"/>"));
    ASSERT_OK(cfg().setMetadata(t, kDomainMetadataElement, std::nullopt, std::nullopt,
                                std::string("http://example.org/"), 0));
    EXPECT_FALSE(cfg().getMetadata(t, kDomainMetadataElement, std::string("http://example.org/"), 0));
    EXPECT_ERROR(cfg().setMetadata(t, kDomainMetadataElement, std::string("<foo/>"), std::nullopt,
                                   std::string("http://x/"), 0),
                 kInvalidArg, kDomain, "key in virDomainSetMetadata must not be NULL");
}

TEST_F(ConfigTest, SchedulerAndTunables) {
    auto t = dom("test");
    ASSERT_OK_AND_ASSIGN(auto type, cfg().getSchedulerType(t));
    EXPECT_EQ(type, std::make_pair(std::string("fair"), 1));
    ASSERT_OK_AND_ASSIGN(auto sched, cfg().getSchedulerParameters(t, 0));
    ASSERT_EQ(sched.size(), 1u);
    EXPECT_EQ(std::get<uint32_t>(sched[0].value), 50u);
    ASSERT_OK(cfg().setMemoryParameters(t, {{"hard_limit", uint64_t{100000}}}, 0));
    ASSERT_OK_AND_ASSIGN(auto mem, cfg().getMemoryParameters(t, 0));
    EXPECT_EQ(std::get<uint64_t>(mem[0].value), 100000u);
    EXPECT_EQ(std::get<uint64_t>(mem[1].value), 9007199254740991u);
    EXPECT_TRUE(has(xml(t), "<hard_limit unit='KiB'>100000</hard_limit>"));
    ASSERT_OK(cfg().setBlkioParameters(t, {{"weight", uint32_t{500}}, {"device_weight", std::string("/dev/sda,100")}}, 0));
    ASSERT_OK_AND_ASSIGN(auto blkio, cfg().getBlkioParameters(t, 0));
    EXPECT_EQ(std::get<uint32_t>(blkio[0].value), 500u);
    EXPECT_EQ(std::get<std::string>(blkio[1].value), "/dev/sda,100");
    ASSERT_OK(cfg().setNumaParameters(t, {{"numa_mode", int32_t{1}}, {"numa_nodeset", std::string("0")}}, 0));
    ASSERT_OK_AND_ASSIGN(auto numa, cfg().getNumaParameters(t, 0));
    EXPECT_EQ(std::get<int32_t>(numa[0].value), 1);
    EXPECT_EQ(std::get<std::string>(numa[1].value), "0");
    ASSERT_OK_AND_ASSIGN(auto perf, cfg().getPerfEvents(t, 0));
    EXPECT_EQ(perf.size(), 22u);
    EXPECT_FALSE(cfg().setMemoryParameters(t, {{"bogus", uint64_t{1}}}, 0));
}

TEST_F(ConfigTest, RenameInactiveOnly) {
    watchLifecycle();
    EXPECT_ERROR(cfg().rename(dom("test"), "x", 0), kOperationInvalid, kTest,
                 "Requested operation is not valid: cannot rename active domain");
    auto d = defineMin("vm", 1);
    takeEvents();
    ASSERT_OK(cfg().rename(d, "vm2", 0));
    EXPECT_TRUE(life().lookupByName("vm2"));
    EXPECT_FALSE(life().lookupByName("vm"));
    EXPECT_TRUE(has(xml(dom("vm2")), "<name>vm2</name>"));
    EXPECT_EQ(takeEvents(), (std::vector<std::pair<int, int>>{{1, 1}, {0, 2}}));
}

TEST_F(ConfigTest, PinVcpu) {
    auto t = dom("test");
    std::vector<bool> map(16, false);
    map[0] = true;
    ASSERT_OK(cfg().pinVcpu(t, 0, map, 0));
    ASSERT_OK_AND_ASSIGN(auto pins, conn_->domainStats().getVcpuPinInfo(t, 0));
    ASSERT_EQ(pins.size(), 2u);
    EXPECT_TRUE(pins[0][0]);
    EXPECT_FALSE(pins[0][1]);
    EXPECT_TRUE(pins[1][15]);
    EXPECT_ERROR(cfg().pinVcpu(t, 5, map, 0), kInvalidArg, kTest,
                 "invalid argument: requested vcpu '5' is not present in the domain");
}

TEST_F(ConfigTest, AttachAndDetachDevices) {
    auto d = defineMin("vm", 1);
    DomainDeviceOps& dev = conn_->domainDevices();
    std::string disk = "<disk type='file' device='disk'><source file='/x.img'/><target dev='vdb' bus='virtio'/></disk>";
    ASSERT_OK(dev.attachDevice(d, disk, kDomainAffectConfig));
    EXPECT_TRUE(has(xml(d), "<target dev='vdb' bus='virtio'/>"));
    EXPECT_FALSE(dev.attachDevice(d, disk, kDomainAffectConfig));  // duplicate target
    ASSERT_OK(dev.detachDevice(d, disk, kDomainAffectConfig));
    EXPECT_FALSE(has(xml(d), "vdb"));
    EXPECT_FALSE(dev.detachDevice(d, disk, kDomainAffectConfig));
    auto t = dom("test");
    ASSERT_OK(dev.attachDevice(t, disk, kDomainAffectLive));
    EXPECT_TRUE(has(xml(t), "vdb"));
    EXPECT_FALSE(has(xml(t, kDomainXmlInactive), "vdb"));
    EXPECT_ERROR(dev.attachDevice(d, disk, kDomainAffectLive), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
}

}  // namespace
}  // namespace nodevirt::drivers::test
