#include "xml/xml_writer.h"

#include <gtest/gtest.h>

#include "xml/xml_reader.h"

namespace nodevirt::xml {
namespace {

TEST(XmlWriterTest, LibvirtStyle) {
    Writer w;
    w.open("domain").attr("type", "test").attr("id", 1);
    w.textElement("name", "a<b'c");
    w.open("os");
    w.open("type").attr("arch", "i686").text("hvm").close();
    w.open("boot").attr("dev", "hd").close();
    w.close();
    w.open("devices").close();
    w.close();
    EXPECT_EQ(w.str(),
              "<domain type='test' id='1'>\n"
              "  <name>a&lt;b&apos;c</name>\n"
              "  <os>\n"
              "    <type arch='i686'>hvm</type>\n"
              "    <boot dev='hd'/>\n"
              "  </os>\n"
              "  <devices/>\n"
              "</domain>\n");
}

TEST(XmlWriterTest, SubtreeAndHex) {
    auto doc = Document::parse("<m><app:x xmlns:app='urn:a' k='v'><y>t</y></app:x></m>", "t");
    ASSERT_TRUE(doc);
    Writer w;
    w.open("metadata");
    for (auto c : (*doc)->root().children()) w.subtree(c.raw());
    w.open("address").attrHex("domain", 0, 4).attrHex("slot", 3, 2).close();
    w.close();
    EXPECT_EQ(w.str(),
              "<metadata>\n"
              "  <app:x xmlns:app='urn:a' k='v'>\n"
              "    <y>t</y>\n"
              "  </app:x>\n"
              "  <address domain='0x0000' slot='0x03'/>\n"
              "</metadata>\n");
}

}  // namespace
}  // namespace nodevirt::xml
