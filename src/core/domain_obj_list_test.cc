#include "core/domain_obj_list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "driver/libvirt_constants.h"

namespace nodevirt::core {
namespace {

// Distinct non-null definition handles; core never looks inside a definition.
DomainDefPtr token(int n) {
    auto owner = std::make_shared<int>(n);
    return DomainDefPtr(owner, reinterpret_cast<const conf::DomainDef*>(owner.get()));
}

Uuid uuidN(int n) {
    Uuid::Bytes b{};
    b[15] = static_cast<uint8_t>(n);
    b[14] = static_cast<uint8_t>(n >> 8);
    return Uuid(b);
}

JobGuard addPersistent(DomainObjList& list, const std::string& name, int n) {
    auto r = list.add(name, uuidN(n), token(n), 0);
    EXPECT_TRUE(r) << r.error().message;
    r->job->setFlag(r->job, kDomainPersistent, true);
    return std::move(r->job);
}

std::vector<std::string> names(const std::vector<DomainView>& views) {
    std::vector<std::string> out;
    for (const auto& v : views) out.push_back(v.name);
    std::sort(out.begin(), out.end());
    return out;
}

TEST(DomainObjListTest, AddAndLookupByNameUuidId) {
    DomainObjList list;
    {
        auto job = addPersistent(list, "a", 1);
        list.markActive(job);
        job->setState(job, DomainState::kRunning, 1);
    }
    ASSERT_TRUE(list.findByName("a"));
    EXPECT_EQ(list.findByUuid(uuidN(1)), list.findByName("a"));
    EXPECT_EQ(list.findById(1), list.findByName("a"));
    EXPECT_FALSE(list.findByName("b"));
    EXPECT_FALSE(list.findById(2));
    EXPECT_FALSE(list.findByUuid(uuidN(2)));
    DomainView v = list.findByName("a")->view();
    EXPECT_EQ(v.id, 1);
    EXPECT_EQ(v.state, DomainState::kRunning);
    EXPECT_TRUE(v.persistent());
    EXPECT_EQ(list.nextId(), 2);
}

TEST(DomainObjListTest, DuplicateNameAndUuidUseLibvirtMessages) {
    DomainObjList list;
    addPersistent(list, "test", 1);
    auto same_uuid = list.add("other", uuidN(1), token(2), 0);
    ASSERT_FALSE(same_uuid);
    EXPECT_EQ(same_uuid.error().code, ErrorCode::kOperationFailed);
    EXPECT_EQ(same_uuid.error().message,
              "operation failed: domain 'test' is already defined with uuid "
              "00000000-0000-0000-0000-000000000001");
    auto same_name = list.add("test", uuidN(2), token(2), 0);
    ASSERT_FALSE(same_name);
    EXPECT_EQ(same_name.error().message,
              "operation failed: domain 'test' already exists with uuid "
              "00000000-0000-0000-0000-000000000001");
    EXPECT_EQ(list.size(), 1u);
}

TEST(DomainObjListTest, CheckLiveRefusesActiveAndTransient) {
    DomainObjList list;
    {
        auto r = list.add("t", uuidN(1), token(1), DomainObjList::kAddLive);
        ASSERT_TRUE(r);
        EXPECT_TRUE(r->created);
        list.markActive(r->job);
    }
    auto again =
        list.add("t", uuidN(1), token(2), DomainObjList::kAddLive | DomainObjList::kAddCheckLive);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kOperationInvalid);
    EXPECT_EQ(again.error().message,
              "Requested operation is not valid: domain 't' is already active");
    {
        auto r = list.add("u", uuidN(2), token(3), 0);  // inactive and transient
        ASSERT_TRUE(r);
    }
    auto starting = list.add("u", uuidN(2), token(4), DomainObjList::kAddCheckLive);
    ASSERT_FALSE(starting);
    EXPECT_EQ(starting.error().message,
              "Requested operation is not valid: domain 'u' is already being started");
}

TEST(DomainObjListTest, AssignDefFollowsLibvirtRules) {
    DomainObjList list;
    DomainDefPtr d1 = token(1), d2 = token(2), d3 = token(3), d4 = token(4);
    auto r = list.add("a", uuidN(1), d1, 0);
    ASSERT_TRUE(r);
    JobGuard job = std::move(r->job);
    job->setFlag(job, kDomainPersistent, true);
    // Inactive, config update: replaces def, returns the old one.
    EXPECT_EQ(job->assignDef(job, d2, false), d1);
    EXPECT_EQ(job->def(), d2);
    // Inactive, live (start with a new definition): old persistent def kept as next-boot.
    EXPECT_EQ(job->assignDef(job, d3, true), nullptr);
    EXPECT_EQ(job->def(), d3);
    EXPECT_EQ(job->inactiveDef(), d2);
    list.markActive(job);
    // Active, config update: becomes the next-boot definition.
    EXPECT_EQ(job->assignDef(job, d4, false), d2);
    EXPECT_EQ(job->def(), d3);
    EXPECT_EQ(job->inactiveDef(), d4);
    // Stopping restores the persistent definition.
    list.markInactive(job);
    job->clearLiveDef(job);
    EXPECT_EQ(job->def(), d4);
    EXPECT_EQ(job->view().next_def, nullptr);
    EXPECT_EQ(job->id(), -1);
}

TEST(DomainObjListTest, IdsAreMonotonicAndIndexed) {
    DomainObjList list;
    auto a = addPersistent(list, "a", 1);
    auto b = addPersistent(list, "b", 2);
    list.markActive(a);
    list.markActive(b);
    EXPECT_EQ(a->id(), 1);
    EXPECT_EQ(b->id(), 2);
    list.markInactive(a);
    EXPECT_FALSE(list.findById(1));
    list.markActive(a);
    EXPECT_EQ(a->id(), 3);
    EXPECT_EQ(list.findById(3).get(), &a.obj());
    EXPECT_EQ(list.activeIds(10), (std::vector<int>{2, 3}));
    EXPECT_EQ(list.activeIds(1), (std::vector<int>{2}));
    list.markActive(b, 10);  // explicit id (node files) moves the counter on
    EXPECT_EQ(list.nextId(), 11);
    EXPECT_EQ(list.countActive(), 2u);
}

TEST(DomainObjListTest, RemoveMakesLaterJobsFail) {
    DomainObjList list;
    DomainObjPtr obj;
    {
        auto job = addPersistent(list, "a", 1);
        list.markActive(job);
        obj = job.ptr();
        list.remove(job);
    }
    EXPECT_FALSE(list.findByName("a"));
    EXPECT_FALSE(list.findById(1));
    EXPECT_EQ(list.size(), 0u);
    auto job = beginJob(obj);
    ASSERT_FALSE(job);
    EXPECT_EQ(job.error().code, ErrorCode::kNoDomain);
    // The name is free again.
    EXPECT_TRUE(list.add("a", uuidN(2), token(2), 0));
}

TEST(DomainObjListTest, RenameReindexes) {
    DomainObjList list;
    auto a = addPersistent(list, "a", 1);
    addPersistent(list, "b", 2);
    auto taken = list.rename(a, "b");
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::kOperationFailed);
    ASSERT_TRUE(list.rename(a, "c"));
    EXPECT_FALSE(list.findByName("a"));
    EXPECT_EQ(list.findByName("c").get(), &a.obj());
    EXPECT_EQ(a->name(), "c");
}

TEST(DomainObjListTest, ListAllFilters) {
    using namespace lv;
    DomainObjList list;
    {
        auto run = addPersistent(list, "run", 1);
        list.markActive(run);
        run->setState(run, DomainState::kRunning, 1);
        run->setFlag(run, kDomainAutostart, true);
        auto paused = addPersistent(list, "paused", 2);
        list.markActive(paused);
        paused->setState(paused, DomainState::kPaused, 1);
        paused->setFlag(paused, kDomainHasSnapshot, true);
        auto off = addPersistent(list, "off", 3);
        off->setFlag(off, kDomainManagedSave, true);
        auto trans = list.add("trans", uuidN(4), token(4), DomainObjList::kAddLive);
        list.markActive(trans->job);
        trans->job->setState(trans->job, DomainState::kPmSuspended, 1);
    }
    using V = std::vector<std::string>;
    EXPECT_EQ(names(list.listAll(0)), (V{"off", "paused", "run", "trans"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsActive)), (V{"paused", "run", "trans"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsInactive)), (V{"off"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsActive | kConnectListDomainsInactive)).size(),
              4u);
    EXPECT_EQ(names(list.listAll(kConnectListDomainsTransient)), (V{"trans"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsPersistent)), (V{"off", "paused", "run"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsRunning)), (V{"run"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsPaused | kConnectListDomainsShutoff)),
              (V{"off", "paused"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsOther)), (V{"trans"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsManagedsave)), (V{"off"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsNoManagedsave)).size(), 3u);
    EXPECT_EQ(names(list.listAll(kConnectListDomainsAutostart)), (V{"run"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsNoAutostart)).size(), 3u);
    EXPECT_EQ(names(list.listAll(kConnectListDomainsHasSnapshot)), (V{"paused"}));
    EXPECT_EQ(names(list.listAll(kConnectListDomainsNoSnapshot)).size(), 3u);
    EXPECT_EQ(names(list.listAll(kConnectListDomainsNoCheckpoint)).size(), 4u);
    EXPECT_EQ(names(list.listAll(kConnectListDomainsHasCheckpoint)).size(), 0u);
    EXPECT_EQ(names(list.listAll(kConnectListDomainsActive | kConnectListDomainsPersistent |
                                 kConnectListDomainsRunning)),
              (V{"run"}));
    EXPECT_EQ(list.inactiveNames(10), (V{"off"}));
}

TEST(DomainObjListTest, ReadsDoNotWaitForARunningJob) {
    DomainObjList list;
    auto job = addPersistent(list, "a", 1);
    // Another thread reads while this thread holds the job.
    DomainView seen;
    std::thread reader([&] { seen = list.findByName("a")->view(); });
    reader.join();
    EXPECT_EQ(seen.name, "a");
    EXPECT_EQ(list.listAll(0).size(), 1u);
}

TEST(DomainObjListTest, SecondJobWaitsForTheFirst) {
    DomainObjList list;
    DomainObjPtr obj = addPersistent(list, "a", 1).ptr();
    auto first = beginJob(obj);
    ASSERT_TRUE(first);
    auto timed_out = beginJob(obj, std::chrono::milliseconds(1));
    ASSERT_FALSE(timed_out);
    EXPECT_EQ(timed_out.error().code, ErrorCode::kOperationTimeout);
    first->release();
    EXPECT_TRUE(beginJob(obj, std::chrono::milliseconds(1)));
}

TEST(DomainObjListTest, TenThousandDomains) {
    DomainObjList list;
    for (int i = 0; i < 10000; ++i) {
        Uuid::Bytes b{};
        b[0] = static_cast<uint8_t>(i >> 8);
        b[1] = static_cast<uint8_t>(i);
        auto r = list.add("dom" + std::to_string(i), Uuid(b), token(i), 0);
        ASSERT_TRUE(r);
        r->job->setFlag(r->job, kDomainPersistent, true);
        if (i % 2) list.markActive(r->job);
    }
    EXPECT_EQ(list.listAll(0).size(), 10000u);
    EXPECT_EQ(list.listAll(lv::kConnectListDomainsActive).size(), 5000u);
    EXPECT_EQ(list.findByName("dom9999")->name(), "dom9999");
    EXPECT_EQ(list.countActive(), 5000u);
}

}  // namespace
}  // namespace nodevirt::core
