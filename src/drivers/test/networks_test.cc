#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using namespace lv;

constexpr const char* kNet1 =
    "<network><name>net1</name><uuid>66666666-0000-0000-0000-000000000001</uuid><forward mode='nat'/>"
    "<bridge name='virbr10'/><ip address='192.168.150.1' netmask='255.255.255.0'><dhcp>"
    "<range start='192.168.150.10' end='192.168.150.100'/></dhcp></ip></network>";

class NetworkTest : public TestDriverTest {
protected:
    NetworkOps& nets() { return conn_->networks(); }
};

TEST_F(NetworkTest, DefaultNetwork) {
    ASSERT_OK_AND_ASSIGN(auto def, nets().lookupByName("default"));
    EXPECT_EQ(def.uuid.toString(), "dd8fe884-6c02-601e-7551-cca97df1c5df");
    ASSERT_OK_AND_ASSIGN(auto xml, nets().getXmlDesc(def, 0));
    EXPECT_NE(xml.find("<bridge name='virbr0' stp='on' delay='0'/>"), std::string::npos) << xml;
    EXPECT_EQ(*nets().getBridgeName(def), "virbr0");
    EXPECT_TRUE(*nets().isActive(def));
    EXPECT_ERROR(nets().getXmlDesc(def, 1), kInvalidArg, kTest, "unsupported flags (0x1) in function testNetworkGetXMLDesc");
    EXPECT_ERROR(nets().lookupByName("nope"), kNoNetwork, kTest, "Network not found: no network with matching name 'nope'");
    EXPECT_ERROR(nets().create(def), kOperationInvalid, kTest,
                 "Requested operation is not valid: Network 'default' is already running");
    EXPECT_ERROR(nets().undefine(def), kOperationInvalid, kTest,
                 "Requested operation is not valid: Network 'default' is still running");
}

TEST_F(NetworkTest, DefineStartDestroyUndefine) {
    std::vector<std::pair<int, int>> events;
    ASSERT_OK(conn_->events().registerNetworkEvent(0, std::nullopt, [&](const driver::NetworkEvent& e) {
        events.emplace_back(e.event, e.detail);
    }));
    ASSERT_OK_AND_ASSIGN(auto n, nets().defineXml(kNet1, 0));
    EXPECT_FALSE(*nets().isActive(n));
    ASSERT_OK(nets().create(n));
    ASSERT_OK(nets().setAutostart(n, true));
    ASSERT_OK_AND_ASSIGN(auto autostarted, nets().listAll(kConnectListNetworksAutostart));
    ASSERT_EQ(autostarted.size(), 1u);
    ASSERT_OK(nets().destroy(n));
    ASSERT_OK(nets().undefine(n));
    EXPECT_FALSE(nets().lookupByName("net1"));
    EXPECT_EQ(events, (std::vector<std::pair<int, int>>{{0, 0}, {2, 0}, {3, 0}, {1, 0}}));
}

TEST_F(NetworkTest, TransientNetworkVanishesOnDestroy) {
    ASSERT_OK_AND_ASSIGN(auto n, nets().createXml(kNet1, 0));
    EXPECT_FALSE(*nets().isPersistent(n));
    ASSERT_OK(nets().destroy(n));
    EXPECT_FALSE(nets().lookupByName("net1"));
}

TEST_F(NetworkTest, DuplicatesAndListing) {
    ASSERT_OK(nets().defineXml(kNet1, 0));
    ASSERT_OK(nets().defineXml(kNet1, 0));  // redefinition
    std::string other(kNet1);
    other.replace(other.find("66666666-0000-0000-0000-000000000001"), 36, "dd8fe884-6c02-601e-7551-cca97df1c5df");
    EXPECT_ERROR(nets().defineXml(other, 0), kOperationFailed, kNetwork,
                 "operation failed: network 'default' is already defined with uuid "
                 "dd8fe884-6c02-601e-7551-cca97df1c5df");
    EXPECT_EQ(*nets().numOfNetworks(), 1);
    EXPECT_EQ(*nets().listDefinedNetworks(10), (std::vector<std::string>{"net1"}));
    EXPECT_ERROR(nets().listAll(64), kInvalidArg, kTest, "unsupported flags (0x40) in function testConnectListAllNetworks");
}

TEST_F(NetworkTest, UpdateDhcpHosts) {
    ASSERT_OK_AND_ASSIGN(auto def, nets().lookupByName("default"));
    std::string host = "<host mac='00:11:22:33:44:55' name='a' ip='192.168.122.5'/>";
    ASSERT_OK(nets().update(def, kNetworkUpdateCommandAddLast, kNetworkSectionIpDhcpHost, -1, host, 0));
    ASSERT_OK_AND_ASSIGN(auto xml, nets().getXmlDesc(def, 0));
    EXPECT_NE(xml.find("<host mac='00:11:22:33:44:55' name='a' ip='192.168.122.5'/>"), std::string::npos) << xml;
    auto dup = nets().update(def, kNetworkUpdateCommandAddLast, kNetworkSectionIpDhcpHost, -1, host, 0);
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().code, ErrorCode::kOperationInvalid);
    ASSERT_OK(nets().update(def, kNetworkUpdateCommandDelete, kNetworkSectionIpDhcpHost, -1,
                            "<host mac='00:11:22:33:44:55'/>", 0));
    ASSERT_OK_AND_ASSIGN(xml, nets().getXmlDesc(def, 0));
    EXPECT_EQ(xml.find("00:11:22:33:44:55"), std::string::npos);
    EXPECT_ERROR(nets().update(def, kNetworkUpdateCommandAddLast, kNetworkSectionBridge, -1, "<bridge/>", 0),
                 kOperationUnsupported, kNetwork, "Operation not supported: can't update 'bridge' section of network 'default'");
}

}  // namespace
}  // namespace nodevirt::drivers::test
