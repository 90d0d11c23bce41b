// Golden tests for <volume>: tests/data/storage_vol/NAME.in.xml created in libvirt 9.0's
// test driver default pool gave NAME.out.xml (see regen_expected.sh). That driver places the
// volume at "<pool target>/<name>" and uses the path as key; the test applies the same, as
// our test driver does. Errors must match libvirt's code and wording.
#include <gtest/gtest.h>

#include "conf/storage/storage_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/storage_vol";

class VolGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(VolGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    auto def = parseStorageVolXml(in, {}, StoragePoolType::kDir);
    ASSERT_TRUE(def) << def.error().message;
    (*def)->target.path = "/default-pool/" + (*def)->name;
    (*def)->key = (*def)->target.path;
    EXPECT_EQ(golden::firstDifference(expected, formatStorageVolXml(**def)), "");
}

TEST_P(VolGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ParseOptions live;
    live.live = true;
    auto def = parseStorageVolXml(expected, live);
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatStorageVolXml(**def)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, VolGolden,
                         ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(VolGoldenSet, HasEnoughDocuments) {
    EXPECT_GE(golden::listCases(kDir, ".in.xml").size(), 10U);
}

class VolErrors : public ::testing::TestWithParam<golden::ErrorCase> {};

TEST_P(VolErrors, FailsLikeLibvirt) {
    const golden::ErrorCase& c = GetParam();
    auto def = parseStorageVolXml(golden::readFile(kDir / "errors" / c.file), {});
    ASSERT_FALSE(def) << c.file << " was accepted";
    EXPECT_EQ(static_cast<int>(def.error().code), c.code) << def.error().message;
    EXPECT_NE(def.error().message.find(c.message), std::string::npos)
        << "got: " << def.error().message << "\nwant: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, VolErrors,
                         ::testing::ValuesIn(golden::readErrorCases(kDir / "errors")),
                         [](const auto& info) {
                             return info.param.file.substr(0, info.param.file.find('.'));
                         });

TEST(VolErrorsSet, TableIsPresent) {
    EXPECT_GE(golden::readErrorCases(kDir / "errors").size(), 15U);
}

TEST(VolDefaults, AllocationFormatAndType) {
    auto def =
        parseStorageVolXml("<volume><name>v</name><capacity unit='M'>3</capacity></volume>", {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ((*def)->capacity, 3U << 20);
    EXPECT_EQ((*def)->allocation, 3U << 20);
    EXPECT_EQ((*def)->type, StorageVolType::kFile);
    EXPECT_EQ((*def)->target.format, "raw");
}

TEST(VolDefaults, FormatsFollowThePoolType) {
    const char* part =
        "<volume><name>sda1</name><capacity>1</capacity><target><format "
        "type='linux-swap'/></target></volume>";
    auto disk = parseStorageVolXml(part, {}, StoragePoolType::kDisk);
    ASSERT_TRUE(disk) << disk.error().message;
    EXPECT_EQ((*disk)->target.format, "linux-swap");
    auto dir = parseStorageVolXml(part, {}, StoragePoolType::kDir);
    ASSERT_FALSE(dir);
    EXPECT_EQ(dir.error().code, ErrorCode::kConfigUnsupported);
    auto lv = parseStorageVolXml("<volume><name>lv</name><capacity>1</capacity></volume>", {},
                                 StoragePoolType::kLogical);
    ASSERT_TRUE(lv);
    EXPECT_FALSE((*lv)->target.format.has_value());
    EXPECT_EQ(formatStorageVolXml(**lv).find("<format"), std::string::npos);
}

TEST(VolLive, ExtentsTimestampsAndPhysicalOnlyFromLiveXml) {
    const char* xml =
        "<volume type='block'><name>lv</name><source><device path='/dev/sda2'><extent start='0' "
        "end='4096'/>"
        "</device></source><capacity>4096</capacity><allocation>4096</allocation><physical>8192</"
        "physical>"
        "<target><path>/dev/vg/lv</path><timestamps><atime>1341933637.273190990</atime><mtime>5</"
        "mtime>"
        "</timestamps></target></volume>";
    auto user = parseStorageVolXml(xml, {}, StoragePoolType::kLogical);
    ASSERT_TRUE(user);
    std::string plain = formatStorageVolXml(**user);
    EXPECT_EQ(plain.find("extent"), std::string::npos);
    EXPECT_EQ(plain.find("timestamps"), std::string::npos);
    EXPECT_EQ(plain.find("physical"), std::string::npos);
    ParseOptions live;
    live.live = true;
    auto status = parseStorageVolXml(xml, live, StoragePoolType::kLogical);
    ASSERT_TRUE(status);
    std::string out = formatStorageVolXml(**status);
    EXPECT_NE(
        out.find(
            "  <source>\n    <device path='/dev/sda2'>\n      <extent start='0' end='4096'/>\n"),
        std::string::npos)
        << out;
    EXPECT_NE(out.find("<physical unit='bytes'>8192</physical>"), std::string::npos);
    EXPECT_NE(out.find("<atime>1341933637.273190990</atime>"), std::string::npos);
    EXPECT_NE(out.find("<mtime>5</mtime>"), std::string::npos);
}

TEST(VolStrict, ChecksBeyondTheParser) {
    ParseOptions strict;
    strict.validate = true;
    auto slash =
        parseStorageVolXml("<volume><name>a/b</name><capacity>1</capacity></volume>", strict);
    ASSERT_FALSE(slash);
    EXPECT_NE(slash.error().message.find("cannot contain '/'"), std::string::npos);
    auto raw_features = parseStorageVolXml(
        "<volume><name>a</name><capacity>1</capacity><target><format "
        "type='raw'/><features><lazy_refcounts/>"
        "</features></target></volume>",
        strict);
    ASSERT_FALSE(raw_features);
    EXPECT_EQ(raw_features.error().code, ErrorCode::kConfigUnsupported);
}

}  // namespace
}  // namespace nodevirt::conf
