// Arguments and results cross the client/driver boundary unchanged: GoogleMock facets check
// what the driver receives and that returned refs become handles bound to the connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "client/testing/api_case.h"
#include "client/testing/fake_driver.h"

namespace nodevirt::client::testing {
namespace {

using ::testing::_;
using ::testing::Field;
using ::testing::Return;

class MockLifecycle : public driver::DomainLifecycleOps {
  public:
    MOCK_METHOD(Result<std::vector<driver::DomainRef>>, listAll, (unsigned), (override));
    MOCK_METHOD(Result<driver::DomainRef>, lookupByName, (const std::string&), (override));
    MOCK_METHOD(Result<driver::DomainRef>, defineXml, (const std::string&, unsigned), (override));
    MOCK_METHOD(Result<driver::DomainRef>, create, (const driver::DomainRef&, unsigned),
                (override));
    MOCK_METHOD(Status, destroy, (const driver::DomainRef&, unsigned), (override));
    MOCK_METHOD(Result<DomainInfo>, getInfo, (const driver::DomainRef&), (override));
    MOCK_METHOD(Status, save,
                (const driver::DomainRef&, const std::string&, const std::optional<std::string>&,
                 unsigned),
                (override));
};

class MockConfig : public driver::DomainConfigOps {
  public:
    MOCK_METHOD(Status, setMemory, (const driver::DomainRef&, uint64_t, unsigned), (override));
    MOCK_METHOD(Result<std::string>, getXmlDesc, (const driver::DomainRef&, unsigned), (override));
    MOCK_METHOD(Status, rename, (const driver::DomainRef&, const std::string&, unsigned),
                (override));
};

class MockDevices : public driver::DomainDeviceOps {
  public:
    MOCK_METHOD(Status, attachDevice, (const driver::DomainRef&, const std::string&, unsigned),
                (override));
};

class MockSnapshots : public driver::DomainSnapshotOps {
  public:
    MOCK_METHOD(Result<driver::DomainSnapshotRef>, createXml,
                (const driver::DomainRef&, const std::string&, unsigned), (override));
    MOCK_METHOD(Status, revert, (const driver::DomainSnapshotRef&, unsigned), (override));
};

class MockStorage : public driver::StorageOps {
  public:
    MOCK_METHOD(Result<std::vector<driver::StorageVolRef>>, listAllVolumes,
                (const driver::StoragePoolRef&, unsigned), (override));
    MOCK_METHOD(Result<driver::StoragePoolRef>, lookupPoolByVolume, (const driver::StorageVolRef&),
                (override));
};

class MockStats : public driver::DomainStatsOps {
  public:
    MOCK_METHOD(Result<std::vector<driver::DomainStatsRecord>>, getAllDomainStats,
                (const std::vector<driver::DomainRef>&, unsigned, unsigned), (override));
};

const Uuid kUuid = *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
const Uuid kUuid2 = *Uuid::parse("aaaaaaaa-f6a4-8304-79aa-97f2502e193f");

MATCHER_P(RefNamed, name, "") { return arg.name == name; }

class MappingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        fakes_.local->lifecycle = lifecycle_;
        fakes_.local->config = config_;
        fakes_.local->devices = devices_;
        fakes_.local->snapshots = snapshots_;
        fakes_.local->storage_ops = storage_;
        fakes_.local->stats = stats_;
        auto conn = openConnection(fakes_.set, "test:///default", OpenFlags::kNone);
        ASSERT_TRUE(conn);
        conn_ = *conn;
    }
    FakeDrivers fakes_;
    std::shared_ptr<MockLifecycle> lifecycle_ =
        std::make_shared<::testing::StrictMock<MockLifecycle>>();
    std::shared_ptr<MockConfig> config_ = std::make_shared<::testing::StrictMock<MockConfig>>();
    std::shared_ptr<MockDevices> devices_ = std::make_shared<::testing::StrictMock<MockDevices>>();
    std::shared_ptr<MockSnapshots> snapshots_ =
        std::make_shared<::testing::StrictMock<MockSnapshots>>();
    std::shared_ptr<MockStorage> storage_ = std::make_shared<::testing::StrictMock<MockStorage>>();
    std::shared_ptr<MockStats> stats_ = std::make_shared<::testing::StrictMock<MockStats>>();
    Connection conn_;
};

TEST_F(MappingTest, ListedRefsBecomeHandlesOfThisConnection) {
    EXPECT_CALL(*lifecycle_, listAll(3u))
        .WillOnce(Return(std::vector<driver::DomainRef>{{"a", kUuid, 1}, {"b", kUuid2, -1}}));
    auto doms = conn_.listAllDomains(3);
    ASSERT_TRUE(doms);
    ASSERT_EQ(doms->size(), 2u);
    EXPECT_EQ((*doms)[0].name(), "a");
    EXPECT_EQ((*doms)[0].id(), 1);
    EXPECT_EQ((*doms)[1].uuid(), kUuid2);
    EXPECT_EQ((*doms)[1].id(), -1);
    // The handle calls back into the same driver connection with its own ref.
    EXPECT_CALL(*lifecycle_, getInfo(AllOf(Field(&driver::DomainRef::name, "b"),
                                           Field(&driver::DomainRef::uuid, kUuid2))))
        .WillOnce(Return(DomainInfo{DomainState::kShutoff, 1024, 512, 2, 7}));
    auto info = (*doms)[1].info();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->memory_kib, 512u);
    EXPECT_EQ(info->nr_virt_cpu, 2u);
}

TEST_F(MappingTest, CreateUpdatesTheHandlesId) {
    EXPECT_CALL(*lifecycle_, lookupByName("vm"))
        .WillOnce(Return(driver::DomainRef{"vm", kUuid, -1}));
    EXPECT_CALL(*lifecycle_, create(RefNamed("vm"), 0u))
        .WillOnce(Return(driver::DomainRef{"vm", kUuid, 7}));
    EXPECT_CALL(*lifecycle_, destroy(Field(&driver::DomainRef::id, 7), 2u)).WillOnce(Return(ok()));
    auto dom = conn_.lookupDomainByName("vm");
    ASSERT_TRUE(dom);
    EXPECT_EQ(dom->id(), -1);
    ASSERT_TRUE(dom->create());
    EXPECT_EQ(dom->id(), 7);
    EXPECT_TRUE(dom->destroy(2));
}

TEST_F(MappingTest, DriverErrorsPassThroughUnchanged) {
    Error e =
        Error::make(ErrorCode::kNoDomain, ErrorDomain::kTest, "no domain with matching name 'x'");
    EXPECT_CALL(*lifecycle_, lookupByName("x")).WillOnce(Return(tl::unexpected(e)));
    auto dom = conn_.lookupDomainByName("x");
    ASSERT_FALSE(dom);
    EXPECT_EQ(dom.error().code, ErrorCode::kNoDomain);
    EXPECT_EQ(dom.error().domain, ErrorDomain::kTest);
    EXPECT_EQ(dom.error().message, "Domain not found: no domain with matching name 'x'");
}

TEST_F(MappingTest, ArgumentsReachTheDriver) {
    Handles h = makeHandles(conn_);
    EXPECT_CALL(*lifecycle_, defineXml("<domain/>", 1u))
        .WillOnce(Return(driver::DomainRef{"new", kUuid2, -1}));
    EXPECT_CALL(*config_, setMemory(RefNamed("test"), 2048u, 3u)).WillOnce(Return(ok()));
    EXPECT_CALL(*config_, getXmlDesc(RefNamed("test"), 2u))
        .WillOnce(Return(std::string("<domain/>")));
    EXPECT_CALL(*devices_, attachDevice(RefNamed("test"), "<disk/>", 4u)).WillOnce(Return(ok()));
    EXPECT_CALL(*lifecycle_,
                save(RefNamed("test"), "/tmp/s", std::optional<std::string>("<x/>"), 1u))
        .WillOnce(Return(ok()));
    auto def = conn_.defineDomainXml("<domain/>", 1);
    ASSERT_TRUE(def);
    EXPECT_EQ(def->name(), "new");
    EXPECT_TRUE(h.dom.setMemory(2048, 3));
    EXPECT_EQ(*h.dom.xmlDesc(2), "<domain/>");
    EXPECT_TRUE(h.dom.attachDevice("<disk/>", 4));
    EXPECT_TRUE(h.dom.save("/tmp/s", "<x/>", 1));
}

TEST_F(MappingTest, RenameUpdatesTheHandleOnlyOnSuccess) {
    Handles h = makeHandles(conn_);
    EXPECT_CALL(*config_, rename(RefNamed("test"), "bad", 0u))
        .WillOnce(Return(tl::unexpected(operationInvalid("domain has to be inactive"))));
    EXPECT_CALL(*config_, rename(RefNamed("test"), "renamed", 0u)).WillOnce(Return(ok()));
    EXPECT_FALSE(h.dom.rename("bad"));
    EXPECT_EQ(h.dom.name(), "test");
    EXPECT_TRUE(h.dom.rename("renamed"));
    EXPECT_EQ(h.dom.name(), "renamed");
}

TEST_F(MappingTest, SnapshotsCarryTheirDomain) {
    Handles h = makeHandles(conn_);
    EXPECT_CALL(*snapshots_, createXml(RefNamed("test"), "<domainsnapshot/>", 16u))
        .WillOnce(Return(driver::DomainSnapshotRef{"s1", {"test", kUuid, 1}}));
    EXPECT_CALL(*snapshots_,
                revert(AllOf(Field(&driver::DomainSnapshotRef::name, "s1"),
                             Field(&driver::DomainSnapshotRef::domain, RefNamed("test"))),
                       1u))
        .WillOnce(Return(ok()));
    auto snap = h.dom.snapshotCreateXml("<domainsnapshot/>", 16);
    ASSERT_TRUE(snap);
    EXPECT_EQ(snap->name(), "s1");
    EXPECT_EQ(snap->domain().name(), "test");
    EXPECT_TRUE(snap->revert(1));
}

TEST_F(MappingTest, VolumesKnowTheirPool) {
    Handles h = makeHandles(conn_);
    EXPECT_CALL(*storage_, listAllVolumes(Field(&driver::StoragePoolRef::name, "default-pool"), 0u))
        .WillOnce(Return(
            std::vector<driver::StorageVolRef>{{"default-pool", "disk.img", "/p/disk.img"}}));
    EXPECT_CALL(*storage_, lookupPoolByVolume(Field(&driver::StorageVolRef::key, "/p/disk.img")))
        .WillOnce(Return(driver::StoragePoolRef{"default-pool", kUuid}));
    auto vols = h.pool.listAllVolumes();
    ASSERT_TRUE(vols);
    ASSERT_EQ(vols->size(), 1u);
    EXPECT_EQ((*vols)[0].poolName(), "default-pool");
    EXPECT_EQ((*vols)[0].key(), "/p/disk.img");
    auto pool = (*vols)[0].pool();
    ASSERT_TRUE(pool);
    EXPECT_EQ(pool->uuid(), kUuid);
}

TEST_F(MappingTest, BulkStatsForChosenDomains) {
    Handles h = makeHandles(conn_);
    EXPECT_CALL(*stats_, getAllDomainStats(::testing::SizeIs(1), 1u, 0u))
        .WillOnce(Return(
            std::vector<driver::DomainStatsRecord>{{{"test", kUuid, 1}, {{"state.state", 1}}}}));
    auto recs = conn_.domainListGetStats({h.dom}, 1);
    ASSERT_TRUE(recs);
    ASSERT_EQ(recs->size(), 1u);
    EXPECT_EQ((*recs)[0].domain.name(), "test");
    EXPECT_EQ((*recs)[0].params.at(0).field, "state.state");
    // Domains of another connection are refused before the driver.
    FakeDrivers other;
    auto conn2 = openConnection(other.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(conn2);
    auto mixed = conn_.domainListGetStats({h.dom, makeHandles(*conn2).dom}, 1);
    ASSERT_FALSE(mixed);
    EXPECT_EQ(mixed.error().code, ErrorCode::kInvalidArg);
}

TEST_F(MappingTest, ConnectionIsUsableFromManyThreads) {
    EXPECT_CALL(*lifecycle_, lookupByName(_)).WillRepeatedly([](const std::string& n) {
        return Result<driver::DomainRef>(driver::DomainRef{n, kUuid, 1});
    });
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            Connection copy = conn_;
            for (int i = 0; i < 200; ++i) {
                auto d = copy.lookupDomainByName("vm" + std::to_string(t));
                if (d && d->name() == "vm" + std::to_string(t)) ++good;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(good.load(), 8 * 200);
}

}  // namespace
}  // namespace nodevirt::client::testing
