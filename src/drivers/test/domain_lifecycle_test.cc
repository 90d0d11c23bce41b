#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using P = std::pair<int, int>;
constexpr int kDefined = 0, kUndefined = 1, kStarted = 2, kSuspended = 3, kResumed = 4, kStopped = 5;

class LifecycleTest : public TestDriverTest {
protected:
    DomainLifecycleOps& life() { return conn_->domainLifecycle(); }
    std::string tmpPath(const std::string& name) {
        auto dir = std::filesystem::temp_directory_path() / ("nodevirt-td-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        dirs_.push_back(dir);
        return (dir / name).string();
    }
    void TearDown() override {
        TestDriverTest::TearDown();
        for (const auto& d : dirs_) std::filesystem::remove_all(d);
    }
    std::vector<std::filesystem::path> dirs_;
};

TEST_F(LifecycleTest, DefaultDomainIsRunningWithUnknownReason) {
    auto d = dom("test");
    EXPECT_EQ(d.id, 1);
    EXPECT_EQ(d.uuid.toString(), "6695eb01-f6a4-8304-79aa-97f2502e193f");
    auto s = state(d);
    EXPECT_EQ(s.state, DomainState::kRunning);
    EXPECT_EQ(s.reason, 0);
    ASSERT_OK_AND_ASSIGN(auto info, life().getInfo(d));
    EXPECT_EQ(info.max_mem_kib, 8388608u);
    EXPECT_EQ(info.memory_kib, 2097152u);
    EXPECT_EQ(info.nr_virt_cpu, 2u);
    EXPECT_GT(info.cpu_time_ns, 0u);
    ASSERT_OK_AND_ASSIGN(auto os, life().getOsType(d));
    EXPECT_EQ(os, "linux");
    ASSERT_OK_AND_ASSIGN(auto label, life().getSecurityLabel(d));
    EXPECT_EQ(label.label, "libvirt-test");
    EXPECT_TRUE(label.enforcing);
}

TEST_F(LifecycleTest, LookupsFailWithBareDomainNotFound) {
    EXPECT_ERROR(life().lookupByName("nope"), kNoDomain, kTest, "Domain not found");
    EXPECT_ERROR(life().lookupById(99), kNoDomain, kTest, "Domain not found");
    EXPECT_ERROR(life().lookupByUuid(Uuid()), kNoDomain, kTest, "Domain not found");
    ASSERT_OK_AND_ASSIGN(auto byid, life().lookupById(1));
    EXPECT_EQ(byid.name, "test");
}

TEST_F(LifecycleTest, StaleReferenceNamesUuidAndName) {
    auto d = defineMin("vm", 1);
    ASSERT_OK(life().undefine(d, 0));
    EXPECT_ERROR(life().getInfo(d), kNoDomain, kTest,
                 "Domain not found: no domain with matching uuid '22222222-0000-0000-0000-000000000001' (vm)");
}

TEST_F(LifecycleTest, FullStateMachineWithReasonsAndEvents) {
    watchLifecycle();
    auto d = defineMin("vm", 1);
    EXPECT_EQ(state(d).state, DomainState::kShutoff);
    EXPECT_EQ(state(d).reason, 0);
    ASSERT_OK_AND_ASSIGN(auto started, life().create(d, 0));
    EXPECT_EQ(started.id, 2);
    EXPECT_EQ(state(d).reason, static_cast<int>(lv::kDomainRunningBooted));
    ASSERT_OK(life().suspend(d));
    EXPECT_EQ(state(d).state, DomainState::kPaused);
    EXPECT_EQ(state(d).reason, static_cast<int>(lv::kDomainPausedUser));
    ASSERT_OK(life().resume(d));
    EXPECT_EQ(state(d).reason, static_cast<int>(lv::kDomainRunningUnpaused));
    ASSERT_OK(life().reboot(d, 0));
    EXPECT_EQ(state(d).reason, static_cast<int>(lv::kDomainRunningBooted));
    ASSERT_OK(life().reset(d, 0));
    ASSERT_OK(life().shutdown(d, 0));
    EXPECT_EQ(state(d).state, DomainState::kShutoff);
    EXPECT_EQ(state(d).reason, static_cast<int>(lv::kDomainShutoffShutdown));
    ASSERT_OK(life().create(d, 0));
    ASSERT_OK(life().destroy(d, 0));
    EXPECT_EQ(state(d).reason, static_cast<int>(lv::kDomainShutoffDestroyed));
    EXPECT_EQ(takeEvents(), (std::vector<P>{{kDefined, 0},
                                            {kStarted, 0},
                                            {kSuspended, 0},
                                            {kResumed, 0},
                                            {kStopped, 0},
                                            {kStarted, 0},
                                            {kStopped, 1}}));
}

TEST_F(LifecycleTest, IdsAreNeverReused) {
    auto d = defineMin("vm", 1);
    for (int expected = 2; expected < 12; ++expected) {
        ASSERT_OK_AND_ASSIGN(auto r, life().create(d, 0));
        EXPECT_EQ(r.id, expected);
        ASSERT_OK(life().destroy(d, 0));
    }
}

TEST_F(LifecycleTest, ErrorsOnWrongStates) {
    auto d = defineMin("vm", 1);
    EXPECT_ERROR(life().destroy(d, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
    EXPECT_ERROR(life().shutdown(d, 0), kInternalError, kTest, "internal error: domain 'vm' not running");
    EXPECT_ERROR(life().reboot(d, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
    EXPECT_ERROR(life().reset(d, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
    EXPECT_ERROR(life().suspend(d), kInternalError, kTest, "internal error: domain 'vm' not running");
    EXPECT_ERROR(life().resume(d), kInternalError, kTest, "internal error: domain 'vm' not paused");
    auto t = dom("test");
    EXPECT_ERROR(life().create(t, 0), kInternalError, kTest, "internal error: Domain 'test' is already running");
    EXPECT_ERROR(life().resume(t), kInternalError, kTest, "internal error: domain 'test' not paused");
    ASSERT_OK(life().suspend(t));
    EXPECT_ERROR(life().suspend(t), kInternalError, kTest, "internal error: domain 'test' not running");
    EXPECT_ERROR(life().shutdown(t, 1), kInvalidArg, kTest, "unsupported flags (0x1) in function testDomainShutdownFlags");
}

TEST_F(LifecycleTest, DefineRulesAndDuplicateMessages) {
    auto t = dom("test");
    std::string other_uuid = minXml("test", 9);
    EXPECT_ERROR(life().defineXml(other_uuid, 0), kOperationFailed, kDomain,
                 "operation failed: domain 'test' already exists with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f");
    std::string same_uuid = "<domain type='test'><name>other</name><uuid>" + t.uuid.toString() +
                            "</uuid><memory>524288</memory><os><type>hvm</type></os></domain>";
    EXPECT_ERROR(life().defineXml(same_uuid, 0), kOperationFailed, kDomain,
                 "operation failed: domain 'test' is already defined with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f");
    watchLifecycle();
    defineMin("vm", 1);
    defineMin("vm", 1);
    EXPECT_EQ(takeEvents(), (std::vector<P>{{kDefined, 0}, {kDefined, 1}}));
    EXPECT_ERROR(life().defineXml(minXml("v2", 2), 2), kInvalidArg, kTest,
                 "unsupported flags (0x2) in function testDomainDefineXMLFlags");
}

TEST_F(LifecycleTest, RedefineWhileRunningChangesOnlyTheNextBoot) {
    auto d = defineMin("vm", 1);
    ASSERT_OK(life().create(d, 0));
    std::string bigger = minXml("vm", 1);
    bigger.replace(bigger.find("524288"), 6, "262144");
    ASSERT_OK(life().defineXml(bigger, 0));
    ASSERT_OK_AND_ASSIGN(auto info, life().getInfo(d));
    EXPECT_EQ(info.max_mem_kib, 524288u);
    ASSERT_OK(life().destroy(d, 0));
    ASSERT_OK_AND_ASSIGN(info, life().getInfo(d));
    EXPECT_EQ(info.max_mem_kib, 262144u);
}

TEST_F(LifecycleTest, TransientDomains) {
    watchLifecycle();
    ASSERT_OK_AND_ASSIGN(auto tr, life().createXml(minXml("tr", 3), 0));
    EXPECT_EQ(tr.id, 2);
    ASSERT_OK_AND_ASSIGN(bool persistent, life().isPersistent(tr));
    EXPECT_FALSE(persistent);
    EXPECT_ERROR(life().createXml(minXml("tr", 3), 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain 'tr' is already active");
    // undefine of a running transient domain succeeds and leaves it running
    ASSERT_OK(life().undefine(tr, 0));
    EXPECT_EQ(state(tr).state, DomainState::kRunning);
    ASSERT_OK(life().destroy(tr, 0));
    EXPECT_FALSE(life().lookupByName("tr"));
    EXPECT_EQ(takeEvents(), (std::vector<P>{{kStarted, 0}, {kUndefined, 0}, {kStopped, 1}}));
}

TEST_F(LifecycleTest, UndefineRunningPersistentMakesItTransient) {
    auto d = defineMin("vm", 1);
    ASSERT_OK(life().create(d, 0));
    ASSERT_OK(life().undefine(d, 0));
    ASSERT_OK_AND_ASSIGN(bool persistent, life().isPersistent(d));
    EXPECT_FALSE(persistent);
    ASSERT_OK(life().shutdown(d, 0));
    EXPECT_FALSE(life().lookupByName("vm"));
}

TEST_F(LifecycleTest, CreateXmlOnDefinedInactiveDomainStartsIt) {
    auto d = defineMin("vm", 1);
    ASSERT_OK_AND_ASSIGN(auto r, life().createXml(minXml("vm", 1), 0));
    EXPECT_EQ(r.id, 2);
    ASSERT_OK_AND_ASSIGN(bool persistent, life().isPersistent(d));
    EXPECT_TRUE(persistent);
}

TEST_F(LifecycleTest, StartFlagsPausedAndAutodestroy) {
    auto d = defineMin("vm", 1);
    ASSERT_OK(life().create(d, lv::kDomainStartPaused));
    EXPECT_EQ(state(d).state, DomainState::kPaused);
    ASSERT_OK(life().destroy(d, 0));
    auto other = open("test:///default");
    ASSERT_OK(other->domainLifecycle().create(d, lv::kDomainStartAutodestroy));
    EXPECT_EQ(state(d).state, DomainState::kRunning);
    other->close();
    EXPECT_EQ(state(d).state, DomainState::kShutoff);
}

TEST_F(LifecycleTest, ListsAndCounts) {
    defineMin("off", 1);
    ASSERT_OK(life().createXml(minXml("tr", 2), 0));
    ASSERT_OK_AND_ASSIGN(auto all, life().listAll(0));
    EXPECT_EQ(all.size(), 3u);
    ASSERT_OK_AND_ASSIGN(auto transient, life().listAll(lv::kConnectListDomainsTransient));
    ASSERT_EQ(transient.size(), 1u);
    EXPECT_EQ(transient[0].name, "tr");
    ASSERT_OK_AND_ASSIGN(int active, life().numOfDomains());
    EXPECT_EQ(active, 2);
    ASSERT_OK_AND_ASSIGN(auto ids, life().listDomainIds(10));
    EXPECT_EQ(ids, (std::vector<int>{1, 2}));
    ASSERT_OK_AND_ASSIGN(auto defined, life().listDefinedDomains(10));
    EXPECT_EQ(defined, (std::vector<std::string>{"off"}));
    EXPECT_ERROR(life().listAll(1u << 20), kInvalidArg, kTest,
                 "unsupported flags (0x100000) in function testConnectListAllDomains");
}

TEST_F(LifecycleTest, SaveAndRestoreRoundTrip) {
    watchLifecycle();
    auto t = dom("test");
    std::string path = tmpPath("test.save");
    ASSERT_OK(life().save(t, path, std::nullopt, 0));
    EXPECT_EQ(state(t).reason, static_cast<int>(lv::kDomainShutoffSaved));
    ASSERT_OK(life().restore(path, std::nullopt, 0));
    EXPECT_EQ(state(t).state, DomainState::kRunning);
    EXPECT_EQ(state(t).reason, static_cast<int>(lv::kDomainRunningRestored));
    EXPECT_EQ(dom("test").id, 2);
    EXPECT_ERROR(life().restore(path, std::nullopt, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain 'test' is already active");
    EXPECT_EQ(takeEvents(), (std::vector<P>{{kStopped, 4}, {kStarted, 2}}));
    ASSERT_OK_AND_ASSIGN(auto xml, life().saveImageGetXmlDesc(path, 0));
    EXPECT_NE(xml.find("<name>test</name>"), std::string::npos);
}

TEST_F(LifecycleTest, RestoreErrorsMatchLibvirt) {
    std::string missing = tmpPath("missing.save");
    EXPECT_ERROR(life().restore(missing, std::nullopt, 0), kSystemError, kTest,
                 "cannot read domain image '" + missing + "': No such file or directory");
    std::string garbage = tmpPath("garbage.save");
    std::ofstream(garbage) << "garbage-garbage-garbage";
    EXPECT_ERROR(life().restore(garbage, std::nullopt, 0), kInternalError, kTest,
                 "internal error: mismatched header magic");
    std::string shorty = tmpPath("short.save");
    std::ofstream(shorty) << "Test";
    EXPECT_ERROR(life().restore(shorty, std::nullopt, 0), kSystemError, kTest,
                 "incomplete save header in '" + shorty + "': Success");
    auto vm = defineMin("vm", 1);
    EXPECT_ERROR(life().save(vm, tmpPath("x"), std::nullopt, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
    EXPECT_ERROR(life().save(dom("test"), tmpPath("y"), std::string("<domain/>"), 0), kArgumentUnsupported, kTest,
                 "argument unsupported: xml modification unsupported");
}

TEST_F(LifecycleTest, ManagedSave) {
    auto t = dom("test");
    ASSERT_OK(life().managedSave(t, 0));
    ASSERT_OK_AND_ASSIGN(bool has, life().hasManagedSaveImage(t, 0));
    EXPECT_TRUE(has);
    EXPECT_EQ(state(t).reason, static_cast<int>(lv::kDomainShutoffSaved));
    EXPECT_ERROR(life().undefine(t, 0), kOperationInvalid, kTest,
                 "Requested operation is not valid: Refusing to undefine while domain managed save image exists");
    ASSERT_OK(life().create(t, 0));
    EXPECT_EQ(state(t).reason, static_cast<int>(lv::kDomainRunningBooted));
    ASSERT_OK_AND_ASSIGN(has, life().hasManagedSaveImage(t, 0));
    EXPECT_FALSE(has);
    ASSERT_OK_AND_ASSIGN(auto tr, life().createXml(minXml("tr", 2), 0));
    EXPECT_ERROR(life().managedSave(tr, 0), kOperationInvalid, kTest,
                 "Requested operation is not valid: cannot do managed save for transient domain");
}

TEST_F(LifecycleTest, CoreDumpWithCrash) {
    auto t = dom("test");
    std::string path = tmpPath("core");
    ASSERT_OK(life().coreDump(t, path, 0, 0));
    EXPECT_EQ(std::filesystem::file_size(path), 15u);
    EXPECT_ERROR(life().coreDump(t, path, 1, 0), kOperationUnsupported, kTest,
                 "Operation not supported: kdump-compressed format is not supported here");
    ASSERT_OK(life().coreDump(t, path, 0, lv::kDumpCrash));
    EXPECT_EQ(state(t).reason, static_cast<int>(lv::kDomainShutoffCrashed));
}

TEST_F(LifecycleTest, QueriesOfInactiveDomains) {
    auto d = defineMin("vm", 1);
    ASSERT_OK_AND_ASSIGN(auto label, life().getSecurityLabel(d));
    EXPECT_EQ(label.label, "");
    EXPECT_ERROR(life().getTime(d, 0), kOperationInvalid, kTest, "Requested operation is not valid: domain is not running");
    EXPECT_ERROR(life().getHostname(d, 0), kOperationInvalid, kDomain,
                 "Requested operation is not valid: domain is not running");
    ASSERT_OK_AND_ASSIGN(auto t, life().getTime(dom("test"), 0));
    EXPECT_EQ(t.first, 627319920);
    ASSERT_OK(life().setAutostart(d, true));
    ASSERT_OK_AND_ASSIGN(bool autostart, life().getAutostart(d));
    EXPECT_TRUE(autostart);
    EXPECT_ERROR(life().sendKey(dom("test"), 99, 0, {1}, 0), kInvalidArg, kDomain, "Unsupported codeset '99'");
}

TEST_F(LifecycleTest, ScreenshotIsAPng) {
    ASSERT_OK_AND_ASSIGN(auto shot, life().screenshot(dom("test"), 0, 0));
    EXPECT_EQ(shot.first, "image/png");
    std::string bytes;
    for (int i = 0; i < 1000; ++i) {
        ASSERT_OK_AND_ASSIGN(auto r, shot.second->read(4096));
        bytes += r.data;
        if (r.eof) break;
    }
    ASSERT_GT(bytes.size(), 8u);
    EXPECT_EQ(bytes.substr(1, 3), "PNG");
    EXPECT_EQ(bytes.substr(bytes.size() - 8, 4), "IEND");
}

}  // namespace
}  // namespace nodevirt::drivers::test
