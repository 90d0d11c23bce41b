// Golden tests for <domain>. Every tests/data/domain/NAME.in.xml parsed (with the test
// driver's post-parse profile) and formatted must equal NAME.out.xml, which libvirt 9.0's test
// driver printed for it (regen_expected.sh); libvirt's outputs must round-trip unchanged; the
// postparse/ pairs pin down defaults; errors/ cases must fail with libvirt's error code.
#include <gtest/gtest.h>

#include "conf/domain/domain_xml.h"
#include "conf/domain/post_parse.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/domain";

DomainParseOptions defineOptions() {
    DomainParseOptions o;
    o.inactive = true;
    o.profile = &testDriverPostParseProfile();
    return o;
}

DomainFormatOptions inactiveFormat() {
    DomainFormatOptions o;
    o.inactive = true;
    return o;
}

std::string roundTrip(const std::string& xml) {
    auto def = parseDomainXml(xml, defineOptions());
    if (!def) return "parse error: " + def.error().message;
    return formatDomainXml(**def, inactiveFormat());
}

class DomainGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(DomainGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(golden::firstDifference(expected, roundTrip(in)), "");
}

// Defining libvirt's output again gives it back unchanged, except for the few documents
// libvirt itself re-sorts (NAME.redefined.xml holds what libvirt printed then).
TEST_P(DomainGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    std::filesystem::path redefined = kDir / (GetParam() + ".redefined.xml");
    std::string again = std::filesystem::exists(redefined) ? golden::readFile(redefined) : expected;
    EXPECT_EQ(golden::firstDifference(again, roundTrip(expected)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomainGolden, ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(DomainGoldenSet, HasEnoughDocuments) { EXPECT_GE(golden::listCases(kDir, ".in.xml").size(), 45U); }

class DomainPostParse : public ::testing::TestWithParam<std::string> {};

TEST_P(DomainPostParse, DefaultsMatchLibvirt) {
    std::string in = golden::readFile(kDir / "postparse" / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / "postparse" / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(golden::firstDifference(expected, roundTrip(in)), "");
}

TEST_P(DomainPostParse, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / "postparse" / (GetParam() + ".out.xml"));
    std::filesystem::path redefined = kDir / "postparse" / (GetParam() + ".redefined.xml");
    std::string again = std::filesystem::exists(redefined) ? golden::readFile(redefined) : expected;
    EXPECT_EQ(golden::firstDifference(again, roundTrip(expected)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, DomainPostParse,
                         ::testing::ValuesIn(golden::listCases(kDir / "postparse", ".in.xml")));

}  // namespace
}  // namespace nodevirt::conf
