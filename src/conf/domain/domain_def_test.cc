#include "conf/domain/domain_def.h"

#include <gtest/gtest.h>

#include <set>

#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"

namespace nodevirt::conf {
namespace {

constexpr const char* kMinimal =
    "<domain type='test'><name>x</name><memory unit='KiB'>131072</memory><vcpu>1</vcpu>"
    "<os><type arch='x86_64'>hvm</type></os></domain>";

DomainParseOptions defineOptions() {
    DomainParseOptions o;
    o.inactive = true;
    o.profile = &testDriverPostParseProfile();
    return o;
}

TEST(DomainDefTest, GeneratedUuidsAreValidAndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        auto def = parseDomainXml(kMinimal, defineOptions());
        ASSERT_TRUE(def) << def.error().message;
        const Uuid& u = (*def)->uuid;
        EXPECT_FALSE(u.isNull());
        EXPECT_EQ(u.bytes()[6] >> 4, 4) << "version 4 UUID expected";
        EXPECT_EQ(u.bytes()[8] & 0xC0, 0x80) << "RFC 4122 variant expected";
        EXPECT_TRUE(seen.insert(u.toString()).second);
    }
}

TEST(DomainDefTest, GeneratedMacsAreValidAndUnique) {
    std::string xml =
        "<domain type='test'><name>x</name><uuid>00000000-0000-0000-0000-00000000000a</uuid>"
        "<memory>1024</memory><os><type>hvm</type></os><devices>";
    for (int i = 0; i < 50; ++i) xml += "<interface type='user'/>";
    xml += "</devices></domain>";
    auto def = parseDomainXml(xml, defineOptions());
    ASSERT_TRUE(def) << def.error().message;
    std::set<std::string> seen;
    for (const auto& n : (*def)->devs().interfaces) {
        ASSERT_TRUE(n.mac);
        EXPECT_EQ(n.mac->bytes()[0], 0x52);
        EXPECT_EQ(n.mac->bytes()[1], 0x54);
        EXPECT_EQ(n.mac->bytes()[2], 0x00);
        EXPECT_FALSE(n.mac->isMulticast());
        seen.insert(n.mac->toString());
    }
    // 50 random 24-bit suffixes colliding is practically impossible.
    EXPECT_EQ(seen.size(), 50U);
    EXPECT_EQ((*def)->devs().interfaces[49].ifname, "testnet49");
}

TEST(DomainDefTest, CopiesAreDeepAndCompareEqual) {
    auto def = parseDomainXml(
        "<domain "
        "type='test'><name>x</name><title>t</title><memory>1024</memory><os><type>hvm</type></os>"
        "<devices><disk type='file'><source file='/a'/><target "
        "dev='vda'/></disk></devices></domain>",
        defineOptions());
    ASSERT_TRUE(def);
    DomainDef copy = **def;
    EXPECT_EQ(copy, **def);
    copy.mutExt().title = "changed";
    copy.mutDevs().disks[0].dst = "vdz";
    EXPECT_EQ((*def)->ext().title, "t");
    EXPECT_EQ((*def)->devs().disks[0].dst, "vda");
    EXPECT_FALSE(copy == **def);
}

TEST(DomainDefTest, Helpers) {
    auto def = parseDomainXml(
        "<domain type='test'><name>x</name><memory>1024</memory><vcpu "
        "current='2'>4</vcpu><os><type>hvm</type></os>"
        "<devices><disk type='file'><source file='/a.img'/><target dev='vda'/></disk>"
        "<disk type='file'><source file='/b.img'/><target dev='sda'/></disk>"
        "<interface type='network'><mac address='52:54:00:01:02:03'/><source "
        "network='n'/></interface>"
        "</devices></domain>",
        defineOptions());
    ASSERT_TRUE(def) << def.error().message;
    const DomainDef& d = **def;
    EXPECT_EQ(d.vcpu.max, 4U);
    EXPECT_EQ(d.vcpusCurrent(), 2U);
    ASSERT_NE(d.findDisk("sda"), nullptr);
    EXPECT_EQ(d.findDisk("sda")->bus, DiskBus::kScsi);
    EXPECT_EQ(d.findDisk("sdb"), nullptr);
    EXPECT_EQ(d.findDiskIndex("/b.img"), std::optional<size_t>(1));
    EXPECT_EQ(d.findInterfaceIndex("52:54:00:01:02:03"), std::optional<size_t>(0));
    EXPECT_EQ(d.findInterfaceIndex("testnet0"), std::optional<size_t>(0));
    EXPECT_EQ(d.findInterfaceIndex("52:54:00:01:02:04"), std::nullopt);
    EXPECT_NE(d.findController(ControllerType::kScsi, 0), nullptr);
    EXPECT_EQ(d.deviceCount(), 4U);  // 2 disks, the implicit scsi controller, 1 interface
}

TEST(DomainDefTest, LiveIdOnlyForRunningView) {
    auto def = parseDomainXml(kMinimal, defineOptions());
    ASSERT_TRUE(def);
    DomainFormatOptions live;
    live.live_id = 7;
    EXPECT_EQ(formatDomainXml(**def, live).rfind("<domain type='test' id='7'>\n", 0), 0U);
    live.inactive = true;
    EXPECT_EQ(formatDomainXml(**def, live).rfind("<domain type='test'>\n", 0), 0U);
    DomainParseOptions status;  // a live (status) parse keeps the id
    status.inactive = false;
    auto running = parseDomainXml(
        "<domain type='test' id='3'><name>x</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>",
        status);
    ASSERT_TRUE(running);
    EXPECT_EQ((*running)->id, 3);
    auto config = parseDomainXml(
        "<domain type='test' id='3'><name>x</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>",
        defineOptions());
    ASSERT_TRUE(config);
    EXPECT_EQ((*config)->id, -1);
}

TEST(DomainDefTest, HostileInputIsBounded) {
    std::string big(kMaxDomainXmlBytes + 1, ' ');
    EXPECT_FALSE(parseDomainXml(big, defineOptions()));
    EXPECT_FALSE(parseDomainXml("<domain type='test'><name>\xff</name></domain>", defineOptions()));
    auto many_vcpus = parseDomainXml(
        "<domain type='test'><name>x</name><memory>1024</memory><vcpu>100000</vcpu>"
        "<os><type>hvm</type></os></domain>",
        defineOptions());
    ASSERT_FALSE(many_vcpus);
    EXPECT_NE(many_vcpus.error().message.find("100000"), std::string::npos);
    std::string chain =
        "<domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os><devices>"
        "<disk type='file'><source file='/a'/>";
    for (int i = 0; i < 200; ++i)
        chain += "<backingStore type='file'><format type='raw'/><source file='/b'/>";
    for (int i = 0; i < 200; ++i) chain += "</backingStore>";
    chain += "<target dev='vda'/></disk></devices></domain>";
    auto deep = parseDomainXml(chain, defineOptions());
    ASSERT_FALSE(deep);
    EXPECT_NE(deep.error().message.find("backing chain is too long"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::conf
