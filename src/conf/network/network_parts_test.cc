// Unit tests for the network building blocks: IP address arithmetic, <bandwidth>, <vlan>,
// <virtualport> and the libxml2-style metadata serializer.
#include <gtest/gtest.h>

#include "conf/network/ip_address.h"
#include "conf/network/metadata_xml.h"
#include "conf/network/netdev_parts.h"

namespace nodevirt::conf {
namespace {

TEST(IpAddress, ParsesNumericFormsOnlyAndPrintsCanonically) {
    auto v6 = IpAddress::parse("FD00:0:0::0001");
    ASSERT_TRUE(v6);
    EXPECT_TRUE(v6->isIpv6());
    EXPECT_EQ(v6->toString(), "fd00::1");
    EXPECT_EQ(IpAddress::parse("192.168.122.1")->toString(), "192.168.122.1");
    EXPECT_FALSE(IpAddress::parse("localhost"));
    EXPECT_FALSE(IpAddress::parse("1.2.3"));
    EXPECT_FALSE(IpAddress::parse(""));
    EXPECT_FALSE(IpAddress::parse(std::string(200, '1')));
}

TEST(IpAddress, PrefixArithmetic) {
    auto mask = IpAddress::parse("255.255.240.0");
    EXPECT_EQ(mask->prefixFromNetmask(), 20U);
    EXPECT_FALSE(IpAddress::parse("255.0.255.0")->prefixFromNetmask());
    EXPECT_EQ(IpAddress::netmaskFromPrefix(IpFamily::kIpv4, 24)->toString(), "255.255.255.0");
    EXPECT_FALSE(IpAddress::netmaskFromPrefix(IpFamily::kIpv4, 33));
    auto a = *IpAddress::parse("10.0.1.200");
    EXPECT_TRUE(a.sameNetwork(*IpAddress::parse("10.0.0.1"), 16));
    EXPECT_FALSE(a.sameNetwork(*IpAddress::parse("10.0.0.1"), 24));
    EXPECT_FALSE(a.sameNetwork(*IpAddress::parse("fd00::1"), 8));
    EXPECT_EQ(a.masked(24).toString(), "10.0.1.0");
    EXPECT_EQ(a.broadcast(24).toString(), "10.0.1.255");
    EXPECT_EQ(IpAddress::parse("10.1.1.1")->defaultPrefix(), 8U);
    EXPECT_EQ(IpAddress::parse("172.16.0.1")->defaultPrefix(), 16U);
    EXPECT_EQ(IpAddress::parse("192.168.0.1")->defaultPrefix(), 24U);
    EXPECT_EQ(IpAddress::parse("224.0.0.1")->defaultPrefix(), 0U);
}

TEST(IpAddress, RangeSize) {
    EXPECT_EQ(ipRangeSize(*IpAddress::parse("10.0.0.2"), *IpAddress::parse("10.0.0.254")), 253U);
    EXPECT_EQ(ipRangeSize(*IpAddress::parse("10.0.0.255"), *IpAddress::parse("10.0.1.0")), 2U);
    EXPECT_FALSE(ipRangeSize(*IpAddress::parse("10.0.0.9"), *IpAddress::parse("10.0.0.2")));
    EXPECT_FALSE(ipRangeSize(*IpAddress::parse("10.0.0.1"), *IpAddress::parse("fd00::1")));
    EXPECT_EQ(ipRangeSize(*IpAddress::parse("fd00::"), *IpAddress::parse("fd00::1:0:0:0:0")),
              UINT64_MAX);
}

// Parses `text` and hands its root to `fn`.
template <typename Fn>
auto withRoot(const std::string& text, Fn fn) {
    auto doc = xml::Document::parse(text, "test");
    EXPECT_TRUE(doc);
    return fn((*doc)->root());
}

TEST(NetDevParts, BandwidthRulesAndFormat) {
    auto bw = withRoot(
        "<bandwidth><inbound average='10' floor='5' burst='3'/><outbound average='1'/></bandwidth>",
        [](const xml::Node& n) {
            return parseBandwidth(n, {true, false});
        });
    ASSERT_TRUE(bw) << bw.error().message;
    xml::Writer w;
    formatBandwidth(w, *bw, false);
    EXPECT_EQ(
        w.str(),
        "<bandwidth>\n  <inbound average='10' floor='5' burst='3'/>\n  <outbound average='1'/>\n"
        "</bandwidth>\n");
    auto no_floor = withRoot("<bandwidth><inbound average='10' floor='5'/></bandwidth>",
                             [](const xml::Node& n) {
                                 return parseBandwidth(n, {false, false});
                             });
    ASSERT_FALSE(no_floor);
    EXPECT_EQ(no_floor.error().code, ErrorCode::kConfigUnsupported);
    auto out_floor =
        withRoot("<bandwidth><outbound floor='5'/></bandwidth>", [](const xml::Node& n) {
            return parseBandwidth(n, {true, false});
        });
    ASSERT_FALSE(out_floor);
    auto bad = withRoot("<bandwidth><inbound average='ten'/></bandwidth>", [](const xml::Node& n) {
        return parseBandwidth(n, {true, false});
    });
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'ten'"), std::string::npos);
}

TEST(NetDevParts, VlanTrunkRules) {
    auto two = withRoot("<vlan><tag id='1'/><tag id='2'/></vlan>",
                        [](const xml::Node& n) { return parseVlan(n); });
    ASSERT_TRUE(two);
    EXPECT_TRUE(two->trunk);  // more than one tag implies a trunk
    auto no_trunk = withRoot("<vlan trunk='no'><tag id='1'/><tag id='2'/></vlan>",
                             [](const xml::Node& n) { return parseVlan(n); });
    EXPECT_FALSE(no_trunk);
    auto big =
        withRoot("<vlan><tag id='4096'/></vlan>", [](const xml::Node& n) { return parseVlan(n); });
    ASSERT_FALSE(big);
    EXPECT_NE(big.error().message.find("4096 too large"), std::string::npos);
    auto empty = withRoot("<vlan/>", [](const xml::Node& n) { return parseVlan(n); });
    EXPECT_FALSE(empty);
}

TEST(NetDevParts, VirtualPortChecksTypeAndParameters) {
    auto qbh = withRoot("<virtualport type='802.1Qbh'><parameters managerid='1'/></virtualport>",
                        [](const xml::Node& n) { return parseVirtualPort(n, true); });
    ASSERT_FALSE(qbh);
    EXPECT_NE(qbh.error().message.find("extra managerid"), std::string::npos);
    auto range =
        withRoot("<virtualport type='802.1Qbg'><parameters typeid='16777216'/></virtualport>",
                 [](const xml::Node& n) { return parseVirtualPort(n, true); });
    ASSERT_FALSE(range);
    EXPECT_NE(range.error().message.find("typeid out of range"), std::string::npos);
    auto ovs = withRoot(
        "<virtualport type='openvswitch'><parameters profileid='p' "
        "interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport>",
        [](const xml::Node& n) { return parseVirtualPort(n, true); });
    ASSERT_TRUE(ovs);
    xml::Writer w;
    formatVirtualPort(w, *ovs);
    EXPECT_EQ(
        w.str(),
        "<virtualport type='openvswitch'>\n  <parameters "
        "interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' profileid='p'/>\n</virtualport>\n");
    xml::Writer none;
    formatVirtualPort(none, NetDevVirtualPort{});
    EXPECT_EQ(none.str(), "");
}

TEST(MetadataXml, SerializesLikeLibxml2) {
    auto doc = xml::Document::parse(
        "<metadata>\n  <a:b xmlns:a='urn:a' q='x\"&lt;'>\n    <a:c>t &amp; u</a:c>\n  </a:b>\n"
        "  <m:n xmlns:m='urn:m'>mixed<m:o/>\n text</m:n>\n</metadata>",
        "test");
    ASSERT_TRUE(doc);
    std::string block = serializeMetadataChildren((*doc)->root().raw(), 4);
    EXPECT_EQ(
        block,
        "    <a:b xmlns:a=\"urn:a\" q=\"x&quot;&lt;\">\n      <a:c>t &amp; u</a:c>\n    </a:b>\n"
        "    <m:n xmlns:m=\"urn:m\">mixed<m:o/>\n text</m:n>\n");
    std::string document =
        "<x>\n  <metadata>\n    " + std::string(kMetadataMarker) + "\n  </metadata>\n</x>\n";
    spliceMetadata(document, block);
    EXPECT_EQ(document, "<x>\n  <metadata>\n" + block + "  </metadata>\n</x>\n");
}

}  // namespace
}  // namespace nodevirt::conf
