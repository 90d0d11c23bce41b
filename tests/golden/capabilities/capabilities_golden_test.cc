// Golden tests for <capabilities> and <domainCapabilities>. Every document under
// tests/data/capabilities/ (libvirt's own output, or hand-written and checked with
// virt-xml-validate; see README.md there) must round-trip byte for byte. The builder API
// must reproduce libvirt's test driver capabilities exactly.
#include <gtest/gtest.h>

#include "conf/capabilities/capabilities_xml.h"
#include "conf/capabilities/domain_caps_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/capabilities";

std::vector<std::string> casesWithPrefix(bool domcaps) {
    std::vector<std::string> out;
    for (const std::string& name : golden::listCases(kDir, ".xml")) {
        if ((name.rfind("domcaps_", 0) == 0) == domcaps) out.push_back(name);
    }
    return out;
}

class CapsGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(CapsGolden, RoundTripsByteForByte) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".xml"));
    ASSERT_FALSE(expected.empty());
    auto caps = parseCapabilitiesXml(expected, {});
    ASSERT_TRUE(caps) << caps.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatCapabilitiesXml(**caps)), "");
    ParseOptions strict;
    strict.validate = true;
    EXPECT_TRUE(parseCapabilitiesXml(expected, strict));
}

INSTANTIATE_TEST_SUITE_P(Documents, CapsGolden, ::testing::ValuesIn(casesWithPrefix(false)));

class DomCapsGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(DomCapsGolden, RoundTripsByteForByte) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".xml"));
    ASSERT_FALSE(expected.empty());
    auto caps = parseDomainCapabilitiesXml(expected, {});
    ASSERT_TRUE(caps) << caps.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatDomainCapabilitiesXml(**caps)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomCapsGolden, ::testing::ValuesIn(casesWithPrefix(true)));

TEST(CapsGoldenSet, HasEnoughDocuments) {
    EXPECT_GE(casesWithPrefix(false).size(), 4U);
    EXPECT_GE(casesWithPrefix(true).size(), 2U);
}

// What libvirt's test driver reports, rebuilt with the builder API a driver would use.
Capabilities testDriverCaps() {
    Capabilities caps;
    CapsHost& h = caps.host;
    h.cpu.arch = "i686";
    h.cpu.host_features = {"pae", "nonpae"};
    for (unsigned size : {4U, 8U, 2048U, 1048576U}) h.cpu.pages.push_back({size, std::nullopt});
    h.iommu = false;
    h.has_numa = true;
    for (unsigned cell = 0; cell < 2; ++cell) {
        CapsNumaCell& c = h.cells.emplace_back();
        c.id = cell;
        c.memory_kib = cell == 0 ? 2097152 : 4194304;
        c.pages = {{cell == 0 ? 4U : 8U, 524288}, {2048, 0}, {1048576, 0}};
        for (unsigned i = 0; i < 8; ++i) {
            unsigned id = cell * 8 + i;
            c.cpus.push_back({id, cell, 0U, i, formatCpuSet({id})});
        }
    }
    h.secmodels.push_back({"testSecurity", "", {}});
    for (const char* os : {"hvm", "xen"}) {
        CapsGuest& g = addCapsGuest(caps, os, "i686", 32, "/usr/bin/test-hv");
        addCapsGuestDomain(g, "test");
        addCapsGuestFeature(g, "pae");
        addCapsGuestFeature(g, "nonpae");
    }
    return caps;
}

TEST(CapsBuilder, ReproducesTheTestDriver) {
    std::string expected = golden::readFile(kDir / "test_default.xml");
    EXPECT_EQ(golden::firstDifference(expected, formatCapabilitiesXml(testDriverCaps())), "");
}

TEST(CapsBuilder, EmptyTopologyKeepsCellsPair) {
    Capabilities caps;
    caps.host.cpu.arch = "x86_64";
    caps.host.has_numa = true;
    std::string out = formatCapabilitiesXml(caps);
    EXPECT_NE(out.find("    <topology>\n      <cells num='0'>\n      </cells>\n    </topology>\n"),
              std::string::npos)
        << out;
    EXPECT_EQ(out.rfind("<capabilities>\n\n  <host>\n", 0), 0U);
    EXPECT_NE(out.find("  </host>\n\n</capabilities>\n"), std::string::npos);
}

TEST(CapsBuilder, CpuSetText) {
    EXPECT_EQ(formatCpuSet({}), "");
    EXPECT_EQ(formatCpuSet({3}), "3");
    EXPECT_EQ(formatCpuSet({0, 1, 2, 3, 6, 8, 9}), "0-3,6,8-9");
    EXPECT_EQ(formatCpuSet({0, 4}), "0,4");
}

TEST(CapsErrors, BadDocumentsAreRejected) {
    auto root = parseCapabilitiesXml("<caps/>", {});
    ASSERT_FALSE(root);
    EXPECT_NE(root.error().message.find("expecting root element of 'capabilities'"),
              std::string::npos);
    auto no_host = parseCapabilitiesXml("<capabilities/>", {});
    ASSERT_FALSE(no_host);
    EXPECT_NE(no_host.error().message.find("missing <host>"), std::string::npos);
    auto bad_word = parseCapabilitiesXml(
        "<capabilities><host><cpu><arch>x</arch></cpu></host><guest><os_type>hvm</os_type>"
        "<arch name='x'><wordsize>big</wordsize></arch></guest></capabilities>",
        {});
    ASSERT_FALSE(bad_word);
    EXPECT_NE(bad_word.error().message.find("wordsize"), std::string::npos);
    auto malformed = parseCapabilitiesXml("<capabilities><host>", {});
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().code, ErrorCode::kXmlDetail);
}

TEST(CapsStrict, ValidateCatchesInconsistencies) {
    Capabilities caps = testDriverCaps();
    EXPECT_TRUE(validateCapabilities(caps));
    caps.host.cells[1].cpus[0].id = 0;  // CPU 0 listed in both cells
    auto st = validateCapabilities(caps);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("CPU 0"), std::string::npos);
    Capabilities no_domain = testDriverCaps();
    no_domain.guests[0].domains.clear();
    EXPECT_FALSE(validateCapabilities(no_domain));
    ParseOptions strict;
    strict.validate = true;
    auto unknown = parseCapabilitiesXml(
        "<capabilities><host><cpu><arch>x</arch></cpu><bogus/></host></capabilities>", strict);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kXmlInvalidSchema);
}

TEST(DomCapsBuilder, UnsupportedItemsCollapse) {
    DomainCapabilities caps;
    caps.path = "/usr/bin/test-hv";
    caps.domain = "test";
    caps.arch = "i686";
    caps.max_vcpus = 4;
    caps.os.supported = true;
    caps.os.enums.push_back({"firmware", {}});
    caps.devices.push_back(makeDomCapsElement("disk", true, {{"bus", {"virtio", "sata"}}}));
    caps.devices.push_back(makeDomCapsElement("rng", false, {{"model", {"virtio"}}}));
    caps.features.push_back({makeDomCapsElement("gic", false), std::nullopt, std::nullopt});
    caps.features.push_back(
        {makeDomCapsElement("sev", false), DomCapsSev{47, 1, 15, 0}, std::nullopt});
    std::string out = formatDomainCapabilitiesXml(caps);
    EXPECT_NE(
        out.find(
            "  <vcpu max='4'/>\n  <os supported='yes'>\n    <enum name='firmware'/>\n  </os>\n"),
        std::string::npos)
        << out;
    EXPECT_NE(
        out.find(
            "    <disk supported='yes'>\n      <enum name='bus'>\n        <value>virtio</value>\n"),
        std::string::npos);
    EXPECT_NE(out.find("    <rng supported='no'/>\n"), std::string::npos);
    EXPECT_NE(out.find("    <sev supported='no'/>\n"),
              std::string::npos);  // details only when supported
    EXPECT_NE(out.find("    <mode name='host-passthrough' supported='no'/>\n"), std::string::npos);
    auto back = parseDomainCapabilitiesXml(out, {});
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(formatDomainCapabilitiesXml(**back), out);
}

TEST(DomCapsErrors, BadDocumentsAreRejected) {
    auto root = parseDomainCapabilitiesXml("<domaincaps/>", {});
    ASSERT_FALSE(root);
    auto no_supported = parseDomainCapabilitiesXml(
        "<domainCapabilities><path>/x</path><domain>kvm</domain><arch>x86_64</arch><os/></"
        "domainCapabilities>",
        {});
    ASSERT_FALSE(no_supported);
    EXPECT_NE(no_supported.error().message.find("missing 'supported' attribute"),
              std::string::npos);
    auto bad_mode = parseDomainCapabilitiesXml(
        "<domainCapabilities><path>/x</path><domain>kvm</domain><arch>x86_64</arch><cpu>"
        "<mode name='turbo' supported='yes'/></cpu></domainCapabilities>",
        {});
    ASSERT_FALSE(bad_mode);
    EXPECT_NE(bad_mode.error().message.find("unknown CPU mode 'turbo'"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::conf
