// Golden tests for <pool>: tests/data/storage_pool/NAME.in.xml, parsed and formatted, must
// equal NAME.out.xml (what libvirt 9.0's test driver printed, see regen_expected.sh). The
// test driver fills in the size counters itself (100 GiB capacity, nothing allocated); the
// test applies the same values, as our test driver does. Errors must match libvirt's code
// and wording; the find-storage-pool-sources documents are checked too.
#include <gtest/gtest.h>

#include "conf/storage/storage_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/storage_pool";
constexpr uint64_t kTestDriverPoolCapacity = 107374182400ULL;

class PoolGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(PoolGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    auto def = parseStoragePoolXml(in, {});
    ASSERT_TRUE(def) << def.error().message;
    (*def)->capacity = kTestDriverPoolCapacity;
    (*def)->allocation = 0;
    (*def)->available = kTestDriverPoolCapacity;
    EXPECT_EQ(golden::firstDifference(expected, formatStoragePoolXml(**def)), "");
}

TEST_P(PoolGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ParseOptions live;
    live.live = true;
    auto def = parseStoragePoolXml(expected, live);
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatStoragePoolXml(**def)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, PoolGolden,
                         ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(PoolGoldenSet, HasEnoughDocuments) {
    EXPECT_GE(golden::listCases(kDir, ".in.xml").size(), 10U);
}

class PoolErrors : public ::testing::TestWithParam<golden::ErrorCase> {};

TEST_P(PoolErrors, FailsLikeLibvirt) {
    const golden::ErrorCase& c = GetParam();
    auto def = parseStoragePoolXml(golden::readFile(kDir / "errors" / c.file), {});
    ASSERT_FALSE(def) << c.file << " was accepted";
    EXPECT_EQ(static_cast<int>(def.error().code), c.code) << def.error().message;
    EXPECT_NE(def.error().message.find(c.message), std::string::npos)
        << "got: " << def.error().message << "\nwant: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, PoolErrors,
                         ::testing::ValuesIn(golden::readErrorCases(kDir / "errors")),
                         [](const auto& info) {
                             return info.param.file.substr(0, info.param.file.find('.'));
                         });

TEST(PoolErrorsSet, TableIsPresent) {
    EXPECT_GE(golden::readErrorCases(kDir / "errors").size(), 25U);
}

TEST(PoolDefaults, UuidSourceFormatAndDerivedTarget) {
    auto def = parseStoragePoolXml("<pool type='logical'><name>vg0</name></pool>", {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_FALSE((*def)->uuid_specified);
    EXPECT_FALSE((*def)->uuid.isNull());
    EXPECT_EQ((*def)->source.name, "vg0");
    EXPECT_EQ((*def)->source.format, "lvm2");
    EXPECT_EQ((*def)->target_path, "/dev/vg0");

    auto zfs = parseStoragePoolXml(
        "<pool type='zfs'><name>z</name><source><name>tank</name></source></pool>", {});
    ASSERT_TRUE(zfs) << zfs.error().message;
    EXPECT_EQ((*zfs)->target_path, "/dev/zvol/tank");

    auto gl = parseStoragePoolXml(
        "<pool type='gluster'><name>g</name><source><host name='h'/><name>v</name></source></pool>",
        {});
    ASSERT_TRUE(gl) << gl.error().message;
    EXPECT_EQ((*gl)->source.dir, "/");
    EXPECT_FALSE((*gl)->target_path.has_value());
}

TEST(PoolDefaults, CountersIgnoredUnlessLive) {
    const char* xml =
        "<pool type='dir'><name>p</name><capacity "
        "unit='KiB'>2</capacity><target><path>/p</path></target></pool>";
    auto user = parseStoragePoolXml(xml, {});
    ASSERT_TRUE(user);
    EXPECT_EQ((*user)->capacity, 0U);
    ParseOptions live;
    live.live = true;
    auto status = parseStoragePoolXml(xml, live);
    ASSERT_TRUE(status);
    EXPECT_EQ((*status)->capacity, 2048U);
}

TEST(PoolStrict, UnknownElementsAndUnusedSourcePartsRejected) {
    ParseOptions strict;
    strict.validate = true;
    auto bogus = parseStoragePoolXml(
        "<pool type='dir'><name>p</name><bogus/><target><path>/p</path></target></pool>", strict);
    ASSERT_FALSE(bogus);
    EXPECT_EQ(bogus.error().code, ErrorCode::kXmlInvalidSchema);
    const char* dir_with_device =
        "<pool type='dir'><name>p</name><source><device "
        "path='/dev/x'/></source><target><path>/p</path></target></pool>";
    ASSERT_TRUE(parseStoragePoolXml(dir_with_device, {}));
    auto unused = parseStoragePoolXml(dir_with_device, strict);
    ASSERT_FALSE(unused);
    EXPECT_NE(unused.error().message.find("does not use a source device"), std::string::npos);
    auto relative = parseStoragePoolXml(
        "<pool type='dir'><name>p</name><target><path>rel</path></target></pool>", strict);
    ASSERT_FALSE(relative);
    EXPECT_NE(relative.error().message.find("must be absolute"), std::string::npos);
}

TEST(PoolNamespaces, FsMountOptionsKeptWhenRequested) {
    const char* xml =
        "<pool type='fs' xmlns:fs='http://libvirt.org/schemas/storagepool/fs/1.0'><name>f</name>"
        "<uuid>5e7f0c3a-1b2c-4d5e-8f90-a1b2c3d4e5f6</uuid><source><device "
        "path='/dev/sdb1'/></source>"
        "<target><path>/mnt</path></target><fs:mount_opts><fs:option "
        "name='sync'/></fs:mount_opts></pool>";
    ParseOptions opts;
    opts.xml_namespaces = true;
    auto def = parseStoragePoolXml(xml, opts);
    ASSERT_TRUE(def) << def.error().message;
    std::string out = formatStoragePoolXml(**def);
    EXPECT_NE(out.find("<pool type='fs' xmlns:fs='http://libvirt.org/schemas/storagepool/fs/1.0'>"),
              std::string::npos);
    EXPECT_NE(
        out.find("  <fs:mount_opts>\n    <fs:option name='sync'/>\n  </fs:mount_opts>\n</pool>"),
        std::string::npos)
        << out;
    auto plain = parseStoragePoolXml(xml, {});
    ASSERT_TRUE(plain);
    EXPECT_EQ(formatStoragePoolXml(**plain).find("mount_opts"), std::string::npos);
}

TEST(PoolSources, FindStoragePoolSourcesDocuments) {
    for (auto [file, type] : {std::pair{"logical", StoragePoolType::kLogical},
                              std::pair{"netfs", StoragePoolType::kNetfs}}) {
        std::string expected =
            golden::readFile(kDir / "sources" / (std::string(file) + ".out.xml"));
        ASSERT_FALSE(expected.empty());
        // Rebuild each <source> from its own text, then the list from those values.
        std::vector<StoragePoolSource> sources;
        size_t pos = 0;
        while ((pos = expected.find("<source>", pos)) != std::string::npos) {
            size_t end = expected.find("</source>", pos);
            auto src = parseStoragePoolSourceXml(expected.substr(pos, end + 9 - pos), type, {});
            ASSERT_TRUE(src) << src.error().message;
            sources.push_back(*src);
            pos = end;
        }
        EXPECT_EQ(golden::firstDifference(expected, formatStoragePoolSourceList(type, sources)), "")
            << file;
    }
    EXPECT_EQ(formatStoragePoolSourceList(StoragePoolType::kNetfs, {}), "<sources>\n</sources>\n");
}

}  // namespace
}  // namespace nodevirt::conf
