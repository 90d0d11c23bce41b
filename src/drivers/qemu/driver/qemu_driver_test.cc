// The QEMU driver's connection and definition side: URIs, define/undefine/lookup/list,
// persistence across a driver restart, autostart, XML, and the domain type check.
#include <filesystem>

#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_test_fixture.h"

namespace nodevirt::qemu::testing {
namespace {

constexpr const char* kUuidA = "11111111-2222-3333-4444-555555555555";
constexpr const char* kUuidB = "11111111-2222-3333-4444-666666666666";

using QemuDefineTest = QemuDriverFixture;

TEST_F(QemuDefineTest, AcceptsQemuUrisByPrivilege) {
    QemuConnectionFactory session(options());
    auto uri = [](const char* s) { return *driver::Uri::parse(s); };
    EXPECT_TRUE(session.accepts(uri("qemu:///session")));
    EXPECT_FALSE(session.accepts(uri("test:///default")));
    EXPECT_FALSE(session.accepts(uri("qemu+unix:///system")));
    auto sys = session.open(uri("qemu:///system"), 0);
    ASSERT_FALSE(sys);
    EXPECT_NE(sys.error().message.find("try qemu:///session"), std::string::npos);

    QemuDriverOptions o = options();
    o.privileged = true;
    QemuConnectionFactory system(o);
    auto c = system.open(uri("qemu:///system"), 0);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(*(*c)->connect().getType(), "QEMU");
    EXPECT_EQ(*(*c)->connect().getUri(), "qemu:///system");
    EXPECT_TRUE(system.open(uri("qemu:///session"), 0));
    EXPECT_FALSE(system.open(uri("qemu:///bogus"), 0));
}

TEST_F(QemuDefineTest, DefineLookupListAndPersistAcrossRestart) {
    open();
    auto& lc = conn_->domainLifecycle();
    driver::DomainRef a = define("alpha", kUuidA);
    define("beta", kUuidB);
    EXPECT_EQ(a.id, -1);
    EXPECT_TRUE(sawEvent(lv::kDomainEventDefined, lv::kDomainEventDefinedAdded));
    EXPECT_EQ(lc.lookupByName("alpha")->uuid, a.uuid);
    EXPECT_EQ(lc.lookupByUuid(a.uuid)->name, "alpha");
    auto missing = lc.lookupByName("gamma");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNoDomain);
    EXPECT_EQ(lc.listAll(lv::kConnectListDomainsInactive)->size(), 2U);
    EXPECT_EQ(lc.listAll(lv::kConnectListDomainsActive)->size(), 0U);
    EXPECT_EQ(*lc.numOfDefinedDomains(), 2);
    EXPECT_EQ(*lc.numOfDomains(), 0);
    EXPECT_TRUE(std::filesystem::exists(dir_ + "/state/qemu/alpha.xml"));
    EXPECT_TRUE(lc.setAutostart(a, true));

    // Redefining updates; the file follows.
    auto again = lc.defineXml(domainXml("alpha", kUuidA), 0);
    ASSERT_TRUE(again);
    EXPECT_TRUE(sawEvent(lv::kDomainEventDefined, lv::kDomainEventDefinedUpdated));

    // A new driver over the same directories finds both, with autostart (which starts alpha).
    open();
    auto& lc2 = conn_->domainLifecycle();
    EXPECT_EQ(*lc2.numOfDomains() + *lc2.numOfDefinedDomains(), 2);
    auto alpha = lc2.lookupByName("alpha");
    ASSERT_TRUE(alpha);
    EXPECT_TRUE(*lc2.getAutostart(*alpha));
    EXPECT_TRUE(waitFor([&] { return state(*alpha).state == DomainState::kRunning; }));
    auto beta = lc2.lookupByName("beta");
    ASSERT_TRUE(beta);
    EXPECT_FALSE(*lc2.getAutostart(*beta));
    auto xml = conn_->domainConfig().getXmlDesc(*beta, lv::kDomainXmlInactive);
    ASSERT_TRUE(xml);
    EXPECT_NE(xml->find("<name>beta</name>"), std::string::npos);
    EXPECT_NE(xml->find("type='qemu'"), std::string::npos);

    EXPECT_TRUE(lc2.undefine(*beta, 0));
    EXPECT_FALSE(lc2.lookupByName("beta"));
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/state/qemu/beta.xml"));
    EXPECT_TRUE(sawEvent(lv::kDomainEventUndefined, lv::kDomainEventUndefinedRemoved));
}

TEST_F(QemuDefineTest, CapabilitiesDescribeHostAndGuest) {
    open();
    auto caps = conn_->connect().getCapabilities();
    ASSERT_TRUE(caps) << caps.error().message;
    EXPECT_NE(caps->find("<host>"), std::string::npos);
    EXPECT_NE(caps->find("<emulator>/usr/bin/qemu-system-x86_64</emulator>"), std::string::npos);
    EXPECT_NE(caps->find("<domain type='qemu'"), std::string::npos);
    auto bad = conn_->connect().getDomainCapabilities(std::nullopt, std::nullopt, std::nullopt,
                                                      std::string("xen"), 0);
    EXPECT_FALSE(bad);
}

TEST_F(QemuDefineTest, RejectsOtherDomainTypesAndBadNames) {
    open();
    auto r = conn_->domainLifecycle().defineXml(domainXml("x", kUuidA, "test"), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kConfigUnsupported);
    EXPECT_NE(r.error().message.find("domain type 'test'"), std::string::npos);
    EXPECT_TRUE(conn_->domainLifecycle().defineXml(domainXml("k", kUuidB, "kvm"), 0));
    EXPECT_FALSE(conn_->domainLifecycle().defineXml(domainXml(".hidden", kUuidA), 0));
    auto flags = conn_->domainLifecycle().defineXml(domainXml("y", kUuidA), 0x80);
    ASSERT_FALSE(flags);
    EXPECT_NE(flags.error().message.find("unsupported flags"), std::string::npos);
}

TEST_F(QemuDefineTest, UndefineOfRunningDomainMakesItTransient) {
    open();
    driver::DomainRef a = define("alpha", kUuidA);
    ASSERT_TRUE(conn_->domainLifecycle().create(a, 0));
    EXPECT_TRUE(conn_->domainLifecycle().undefine(a, 0));
    EXPECT_FALSE(*conn_->domainLifecycle().isPersistent(a));
    EXPECT_TRUE(*conn_->domainLifecycle().isActive(a));
    EXPECT_TRUE(conn_->domainLifecycle().destroy(a, 0));
    EXPECT_FALSE(conn_->domainLifecycle().lookupByName("alpha"));  // transient: gone
}

}  // namespace
}  // namespace nodevirt::qemu::testing
