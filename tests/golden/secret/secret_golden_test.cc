// Golden tests for <secret>: tests/data/secret/NAME.in.xml defined in a libvirt 9.0 session
// daemon printed NAME.out.xml (libvirt's test driver has no secrets; see
// regen_expected.sh). Ours must print the same; errors must match libvirt's code and words.
#include <gtest/gtest.h>

#include "conf/secret/secret_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/secret";

class SecretGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SecretGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    auto def = parseSecretXml(in, {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatSecretXml(**def)), "");
}

TEST_P(SecretGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    auto def = parseSecretXml(expected, {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatSecretXml(**def)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, SecretGolden,
                         ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(SecretGoldenSet, HasEnoughDocuments) {
    EXPECT_GE(golden::listCases(kDir, ".in.xml").size(), 4U);
}

class SecretErrors : public ::testing::TestWithParam<golden::ErrorCase> {};

TEST_P(SecretErrors, FailsLikeLibvirt) {
    const golden::ErrorCase& c = GetParam();
    auto def = parseSecretXml(golden::readFile(kDir / "errors" / c.file), {});
    ASSERT_FALSE(def) << c.file << " was accepted";
    EXPECT_EQ(static_cast<int>(def.error().code), c.code) << def.error().message;
    EXPECT_NE(def.error().message.find(c.message), std::string::npos)
        << "got: " << def.error().message << "\nwant: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, SecretErrors,
                         ::testing::ValuesIn(golden::readErrorCases(kDir / "errors")),
                         [](const auto& info) {
                             return info.param.file.substr(0, info.param.file.find('.'));
                         });

TEST(SecretErrorsSet, TableIsPresent) {
    EXPECT_GE(golden::readErrorCases(kDir / "errors").size(), 10U);
}

TEST(SecretDefaults, UuidGeneratedAndFlagsDefaultToNo) {
    auto a = parseSecretXml("<secret><usage type='ceph'><name>gen</name></usage></secret>", {});
    auto b = parseSecretXml("<secret><usage type='ceph'><name>gen</name></usage></secret>", {});
    ASSERT_TRUE(a && b);
    EXPECT_FALSE((*a)->uuid_specified);
    EXPECT_NE((*a)->uuid, (*b)->uuid);
    std::string out = formatSecretXml(**a);
    EXPECT_EQ(out.rfind("<secret ephemeral='no' private='no'>\n  <uuid>" + (*a)->uuid.toString() +
                            "</uuid>\n",
                        0),
              0U)
        << out;
}

TEST(SecretStrict, UnknownElementsAndPaddedUsage) {
    ParseOptions strict;
    strict.validate = true;
    auto extra = parseSecretXml("<secret><value>c2VjcmV0</value></secret>", strict);
    ASSERT_FALSE(extra);
    EXPECT_EQ(extra.error().code, ErrorCode::kXmlInvalidSchema);
    ASSERT_TRUE(parseSecretXml("<secret><value>c2VjcmV0</value></secret>", {}));
    auto padded =
        parseSecretXml("<secret><usage type='tls'><name> x</name></usage></secret>", strict);
    ASSERT_FALSE(padded);
    EXPECT_NE(padded.error().message.find("must not start or end with a space"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::conf
