// Unit tests for the storage helpers: <permissions>, sizes with units, path clean-up, and
// the per-type table.
#include <gtest/gtest.h>

#include "conf/storage/storage_pool_def.h"

namespace nodevirt::conf {
namespace {

template <typename Fn>
auto withRoot(const std::string& text, Fn fn) {
    auto doc = xml::Document::parse(text, "test");
    EXPECT_TRUE(doc);
    return fn((*doc)->root());
}

TEST(StoragePerms, ParseAndFormat) {
    auto perms = withRoot(
        "<permissions><mode>750</mode><owner>-1</owner><group>0</group><label>l</label></"
        "permissions>",
        [](const xml::Node& n) { return storage_xml::parsePerms(n); });
    ASSERT_TRUE(perms) << perms.error().message;
    EXPECT_EQ(perms->mode, 0750U);
    EXPECT_FALSE(perms->owner);
    EXPECT_EQ(perms->group, 0U);
    xml::Writer w;
    storage_xml::formatPerms(w, *perms);
    EXPECT_EQ(w.str(),
              "<permissions>\n  <mode>0750</mode>\n  <group>0</group>\n  "
              "<label>l</label>\n</permissions>\n");
    xml::Writer empty;
    storage_xml::formatPerms(empty, StoragePerms{});
    EXPECT_EQ(empty.str(), "");
    for (const char* bad : {"<permissions><mode>8</mode></permissions>",
                            "<permissions><mode>1777</mode></permissions>",
                            "<permissions><owner>x</owner></permissions>"}) {
        EXPECT_FALSE(withRoot(bad, [](const xml::Node& n) { return storage_xml::parsePerms(n); }))
            << bad;
    }
}

TEST(StorageSizes, UnitsOverflowAndErrors) {
    auto parse = [](const std::string& text) {
        return withRoot(
            text, [](const xml::Node& n) { return storage_xml::parseScaledBytes(n, "capacity"); });
    };
    EXPECT_EQ(*parse("<capacity unit='KiB'>4</capacity>"), 4096U);
    EXPECT_EQ(*parse("<capacity unit='MB'>1</capacity>"), 1000000U);
    EXPECT_EQ(*parse("<capacity>7</capacity>"), 7U);
    EXPECT_EQ(*parse("<capacity unit='G'>1</capacity>"), 1073741824U);
    auto overflow = parse("<capacity unit='EiB'>100</capacity>");
    ASSERT_FALSE(overflow);
    EXPECT_EQ(overflow.error().code, ErrorCode::kOverflow);
    auto unit = parse("<capacity unit='zz'>1</capacity>");
    ASSERT_FALSE(unit);
    EXPECT_EQ(unit.error().code, ErrorCode::kInvalidArg);
    auto text = parse("<capacity>-1</capacity>");
    ASSERT_FALSE(text);
    EXPECT_NE(text.error().message.find("malformed capacity element"), std::string::npos);
}

TEST(StoragePaths, Sanitize) {
    EXPECT_EQ(storage_xml::sanitizePath("/a//b/"), "/a/b");
    EXPECT_EQ(storage_xml::sanitizePath("/"), "/");
    EXPECT_EQ(storage_xml::sanitizePath("rel//x"), "rel/x");
}

TEST(StoragePoolTypes, TableIsConsistent) {
    for (std::string_view name :
         {"dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi", "mpath", "rbd",
          "sheepdog", "gluster", "zfs", "vstorage"}) {
        auto type = storagePoolTypeFromString(name);
        ASSERT_TRUE(type) << name;
        EXPECT_EQ(storagePoolTypeInfo(*type).name, name);
        const StoragePoolTypeInfo& info = storagePoolTypeInfo(*type);
        if (!info.pool_formats.empty()) {
            EXPECT_NE(std::find(info.pool_formats.begin(), info.pool_formats.end(),
                                info.default_pool_format),
                      info.pool_formats.end())
                << name;
        }
        if (!info.vol_formats.empty()) {
            EXPECT_NE(std::find(info.vol_formats.begin(), info.vol_formats.end(),
                                info.default_vol_format),
                      info.vol_formats.end())
                << name;
        }
    }
    EXPECT_FALSE(storagePoolTypeFromString("btrfs"));
}

}  // namespace
}  // namespace nodevirt::conf
