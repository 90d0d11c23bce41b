// Golden tests for <network>: every tests/data/network/NAME.in.xml parsed and formatted must
// equal NAME.out.xml (what libvirt 9.0 printed for it, see regen_expected.sh), libvirt's
// outputs must round-trip unchanged, and every errors/ case must fail with libvirt's code
// and wording. Post-parse and driver defaults are checked explicitly at the end.
#include <gtest/gtest.h>

#include <set>

#include "conf/network/network_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/network";

class NetworkGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(NetworkGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    auto def = parseNetworkXml(in, {});
    ASSERT_TRUE(def) << def.error().message;
    std::string out = formatNetworkXml(**def);
    EXPECT_EQ(golden::firstDifference(expected, out), "");
}

TEST_P(NetworkGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    auto def = parseNetworkXml(expected, {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatNetworkXml(**def)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, NetworkGolden,
                         ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(NetworkGoldenSet, HasEnoughDocuments) {
    EXPECT_GE(golden::listCases(kDir, ".in.xml").size(), 12U);
}

class NetworkErrors : public ::testing::TestWithParam<golden::ErrorCase> {};

TEST_P(NetworkErrors, FailsLikeLibvirt) {
    const golden::ErrorCase& c = GetParam();
    auto def = parseNetworkXml(golden::readFile(kDir / "errors" / c.file), {});
    ASSERT_FALSE(def) << c.file << " was accepted";
    EXPECT_EQ(static_cast<int>(def.error().code), c.code) << def.error().message;
    EXPECT_NE(def.error().message.find(c.message), std::string::npos)
        << "got: " << def.error().message << "\nwant: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, NetworkErrors,
                         ::testing::ValuesIn(golden::readErrorCases(kDir / "errors")),
                         [](const auto& info) {
                             std::string n = info.param.file.substr(0, info.param.file.find('.'));
                             return n;
                         });

TEST(NetworkErrorsSet, TableIsPresent) {
    EXPECT_GE(golden::readErrorCases(kDir / "errors").size(), 30U);
}

TEST(NetworkErrorsDetail, MessageNamesElementAndLine) {
    auto def = parseNetworkXml("<network>\n<name>x</name>\n<bridge delay='abc'/>\n</network>", {});
    ASSERT_FALSE(def);
    EXPECT_NE(def.error().message.find("/network/bridge"), std::string::npos)
        << def.error().message;
    EXPECT_NE(def.error().message.find("line 3"), std::string::npos) << def.error().message;
}

TEST(NetworkStrict, UnknownElementsRejectedOnlyWhenValidating) {
    std::string in = golden::readFile(kDir / "unknown_dropped.in.xml");
    ASSERT_TRUE(parseNetworkXml(in, {}));
    ParseOptions strict;
    strict.validate = true;
    auto def = parseNetworkXml(in, strict);
    ASSERT_FALSE(def);
    EXPECT_EQ(def.error().code, ErrorCode::kXmlInvalidSchema);
    EXPECT_NE(def.error().message.find("'title'"), std::string::npos) << def.error().message;
}

TEST(NetworkStrict, DriverChecks) {
    ParseOptions strict;
    strict.validate = true;
    const char* two_defaults =
        "<network><name>x</name><portgroup name='a' default='yes'/><portgroup name='b' "
        "default='yes'/></network>";
    ASSERT_TRUE(parseNetworkXml(two_defaults, {}));
    auto def = parseNetworkXml(two_defaults, strict);
    ASSERT_FALSE(def);
    EXPECT_NE(def.error().message.find("multiple default <portgroup> elements (a and b)"),
              std::string::npos);

    const char* two_dhcp =
        "<network><name>x</name><ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.2' "
        "end='10.0.0.3'/></dhcp></ip><ip address='10.0.1.1' prefix='24'><dhcp><range "
        "start='10.0.1.2' "
        "end='10.0.1.3'/></dhcp></ip></network>";
    def = parseNetworkXml(two_dhcp, strict);
    ASSERT_FALSE(def);
    EXPECT_EQ(def.error().code, ErrorCode::kConfigUnsupported);
    EXPECT_NE(def.error().message.find("Multiple IPv4 dhcp sections"), std::string::npos);

    const char* ip_in_bridge =
        "<network><name>x</name><forward mode='bridge'/><bridge name='br0'/><ip "
        "address='10.0.0.1'/></network>";
    ASSERT_TRUE(parseNetworkXml(ip_in_bridge, {}));
    def = parseNetworkXml(ip_in_bridge, strict);
    ASSERT_FALSE(def);
    EXPECT_NE(def.error().message.find("Unsupported <ip> element"), std::string::npos);
}

TEST(NetworkDefaults, UuidGeneratedWhenMissing) {
    auto a = parseNetworkXml("<network><name>a</name></network>", {});
    auto b = parseNetworkXml("<network><name>a</name></network>", {});
    ASSERT_TRUE(a && b);
    EXPECT_FALSE((*a)->uuid.isNull());
    EXPECT_FALSE((*a)->uuid_specified);
    EXPECT_NE((*a)->uuid, (*b)->uuid);
    EXPECT_NE(formatNetworkXml(**a).find("<uuid>" + (*a)->uuid.toString() + "</uuid>"),
              std::string::npos);
}

TEST(NetworkDefaults, EmptyForwardIsNatAndBridgeGetsStpDelay) {
    auto def = parseNetworkXml(
        "<network><name>a</name><forward/><ip address='10.0.0.1' prefix='24'/></network>", {});
    ASSERT_TRUE(def);
    EXPECT_EQ((*def)->forward.mode, ForwardMode::kNat);
    std::string out = formatNetworkXml(**def);
    EXPECT_NE(out.find("  <forward mode='nat'/>\n  <bridge stp='on' delay='0'/>\n"),
              std::string::npos)
        << out;
}

TEST(NetworkDefaults, ForwardDevBecomesFirstInterface) {
    auto def = parseNetworkXml(
        "<network><name>a</name><forward mode='nat' dev='eth0'/><ip address='10.0.0.1'/></network>",
        {});
    ASSERT_TRUE(def);
    ASSERT_EQ((*def)->forward.interfaces.size(), 1U);
    EXPECT_EQ((*def)->forward.interfaces[0].dev, "eth0");
}

TEST(NetworkDefaults, DriverAssignsFirstFreeBridgeAndMac) {
    auto def = parseNetworkXml("<network><name>a</name></network>", {});
    ASSERT_TRUE(def);
    std::set<std::string> used = {"virbr0", "virbr1", "virbr3"};
    auto in_use = [&](std::string_view n) { return used.count(std::string(n)) > 0; };
    ASSERT_TRUE(assignNetworkBridgeName(**def, in_use));
    EXPECT_EQ((*def)->bridge.name, "virbr2");
    assignNetworkBridgeMac(**def);
    ASSERT_TRUE((*def)->mac.has_value());
    EXPECT_EQ((*def)->mac->bytes()[0], 0x52);
    EXPECT_FALSE((*def)->mac->isMulticast());
    auto mac = *(*def)->mac;
    assignNetworkBridgeMac(**def);  // an existing MAC is kept
    EXPECT_EQ(*(*def)->mac, mac);
}

TEST(NetworkDefaults, DriverHonoursTemplateAndExplicitNames) {
    auto tmpl = parseNetworkXml("<network><name>a</name><bridge name='lab%d'/></network>", {});
    ASSERT_TRUE(tmpl);
    auto in_use = [](std::string_view n) { return n == "lab0"; };
    ASSERT_TRUE(assignNetworkBridgeName(**tmpl, in_use));
    EXPECT_EQ((*tmpl)->bridge.name, "lab1");

    auto fixed = parseNetworkXml("<network><name>a</name><bridge name='br7'/></network>", {});
    ASSERT_TRUE(fixed);
    auto st = assignNetworkBridgeName(**fixed, [](std::string_view n) { return n == "br7"; });
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("br7"), std::string::npos);

    auto bridged = parseNetworkXml(
        "<network><name>a</name><forward mode='bridge'/><bridge name='br0'/></network>", {});
    ASSERT_TRUE(bridged);
    ASSERT_TRUE(assignNetworkBridgeName(**bridged, [](std::string_view) { return true; }));
    assignNetworkBridgeMac(**bridged);
    EXPECT_FALSE((*bridged)->mac.has_value());  // host bridges are not ours to configure
}

TEST(NetworkLive, ConnectionsKeptOnlyForLiveXmlAndDroppedWhenInactive) {
    const char* xml =
        "<network connections='2'><name>a</name><uuid>0b1d4c55-7c7e-4a7a-9a44-5e0c3a9c6f01</uuid>"
        "<forward mode='bridge'><interface dev='eth0' connections='2'/></forward></network>";
    auto user = parseNetworkXml(xml, {});
    ASSERT_TRUE(user);
    EXPECT_EQ(formatNetworkXml(**user).find("connections"), std::string::npos);
    ParseOptions live;
    live.live = true;
    auto status = parseNetworkXml(xml, live);
    ASSERT_TRUE(status);
    std::string out = formatNetworkXml(**status);
    EXPECT_NE(out.find("<network connections='2'>"), std::string::npos) << out;
    EXPECT_NE(out.find("<interface dev='eth0' connections='2'/>"), std::string::npos) << out;
    EXPECT_EQ(formatNetworkXml(**status, kFormatInactive).find("connections"), std::string::npos);
}

TEST(NetworkNamespaces, DnsmasqOptionsKeptWhenRequested) {
    std::string in = golden::readFile(kDir / "nat_options.in.xml");
    ParseOptions opts;
    opts.xml_namespaces = true;
    auto def = parseNetworkXml(in, opts);
    ASSERT_TRUE(def);
    ASSERT_EQ((*def)->dnsmasq_options.size(), 1U);
    std::string out = formatNetworkXml(**def);
    EXPECT_NE(out.find("<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>"),
              std::string::npos);
    EXPECT_NE(out.find("  <dnsmasq:options>\n    <dnsmasq:option value='foo=bar'/>\n  "
                       "</dnsmasq:options>\n</network>"),
              std::string::npos)
        << out;
    auto again = parseNetworkXml(out, opts);
    ASSERT_TRUE(again);
    EXPECT_EQ(formatNetworkXml(**again), out);
}

TEST(NetworkLimits, OversizedDocumentRefused) {
    ParseOptions opts;
    opts.max_bytes = 64;
    auto def = parseNetworkXml(std::string(100, ' ') + "<network><name>a</name></network>", opts);
    ASSERT_FALSE(def);
    EXPECT_NE(def.error().message.find("too large"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::conf
