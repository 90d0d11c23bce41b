#include "xml/xml_reader.h"

#include <gtest/gtest.h>

namespace nodevirt::xml {
namespace {

constexpr std::string_view kDoc = R"(<domain type='test'>
  <name>foo</name>
  <memory unit='KiB'>1024</memory>
  <devices>
    <disk type='file'/>
    <disk type='block' bad='x1'/>
  </devices>
</domain>
)";

TEST(XmlReaderTest, NavigatesAndReportsLines) {
    auto doc = Document::parse(kDoc, "domain_definition");
    ASSERT_TRUE(doc);
    Node root = (*doc)->root();
    EXPECT_EQ(root.name(), "domain");
    EXPECT_EQ(root.attr("type"), "test");
    EXPECT_EQ(root.childText("name"), "foo");
    auto disks = root.child("devices").children("disk");
    ASSERT_EQ(disks.size(), 2u);
    EXPECT_EQ(disks[1].line(), 6);
    EXPECT_EQ(disks[1].path(), "/domain/devices/disk[2]");
    auto bad = disks[1].attrUint("bad");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'x1'"), std::string::npos);
    EXPECT_NE(bad.error().message.find("line 6"), std::string::npos);
    EXPECT_EQ(bad.error().code, ErrorCode::kXmlError);
}

TEST(XmlReaderTest, MalformedNamesLine) {
    auto doc = Document::parse("<a>\n<b>\n</a>", "x");
    ASSERT_FALSE(doc);
    EXPECT_NE(doc.error().message.find("(x):3"), std::string::npos) << doc.error().message;
}

TEST(XmlReaderTest, TypedGetters) {
    auto doc = Document::parse("<e a='yes' b='12' c='-3' d='bogus'/>", "x");
    ASSERT_TRUE(doc);
    Node e = (*doc)->root();
    EXPECT_EQ(*e.attrYesNo("a"), std::optional<bool>(true));
    EXPECT_EQ(*e.attrUint("b"), std::optional<uint64_t>(12));
    EXPECT_EQ(*e.attrInt("c"), std::optional<int64_t>(-3));
    EXPECT_FALSE(e.attrUint("c"));
    EXPECT_FALSE(e.attrEnum("d", {"x", "y"}));
    EXPECT_FALSE(*e.attrUint("missing"));
}

}  // namespace
}  // namespace nodevirt::xml
