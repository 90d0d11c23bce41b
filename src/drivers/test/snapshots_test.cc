#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using namespace lv;

class SnapshotTest : public TestDriverTest {
protected:
    DomainSnapshotOps& snaps() { return conn_->domainSnapshots(); }
    DomainSnapshotRef create(const DomainRef& d, const std::string& name, unsigned flags = 0) {
        auto r = snaps().createXml(d, "<domainsnapshot><name>" + name + "</name></domainsnapshot>", flags);
        EXPECT_TRUE(r) << r.error().message;
        return r ? *r : DomainSnapshotRef{};
    }
    std::vector<std::string> names(const DomainRef& d, unsigned flags = 0) {
        auto r = snaps().listNames(d, 100, flags);
        EXPECT_TRUE(r);
        auto out = r ? *r : std::vector<std::string>{};
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(SnapshotTest, ChainOfSnapshotsWithCurrentAndParents) {
    auto t = dom("test");
    EXPECT_ERROR(snaps().current(t, 0), kNoDomainSnapshot, kTest,
                 "Domain snapshot not found: the domain does not have a current snapshot");
    auto s1 = create(t, "s1");
    auto s2 = create(t, "s2");
    create(t, "s3");
    ASSERT_OK_AND_ASSIGN(auto cur, snaps().current(t, 0));
    EXPECT_EQ(cur.name, "s3");
    ASSERT_OK_AND_ASSIGN(auto parent, snaps().getParent(s2, 0));
    EXPECT_EQ(parent.name, "s1");
    EXPECT_ERROR(snaps().getParent(s1, 0), kNoDomainSnapshot, kTest,
                 "Domain snapshot not found: snapshot 's1' does not have a parent");
    EXPECT_EQ(names(t, kDomainSnapshotListRoots), (std::vector<std::string>{"s1"}));
    EXPECT_EQ(names(t, kDomainSnapshotListLeaves), (std::vector<std::string>{"s3"}));
    ASSERT_OK_AND_ASSIGN(int n, snaps().numChildren(s1, kDomainSnapshotListDescendants));
    EXPECT_EQ(n, 2);
    ASSERT_OK_AND_ASSIGN(bool is_current, snaps().isCurrent(s1, 0));
    EXPECT_FALSE(is_current);
    ASSERT_OK_AND_ASSIGN(auto all, conn_->domainLifecycle().listAll(kConnectListDomainsHasSnapshot));
    ASSERT_EQ(all.size(), 1u);
}

TEST_F(SnapshotTest, XmlOfARunningSnapshot) {
    auto t = dom("test");
    ASSERT_OK(snaps().createXml(t, "<domainsnapshot><name>s1</name><description>first one</description></domainsnapshot>", 0));
    ASSERT_OK_AND_ASSIGN(auto ref, snaps().lookupByName(t, "s1", 0));
    ASSERT_OK_AND_ASSIGN(auto xml, snaps().getXmlDesc(ref, 0));
    EXPECT_NE(xml.find("<description>first one</description>\n  <state>running</state>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<memory snapshot='internal'/>"), std::string::npos);
    EXPECT_NE(xml.find("<disk name='vda' snapshot='internal'/>"), std::string::npos);
    EXPECT_NE(xml.find("  <domain type='test'>\n    <name>test</name>"), std::string::npos);
    EXPECT_EQ(xml.substr(xml.size() - 18), "</domainsnapshot>\n");
}

TEST_F(SnapshotTest, Errors) {
    auto t = dom("test");
    create(t, "s1");
    EXPECT_ERROR(snaps().createXml(t, "<domainsnapshot><name>s1</name></domainsnapshot>", 0), kOperationFailed,
                 kDomain, "operation failed: domain moment s1 already exists");
    EXPECT_ERROR(snaps().lookupByName(t, "nope", 0), kNoDomainSnapshot, kTest,
                 "Domain snapshot not found: no domain snapshot with matching name 'nope'");
    EXPECT_ERROR(snaps().createXml(t, "<domainsnapshot/>", kDomainSnapshotCreateDiskOnly), kInvalidArg, kTest,
                 "unsupported flags (0x10) in function testDomainSnapshotCreateXML");
    EXPECT_ERROR(snaps().createXml(t, "<bogus/>", 0), kXmlError, kXml,
                 "XML error: expecting root element of 'domainsnapshot', not 'bogus'");
    EXPECT_ERROR(snaps().createXml(t, "<domainsnapshot/>", kDomainSnapshotCreateCurrent), kInvalidArg,
                 kDomainSnapshot,
                 "Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is required by flag 'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'");
}

TEST_F(SnapshotTest, RevertRestartsWithNewIdAndEvents) {
    auto t = dom("test");
    auto s1 = create(t, "s1");
    ASSERT_OK(conn_->domainLifecycle().suspend(t));
    auto s2 = create(t, "s2");
    watchLifecycle();
    ASSERT_OK(snaps().revert(s1, 0));
    EXPECT_EQ(state(t).state, DomainState::kRunning);
    EXPECT_EQ(state(t).reason, static_cast<int>(kDomainRunningFromSnapshot));
    EXPECT_EQ(dom("test").id, 2);
    ASSERT_OK(snaps().revert(s2, 0));
    EXPECT_EQ(state(t).state, DomainState::kPaused);
    EXPECT_EQ(state(t).reason, static_cast<int>(kDomainPausedFromSnapshot));
    EXPECT_EQ(takeEvents(), (std::vector<std::pair<int, int>>{{5, 6}, {2, 3}, {5, 6}, {2, 3}, {3, 5}}));
    ASSERT_OK_AND_ASSIGN(auto cur, snaps().current(t, 0));
    EXPECT_EQ(cur.name, "s2");
    EXPECT_ERROR(snaps().revert(s1, kDomainSnapshotRevertRunning | kDomainSnapshotRevertPaused), kInvalidArg, kTest,
                 "Flags 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING' and 'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED' are mutually "
                 "exclusive");
}

TEST_F(SnapshotTest, RevertToShutoffSnapshotRestoresDefinition) {
    auto d = defineMin("vm", 1);
    auto off = create(d, "off");
    ASSERT_OK(conn_->domainConfig().setMemory(d, 1024, kDomainAffectConfig));
    ASSERT_OK(conn_->domainLifecycle().create(d, 0));
    ASSERT_OK(snaps().revert(off, 0));
    EXPECT_EQ(state(d).state, DomainState::kShutoff);
    EXPECT_EQ(state(d).reason, static_cast<int>(kDomainShutoffFromSnapshot));
    ASSERT_OK_AND_ASSIGN(auto info, conn_->domainLifecycle().getInfo(d));
    EXPECT_EQ(info.memory_kib, 524288u);
}

TEST_F(SnapshotTest, DeleteReparentsOrRemovesChildren) {
    auto t = dom("test");
    auto s1 = create(t, "s1");
    auto s2 = create(t, "s2");
    auto s3 = create(t, "s3");
    ASSERT_OK(snaps().remove(s2, 0));
    ASSERT_OK_AND_ASSIGN(auto parent, snaps().getParent(s3, 0));
    EXPECT_EQ(parent.name, "s1");
    ASSERT_OK(snaps().remove(s1, kDomainSnapshotDeleteChildren));
    EXPECT_TRUE(names(t).empty());
    ASSERT_OK_AND_ASSIGN(bool has, snaps().hasCurrent(t, 0));
    EXPECT_FALSE(has);
    ASSERT_OK_AND_ASSIGN(auto none, conn_->domainLifecycle().listAll(kConnectListDomainsHasSnapshot));
    EXPECT_TRUE(none.empty());
}

TEST_F(SnapshotTest, DeletingCurrentMovesCurrentToParent) {
    auto t = dom("test");
    create(t, "s1");
    auto s2 = create(t, "s2");
    ASSERT_OK(snaps().remove(s2, 0));
    ASSERT_OK_AND_ASSIGN(auto cur, snaps().current(t, 0));
    EXPECT_EQ(cur.name, "s1");
}

TEST_F(SnapshotTest, UndefineInactiveDomainWithSnapshots) {
    auto d = defineMin("vm", 1);
    create(d, "s1");
    EXPECT_ERROR(conn_->domainLifecycle().undefine(d, 0), kOperationInvalid, kTest,
                 "Requested operation is not valid: cannot delete inactive domain with 1 snapshots");
    ASSERT_OK(conn_->domainLifecycle().undefine(d, kDomainUndefineSnapshotsMetadata));
}

TEST_F(SnapshotTest, RedefineKeepsGivenFields) {
    auto t = dom("test");
    std::string xml =
        "<domainsnapshot><name>old</name><state>shutoff</state><creationTime>1700000000</creationTime>"
        "</domainsnapshot>";
    ASSERT_OK_AND_ASSIGN(auto ref, snaps().createXml(t, xml, kDomainSnapshotCreateRedefine | kDomainSnapshotCreateCurrent));
    ASSERT_OK_AND_ASSIGN(auto out, snaps().getXmlDesc(ref, 0));
    EXPECT_NE(out.find("<creationTime>1700000000</creationTime>"), std::string::npos) << out;
    EXPECT_NE(out.find("<memory snapshot='no'/>"), std::string::npos);
    ASSERT_OK_AND_ASSIGN(auto cur, snaps().current(t, 0));
    EXPECT_EQ(cur.name, "old");
}

}  // namespace
}  // namespace nodevirt::drivers::test
