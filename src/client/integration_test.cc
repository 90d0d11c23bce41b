// libnodevirt against the in-process test driver (test:///default) through the public API
// only, opened by URI the way applications open it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "nodevirt/nodevirt.h"

namespace nodevirt {
namespace {

constexpr const char* kDomainXml = R"(<domain type='test'>
  <name>client-it</name>
  <memory unit='KiB'>65536</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>)";

Connection openDefault(OpenFlags flags = OpenFlags::kNone) {
    auto conn = Connection::open("test:///default", flags);
    EXPECT_TRUE(conn) << conn.error().message;
    return conn ? *conn : Connection();
}

TEST(ClientIntegrationTest, ListsTheDefaultNode) {
    Connection conn = openDefault();
    auto type = conn.type();
    ASSERT_TRUE(type) << type.error().message;
    EXPECT_EQ(*type, "TEST");
    auto doms = conn.listAllDomains();
    ASSERT_TRUE(doms) << doms.error().message;
    ASSERT_FALSE(doms->empty());
    auto test = conn.lookupDomainByName("test");
    ASSERT_TRUE(test) << test.error().message;
    EXPECT_EQ(test->uuidString(), "6695eb01-f6a4-8304-79aa-97f2502e193f");
    auto xml = test->xmlDesc();
    ASSERT_TRUE(xml);
    EXPECT_NE(xml->find("<name>test</name>"), std::string::npos);
    auto nets = conn.listAllNetworks();
    ASSERT_TRUE(nets) << nets.error().message;
    ASSERT_EQ(nets->size(), 1u);
    EXPECT_EQ(nets->front().name(), "default");
    auto pools = conn.listAllStoragePools();
    ASSERT_TRUE(pools) << pools.error().message;
    ASSERT_FALSE(pools->empty());
    EXPECT_EQ(pools->front().name(), "default-pool");
}

TEST(ClientIntegrationTest, UnknownDomainErrorIsLibvirts) {
    Connection conn = openDefault();
    auto dom = conn.lookupDomainByName("no-such");
    ASSERT_FALSE(dom);
    EXPECT_EQ(dom.error().code, ErrorCode::kNoDomain);
    EXPECT_EQ(dom.error().message, "Domain not found");  // libvirt's test driver gives no detail
}

TEST(ClientIntegrationTest, ReadOnlyConnectionReadsButDoesNotWrite) {
    Connection conn = openDefault(OpenFlags::kReadOnly);
    auto dom = conn.lookupDomainByName("test");
    ASSERT_TRUE(dom);
    auto info = dom->info();
    ASSERT_TRUE(info) << info.error().message;
    auto st = dom->destroy();
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message,
              "operation forbidden: read only access prevents virDomainDestroy");
    auto def = conn.defineDomainXml(kDomainXml);
    ASSERT_FALSE(def);
    EXPECT_EQ(def.error().code, ErrorCode::kOperationDenied);
}

TEST(ClientIntegrationTest, DefineStartStopUndefine) {
    Connection conn = openDefault();
    auto dom = conn.defineDomainXml(kDomainXml);
    ASSERT_TRUE(dom) << dom.error().message;
    EXPECT_EQ(dom->id(), -1);
    auto state = dom->state();
    ASSERT_TRUE(state);
    EXPECT_EQ(state->state, DomainState::kShutoff);
    ASSERT_TRUE(dom->create());
    EXPECT_GT(dom->id(), 0);
    state = dom->state();
    ASSERT_TRUE(state);
    EXPECT_EQ(state->state, DomainState::kRunning);
    ASSERT_TRUE(dom->setMemory(32768, lv::kDomainAffectLive));
    auto info = dom->info();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->memory_kib, 32768u);
    ASSERT_TRUE(dom->destroy());
    ASSERT_TRUE(dom->undefine());
    auto gone = conn.lookupDomainByName("client-it");
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, ErrorCode::kNoDomain);
}

TEST(ClientIntegrationTest, LifecycleEventsArriveInOrder) {
    Connection conn = openDefault();
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::pair<int, int>> seen;
    auto id = conn.registerDomainEvent(static_cast<int>(lv::kDomainEventIdLifecycle), std::nullopt,
                                       [&](const DomainEvent& ev) {
                                           const auto& lc = std::get<LifecycleEvent>(ev.payload);
                                           std::lock_guard lock(mutex);
                                           if (ev.domain.name() == "client-ev") {
                                               seen.emplace_back(lc.event, lc.detail);
                                           }
                                           cv.notify_all();
                                       });
    ASSERT_TRUE(id) << id.error().message;
    std::string xml = kDomainXml;
    xml.replace(xml.find("client-it"), 9, "client-ev");
    auto dom = conn.defineDomainXml(xml);
    ASSERT_TRUE(dom) << dom.error().message;
    ASSERT_TRUE(dom->create());
    ASSERT_TRUE(dom->destroy());
    ASSERT_TRUE(dom->undefine());
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return seen.size() >= 4; }));
        EXPECT_EQ(seen[0].first, static_cast<int>(lv::kDomainEventDefined));
        EXPECT_EQ(seen[1].first, static_cast<int>(lv::kDomainEventStarted));
        EXPECT_EQ(seen[1].second, static_cast<int>(lv::kDomainEventStartedBooted));
        EXPECT_EQ(seen[2].first, static_cast<int>(lv::kDomainEventStopped));
        EXPECT_EQ(seen[2].second, static_cast<int>(lv::kDomainEventStoppedDestroyed));
        EXPECT_EQ(seen[3].first, static_cast<int>(lv::kDomainEventUndefined));
    }
    EXPECT_TRUE(conn.deregisterDomainEvent(*id));
}

TEST(ClientIntegrationTest, SnapshotsThroughTheDomainHandle) {
    Connection conn = openDefault();
    auto dom = conn.lookupDomainByName("test");
    ASSERT_TRUE(dom);
    auto snap = dom->snapshotCreateXml("<domainsnapshot><name>it-snap</name></domainsnapshot>");
    ASSERT_TRUE(snap) << snap.error().message;
    EXPECT_EQ(snap->name(), "it-snap");
    auto names = dom->snapshotListNames(16);
    ASSERT_TRUE(names) << names.error().message;
    EXPECT_NE(std::find(names->begin(), names->end(), "it-snap"), names->end());
    auto current = dom->currentSnapshot();
    ASSERT_TRUE(current) << current.error().message;
    EXPECT_EQ(current->name(), "it-snap");
    ASSERT_TRUE(snap->remove());
}

}  // namespace
}  // namespace nodevirt
