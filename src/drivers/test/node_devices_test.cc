#include <algorithm>

#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using namespace lv;

class NodeDeviceTest : public TestDriverTest {
protected:
    NodeDeviceOps& devs() { return conn_->nodeDevices(); }
    std::vector<std::string> list(unsigned flags) {
        auto r = devs().listAll(flags);
        EXPECT_TRUE(r) << r.error().message;
        std::vector<std::string> out;
        if (r) {
            for (const auto& d : *r) out.push_back(d.name);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(NodeDeviceTest, ListWithCapabilityAndActiveFilters) {
    using V = std::vector<std::string>;
    EXPECT_EQ(list(0), (V{"computer", "scsi_host1", "scsi_host11", "scsi_host2"}));
    EXPECT_EQ(list(kConnectListNodeDevicesCapFcHost), (V{"scsi_host1", "scsi_host11", "scsi_host2"}));
    EXPECT_EQ(list(kConnectListNodeDevicesCapVports), (V{"scsi_host1", "scsi_host2"}));
    EXPECT_EQ(list(kConnectListNodeDevicesCapSystem), (V{"computer"}));
    // virsh 9.0 always sends ACTIVE (or INACTIVE); accepted here on purpose.
    EXPECT_EQ(list(kConnectListNodeDevicesActive).size(), 4u);
    EXPECT_TRUE(list(kConnectListNodeDevicesInactive).empty());
    EXPECT_EQ(*devs().numOfDevices(std::string("scsi_host"), 0), 3);
    EXPECT_EQ(*devs().numOfDevices(std::string("bogus"), 0), 0);
    EXPECT_ERROR(devs().numOfDevices(std::nullopt, 1), kInvalidArg, kTest,
                 "unsupported flags (0x1) in function testNodeNumOfDevices");
}

TEST_F(NodeDeviceTest, XmlParentAndCaps) {
    ASSERT_OK_AND_ASSIGN(auto h11, devs().lookupByName("scsi_host11"));
    ASSERT_OK_AND_ASSIGN(auto xml, devs().getXmlDesc(h11, 0));
    EXPECT_NE(xml.find("<parent>scsi_host1</parent>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<wwnn>2000000034563456</wwnn>"), std::string::npos);
    EXPECT_EQ(*devs().getParent(h11), std::optional<std::string>("scsi_host1"));
    EXPECT_EQ(*devs().getParent(*devs().lookupByName("computer")), std::nullopt);
    EXPECT_EQ(*devs().listCaps(h11), (std::vector<std::string>{"scsi_host"}));
    EXPECT_ERROR(devs().lookupByName("nope"), kNoNodeDevice, kTest,
                 "Node device not found: no node device with matching name 'nope'");
}

TEST_F(NodeDeviceTest, CreateAndDestroyVhba) {
    std::vector<std::pair<std::string, int>> events;
    ASSERT_OK(conn_->events().registerNodeDeviceEvent(0, std::nullopt, [&](const driver::NodeDeviceEvent& e) {
        events.emplace_back(e.dev.name, e.event);
    }));
    std::string xml =
        "<device><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'>"
        "<wwnn>2001001b32a9da4e</wwnn><wwpn>2101001b32a9da4e</wwpn></capability></capability></device>";
    ASSERT_OK_AND_ASSIGN(auto vhba, devs().createXml(xml, 0));
    EXPECT_EQ(vhba.name, "scsi_host12");
    ASSERT_OK_AND_ASSIGN(auto out, devs().getXmlDesc(vhba, 0));
    EXPECT_NE(out.find("<wwpn>2101001b32a9da4e</wwpn>"), std::string::npos) << out;
    ASSERT_OK_AND_ASSIGN(auto byWwn, devs().lookupScsiHostByWwn("2001001b32a9da4e", "2101001b32a9da4e", 0));
    EXPECT_EQ(byWwn.name, "scsi_host12");
    ASSERT_OK(devs().destroy(vhba));
    EXPECT_FALSE(devs().lookupByName("scsi_host12"));
    EXPECT_EQ(events, (std::vector<std::pair<std::string, int>>{{"scsi_host12", 0}, {"scsi_host12", 1}}));
    std::string bad = xml;
    bad.replace(bad.find("scsi_host1<"), 10, "nope");
    EXPECT_ERROR(devs().createXml(bad, 0), kInternalError, kTest,
                 "internal error: Could not find parent device for 'new device'");
}

}  // namespace
}  // namespace nodevirt::drivers::test
