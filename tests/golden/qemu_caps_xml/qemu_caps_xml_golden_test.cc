// Goldens of the QEMU driver's capability documents: fixture hosts (tests/data/qemu_caps_xml/
// hosts/) and the probed QemuCaps of the real QEMU 7.2 binaries (qemu_7.2_*.json) in, the
// expected <capabilities> / <domainCapabilities> out, byte for byte. Each output must also
// parse back with the conf/capabilities parsers. NODEVIRT_REGEN_GOLDEN=1 rewrites the files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "conf/capabilities/capabilities_xml.h"
#include "conf/capabilities/domain_caps_xml.h"
#include "drivers/qemu/caps_xml/caps_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::qemu::caps {
namespace {

const std::filesystem::path kData = "tests/data/qemu_caps_xml";

QemuCaps loadCaps(const std::string& file) {
    auto text = golden::readFile(kData / file);
    auto caps = QemuCaps::fromJson(Json::parse(text));
    EXPECT_TRUE(caps) << file;
    return caps ? *caps : QemuCaps{};
}

struct Emulators {
    QemuCaps x86_64 = loadCaps("qemu_7.2_x86_64.json");
    QemuCaps i386 = loadCaps("qemu_7.2_i386.json");
    std::vector<EmulatorCaps> list() const { return {{"i686", &i386}, {"x86_64", &x86_64}}; }
};

void checkGolden(const std::string& name, const std::string& actual) {
    std::filesystem::path path = kData / name;
    if (std::getenv("NODEVIRT_REGEN_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
    }
    std::string expected = golden::readFile(path);
    ASSERT_FALSE(expected.empty()) << path << " is missing";
    EXPECT_EQ(golden::firstDifference(expected, actual), "") << name;
}

class HostGolden : public testing::TestWithParam<std::string> {};

TEST_P(HostGolden, CapabilitiesMatch) {
    Emulators e;
    RootedHostSource src((kData / "hosts" / GetParam()).string());
    auto xml = qemuCapabilitiesXml(src, e.list());
    ASSERT_TRUE(xml) << xml.error().message;
    checkGolden("caps_" + GetParam() + ".xml", *xml);
    auto parsed = conf::parseCapabilitiesXml(*xml, {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_TRUE(conf::validateCapabilities(**parsed));
    EXPECT_EQ(conf::formatCapabilitiesXml(**parsed), *xml);
}

INSTANTIATE_TEST_SUITE_P(Hosts, HostGolden,
                         testing::Values("epyc_1cell", "intel_2cells", "no_numa"));

struct DomCapsCase {
    std::string name;
    DomainCapsRequest request;
    DriverSupport support = {};
};

// Every optional item the argv builder may learn, on: the document libvirt would print for
// what the binary has.
DriverSupport everything() { return {true, true, true, true, true, true, true, true, true, true}; }

class DomCapsGolden : public testing::TestWithParam<DomCapsCase> {};

TEST_P(DomCapsGolden, DomainCapabilitiesMatch) {
    Emulators e;
    auto xml = qemuDomainCapabilitiesXml(e.list(), GetParam().request, GetParam().support);
    ASSERT_TRUE(xml) << xml.error().message;
    checkGolden("domcaps_" + GetParam().name + ".xml", *xml);
    auto parsed = conf::parseDomainCapabilitiesXml(*xml, {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(conf::formatDomainCapabilitiesXml(**parsed), *xml);
}

INSTANTIATE_TEST_SUITE_P(
    Requests, DomCapsGolden,
    testing::Values(DomCapsCase{"default", {}},
                    DomCapsCase{"q35", {"/usr/bin/qemu-system-x86_64", "x86_64", "q35", "qemu"}},
                    DomCapsCase{"pc", {"", "", "pc-i440fx-7.2", "qemu"}},
                    DomCapsCase{"i686", {"", "i686", "", ""}},
                    DomCapsCase{"q35_full_support", {"", "", "q35", "qemu"}, everything()},
                    DomCapsCase{"pc_full_support", {"", "", "pc", "qemu"}, everything()}),
    [](const testing::TestParamInfo<DomCapsCase>& info) { return info.param.name; });

}  // namespace
}  // namespace nodevirt::qemu::caps
