// Golden tests for the node device <device> document. libvirt 9.0's test driver loaded each
// tests/data/node_device/NAME.in.xml from a node file and printed NAME.out.xml (see
// regen_expected.sh); ours must print the same, and libvirt's output must round-trip. The
// four devices of test:///default are among them. Errors must match libvirt's code/words.
#include <gtest/gtest.h>

#include "conf/node_device/node_device_xml.h"
#include "golden/golden_support.h"

namespace nodevirt::conf {
namespace {

const std::filesystem::path kDir = "tests/data/node_device";

class NodeDeviceGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(NodeDeviceGolden, FormatOfParseMatchesLibvirt) {
    std::string in = golden::readFile(kDir / (GetParam() + ".in.xml"));
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    ASSERT_FALSE(expected.empty());
    auto def = parseNodeDeviceXml(in, {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatNodeDeviceXml(**def)), "");
}

TEST_P(NodeDeviceGolden, LibvirtOutputRoundTrips) {
    std::string expected = golden::readFile(kDir / (GetParam() + ".out.xml"));
    auto def = parseNodeDeviceXml(expected, {});
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(golden::firstDifference(expected, formatNodeDeviceXml(**def)), "");
}

INSTANTIATE_TEST_SUITE_P(Documents, NodeDeviceGolden,
                         ::testing::ValuesIn(golden::listCases(kDir, ".in.xml")));

TEST(NodeDeviceGoldenSet, CoversTheTestDriverDevices) {
    auto cases = golden::listCases(kDir, ".in.xml");
    for (const char* name :
         {"default_computer", "default_scsi_host1", "default_scsi_host2", "default_scsi_host11"}) {
        EXPECT_NE(std::find(cases.begin(), cases.end(), name), cases.end()) << name;
    }
    EXPECT_GE(cases.size(), 20U);
}

class NodeDeviceErrors : public ::testing::TestWithParam<golden::ErrorCase> {};

TEST_P(NodeDeviceErrors, FailsLikeLibvirt) {
    const golden::ErrorCase& c = GetParam();
    auto def = parseNodeDeviceXml(golden::readFile(kDir / "errors" / c.file), {});
    ASSERT_FALSE(def) << c.file << " was accepted";
    EXPECT_EQ(static_cast<int>(def.error().code), c.code) << def.error().message;
    EXPECT_NE(def.error().message.find(c.message), std::string::npos)
        << "got: " << def.error().message << "\nwant: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, NodeDeviceErrors,
                         ::testing::ValuesIn(golden::readErrorCases(kDir / "errors")),
                         [](const auto& info) {
                             return info.param.file.substr(0, info.param.file.find('.'));
                         });

TEST(NodeDeviceErrorsSet, TableIsPresent) {
    EXPECT_GE(golden::readErrorCases(kDir / "errors").size(), 20U);
}

TEST(NodeDeviceErrorsDetail, WrongRootAndMalformed) {
    auto root = parseNodeDeviceXml("<dev><name>d</name></dev>", {});
    ASSERT_FALSE(root);
    EXPECT_NE(root.error().message.find("expecting root element of 'device', not 'dev'"),
              std::string::npos);
    auto bad = parseNodeDeviceXml("<device><name>d</name>", {});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kXmlDetail);
}

TEST(NodeDeviceLive, DriverFieldsKeptOnlyFromLiveXml) {
    const char* xml =
        "<device><name>block_sda</name><driver><name>sd</name></driver><capability type='storage'>"
        "<block>/dev/sda</block><size>1024</size><logical_block_size>512</logical_block_size>"
        "<num_blocks>2</num_blocks></capability></device>";
    auto user = parseNodeDeviceXml(xml, {});
    ASSERT_TRUE(user);
    std::string plain = formatNodeDeviceXml(**user);
    EXPECT_EQ(plain.find("driver"), std::string::npos);
    EXPECT_EQ(plain.find("num_blocks"), std::string::npos);
    ParseOptions live;
    live.live = true;
    auto status = parseNodeDeviceXml(xml, live);
    ASSERT_TRUE(status);
    std::string out = formatNodeDeviceXml(**status);
    EXPECT_NE(out.find("  <name>block_sda</name>\n  <driver>\n    <name>sd</name>\n  </driver>\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("    <size>1024</size>\n    <logical_block_size>512</logical_block_size>\n  "
                       "  <num_blocks>2</num_blocks>\n"),
              std::string::npos)
        << out;
}

TEST(NodeDeviceCreate, VhbaWithoutWwnsGetsGeneratedOnes) {
    const char* xml =
        "<device><parent>scsi_host1</parent><capability type='scsi_host'><host>0</host>"
        "<capability type='fc_host'/></capability></device>";
    auto def = parseNodeDeviceXml(xml, {});
    ASSERT_TRUE(def) << def.error().message;
    const auto& host = std::get<NodeDevCapScsiHost>((*def)->caps.at(0));
    EXPECT_EQ(host.wwnn.size(), 16U);
    EXPECT_EQ(host.wwnn.rfind("5001a4a", 0), 0U);
    EXPECT_NE(host.wwnn, host.wwpn);
    ParseOptions strict;
    strict.validate = true;
    EXPECT_TRUE(parseNodeDeviceXml(xml, strict));
}

TEST(NodeDeviceStrict, DuplicateCapabilitiesAndBadWwns) {
    ParseOptions strict;
    strict.validate = true;
    const char* dup =
        "<device><name>d</name><capability type='drm'><type>render</type></capability>"
        "<capability type='drm'><type>primary</type></capability></device>";
    ASSERT_TRUE(parseNodeDeviceXml(dup, {}));
    auto def = parseNodeDeviceXml(dup, strict);
    ASSERT_FALSE(def);
    EXPECT_NE(def.error().message.find("more than one 'drm' capability"), std::string::npos);
    const char* wwn =
        "<device><name>d</name><capability type='scsi_host'><host>1</host><capability "
        "type='fc_host'>"
        "<wwnn>zz</wwnn><wwpn>1000000012341234</wwpn></capability></capability></device>";
    ASSERT_TRUE(parseNodeDeviceXml(wwn, {}));  // libvirt accepts it too
    ASSERT_FALSE(parseNodeDeviceXml(wwn, strict));
}

}  // namespace
}  // namespace nodevirt::conf
