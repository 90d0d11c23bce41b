// <metadata> is written the way libxml2 serializes it (libvirt hands it to xmlNodeDump); the
// expected strings below are what libvirt 9.0 printed for the same input.
#include "conf/domain/metadata.h"

#include <gtest/gtest.h>

namespace nodevirt::conf {
namespace {

std::string roundTrip(const std::string& inner, const std::string& root_attrs = "") {
    std::string doc = "<domain" + root_attrs + "><metadata>" + inner + "</metadata></domain>";
    auto parsed = xml::Document::parse(doc, "test");
    if (!parsed) return "parse error";
    ParseCtx ctx;
    Elem root((*parsed)->root(), ctx);
    Elem m = root.child("metadata");
    MetadataDef md;
    if (!parseMetadata(m, md)) return "metadata error";
    return formatMetadata(md, 1);
}

TEST(MetadataTest, ElementContentIsIndentedMixedContentIsNot) {
    EXPECT_EQ(
        roundTrip("<a:x xmlns:a='http://a'><a:y xmlns:b='http://b' b:attr='1'><b:z/></a:y></a:x>"),
        "  <metadata>\n"
        "    <a:x xmlns:a=\"http://a\">\n"
        "      <a:y xmlns:b=\"http://b\" b:attr=\"1\">\n"
        "        <b:z/>\n"
        "      </a:y>\n"
        "    </a:x>\n"
        "  </metadata>\n");
    EXPECT_EQ(
        roundTrip("<a:x xmlns:a='http://a'>text <a:b/> more</a:x>"),
        "  <metadata>\n    <a:x xmlns:a=\"http://a\">text <a:b/> more</a:x>\n  </metadata>\n");
    EXPECT_EQ(
        roundTrip("<a:x xmlns:a='http://a'><![CDATA[cd]]><a:y/></a:x>"),
        "  <metadata>\n    <a:x xmlns:a=\"http://a\"><![CDATA[cd]]><a:y/></a:x>\n  </metadata>\n");
}

TEST(MetadataTest, EscapingFollowsLibxml2) {
    EXPECT_EQ(roundTrip("<a:x xmlns:a='http://a' q='&#233;&#10;&#9;&#13;&gt;'>&#233;&#13;</a:x>"),
              "  <metadata>\n    <a:x xmlns:a=\"http://a\" "
              "q=\"&#xE9;&#10;&#9;&#13;&gt;\">\xc3\xa9&#13;</a:x>\n"
              "  </metadata>\n");
    EXPECT_EQ(
        roundTrip("<a:x xmlns:a='http://a' q=\"it's &amp; &lt;\">&lt;&gt;&amp;'\"</a:x>"),
        "  <metadata>\n    <a:x xmlns:a=\"http://a\" q=\"it's &amp; &lt;\">&lt;&gt;&amp;'\"</a:x>\n"
        "  </metadata>\n");
}

TEST(MetadataTest, OneElementPerNamespaceAndNoneWithout) {
    EXPECT_EQ(
        roundTrip(
            "<plain/><a:x xmlns:a='http://a'/><a:y xmlns:a='http://a'/><b:x xmlns:b='http://a'/>"),
        "  <metadata>\n    <a:x xmlns:a=\"http://a\"/>\n  </metadata>\n");
    EXPECT_EQ(roundTrip("<plain/>"), "  <metadata/>\n");
    EXPECT_EQ(roundTrip(""), "  <metadata/>\n");
}

TEST(MetadataTest, NamespacesDeclaredAboveMoveOntoMetadata) {
    EXPECT_EQ(roundTrip("<r:a x='1'/>", " xmlns:r='http://root'"),
              "  <metadata xmlns:r=\"http://root\">\n    <r:a x=\"1\"/>\n  </metadata>\n");
}

TEST(MetadataTest, DefaultNamespaceCounts) {
    EXPECT_EQ(
        roundTrip("<x xmlns='http://d'><y/><z xmlns=''/></x>"),
        "  <metadata>\n    <x xmlns=\"http://d\">\n      <y/>\n      <z xmlns=\"\"/>\n    </x>\n"
        "  </metadata>\n");
}

TEST(MetadataTest, FindByNamespace) {
    std::string doc =
        "<domain xmlns:r='http://root'><metadata><a:x "
        "xmlns:a='http://a'/><r:y/></metadata></domain>";
    auto parsed = xml::Document::parse(doc, "test");
    ASSERT_TRUE(parsed);
    ParseCtx ctx;
    Elem root((*parsed)->root(), ctx);
    Elem m = root.child("metadata");
    MetadataDef md;
    ASSERT_TRUE(parseMetadata(m, md));
    ASSERT_NE(findMetadata(md, "http://a"), nullptr);
    EXPECT_EQ(findMetadata(md, "http://a")->name, "a:x");
    ASSERT_NE(findMetadata(md, "http://root"), nullptr);
    EXPECT_EQ(findMetadata(md, "http://root")->name, "r:y");
    EXPECT_EQ(findMetadata(md, "http://none"), nullptr);
}

TEST(MetadataTest, DeepNestingIsRejected) {
    std::string inner = "<a:x xmlns:a='http://a'>";
    for (int i = 0; i < 100; ++i) inner += "<a:x>";
    for (int i = 0; i < 100; ++i) inner += "</a:x>";
    inner += "</a:x>";
    EXPECT_EQ(roundTrip(inner), "metadata error");
}

}  // namespace
}  // namespace nodevirt::conf
