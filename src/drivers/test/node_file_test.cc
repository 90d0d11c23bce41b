#include <filesystem>

#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

// Tests run from the source tree root (see cmake/nodevirt.cmake).
std::string nodeFileUri() {
    return "test://" + std::filesystem::absolute("tests/data/testnode/node.xml").string();
}

class NodeFileTest : public TestDriverTest {
protected:
    void SetUp() override { conn_ = open(nodeFileUri()); }
};

TEST_F(NodeFileTest, HostFactsAndUri) {
    ASSERT_OK_AND_ASSIGN(auto info, conn_->connect().nodeGetInfo());
    EXPECT_EQ(info.cpus, 4u);
    EXPECT_EQ(info.mhz, 2000u);
    EXPECT_EQ(info.nodes, 1u);
    EXPECT_EQ(info.memory_kib, 4194304u);
    EXPECT_EQ(*conn_->connect().getUri(), nodeFileUri());
    ASSERT_OK_AND_ASSIGN(auto caps, conn_->connect().getCapabilities());
    EXPECT_NE(caps.find("<cells num='0'>"), std::string::npos) << caps;
}

TEST_F(NodeFileTest, DomainsWithRunstatesAndFlags) {
    auto& life = conn_->domainLifecycle();
    EXPECT_FALSE(life.lookupByName("test"));  // nothing of the default node
    EXPECT_EQ(dom("alpha").id, 1);
    EXPECT_EQ(state(dom("alpha")).reason, 0);
    EXPECT_EQ(state(dom("beta")).state, DomainState::kPaused);
    EXPECT_EQ(state(dom("gamma")).state, DomainState::kShutoff);
    EXPECT_TRUE(*life.hasManagedSaveImage(dom("gamma"), 0));
    EXPECT_FALSE(*life.isPersistent(dom("delta")));
    EXPECT_EQ(dom("ext").id, 4);
    ASSERT_OK_AND_ASSIGN(auto cur, conn_->domainSnapshots().current(dom("epsilon"), 0));
    EXPECT_EQ(cur.name, "child");
    ASSERT_OK_AND_ASSIGN(auto parent, conn_->domainSnapshots().getParent(cur, 0));
    EXPECT_EQ(parent.name, "base");
    ASSERT_OK_AND_ASSIGN(auto xml, conn_->domainSnapshots().getXmlDesc(parent, 0));
    EXPECT_NE(xml.find("<creationTime>1700000000</creationTime>\n  <memory snapshot='no'/>"), std::string::npos)
        << xml;
}

TEST_F(NodeFileTest, NetworksPoolsInterfacesDevices) {
    EXPECT_TRUE(conn_->networks().lookupByName("netA"));
    EXPECT_FALSE(conn_->networks().lookupByName("default"));
    ASSERT_OK_AND_ASSIGN(auto pool, conn_->storage().lookupPoolByName("poolA"));
    ASSERT_OK_AND_ASSIGN(auto info, conn_->storage().getPoolInfo(pool));
    EXPECT_EQ(info.allocation, (10u << 20) + (200u << 20));
    ASSERT_OK_AND_ASSIGN(auto vol, conn_->storage().lookupVolByPath("/poolA/v2.qcow2"));
    EXPECT_EQ(vol.name, "v2.qcow2");
    EXPECT_TRUE(conn_->interfaces().lookupByName("eth9"));
    EXPECT_TRUE(conn_->nodeDevices().lookupByName("pci_0000_00_1f_2"));
}

TEST_F(NodeFileTest, EachOpenGetsItsOwnState) {
    ASSERT_OK(conn_->domainLifecycle().destroy(dom("alpha"), 0));
    auto second = open(nodeFileUri());
    EXPECT_EQ(state(dom("alpha")).state, DomainState::kShutoff);
    ASSERT_OK_AND_ASSIGN(auto s, second->domainLifecycle().getState(
                                     *second->domainLifecycle().lookupByName("alpha"), 0));
    EXPECT_EQ(s.state, DomainState::kRunning);
    second->close();
}

TEST_F(NodeFileTest, BadFilesGiveLibvirtsErrors) {
    auto uri = driver::Uri::parse("test:///nonexistent/node.xml");
    EXPECT_ERROR(factory_.open(*uri, 0), kXmlError, kTest,
                 "XML error: failed to parse xml document '/nonexistent/node.xml'");
}

}  // namespace
}  // namespace nodevirt::drivers::test
