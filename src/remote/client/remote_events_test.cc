// Connection-level event dispatch against a scripted server: one server registration per key
// shared by local callbacks, routing by callback id, the legacy path, other event kinds.
#include "remote/client/remote_events.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "protocol/generated/traits.h"
#include "remote/client/testing/fake_server.h"

namespace nodevirt::remote {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace p = protocol;
namespace pr = protocol::proc;

const Uuid kTest = Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f").value();
const Uuid kOther = Uuid::parse("11111111-2222-3333-4444-555555555555").value();

// Collects events delivered on the I/O thread.
template <typename Event>
struct Sink {
    std::mutex mutex;
    std::vector<Event> events;
    auto callback() {
        return [this](const Event& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
        };
    }
    size_t size() {
        std::lock_guard lock(mutex);
        return events.size();
    }
};

std::string lifecycleMsg(int32_t callback_id, const Uuid& uuid, int event, int detail) {
    return protocol::encodePayload(pr::DomainEventCallbackLifecycle::Msg{
                                       callback_id, {{"test", uuid, 1}, event, detail}})
        .value();
}

size_t countProc(FakeServer& s, int32_t proc) {
    size_t n = 0;
    for (int32_t p : s.callProcs()) n += p == proc ? 1 : 0;
    return n;
}

TEST(RemoteEventsTest, OneServerRegistrationIsSharedByLocalCallbacks) {
    FakeServer server;
    server.on(316, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectDomainEventCallbackRegisterAnyRet{7});
    });
    server.on(317, [](FakeServer& s, const WireFrame& f) {
        EXPECT_EQ(protocol::decodePayload<p::ConnectDomainEventCallbackDeregisterAnyArgs>(f.payload)
                      ->callback_id,
                  7);
        s.reply(f, p::Void{});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    Sink<driver::DomainEvent> a, b;
    auto id_a = conn->events().registerDomainEvent(0, std::nullopt, a.callback());
    auto id_b = conn->events().registerDomainEvent(0, std::nullopt, b.callback());
    ASSERT_TRUE(id_a && id_b);
    EXPECT_NE(*id_a, *id_b);
    EXPECT_EQ(countProc(server, 316), 1u);
    // The registration went out as the census frame: eventID 0, no domain.
    auto reg = server.calls().back();
    EXPECT_EQ(hexWords(reg.payload), "00000000 00000000");

    server.sendEvent(318, lifecycleMsg(7, kTest, 3, 0));
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return a.size() == 1 && b.size() == 1; }));
    EXPECT_EQ(a.events[0].event_id, 0);
    EXPECT_EQ(a.events[0].dom.name, "test");
    EXPECT_EQ(std::get<driver::LifecycleEvent>(a.events[0].payload).event, 3);

    // Events for a callback id nobody registered are dropped.
    server.sendEvent(318, lifecycleMsg(99, kTest, 4, 0));
    server.sendEvent(318, lifecycleMsg(7, kTest, 4, 0));
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return a.size() == 2; }));
    EXPECT_EQ(std::get<driver::LifecycleEvent>(a.events[1].payload).event, 4);

    ASSERT_TRUE(conn->events().deregisterDomainEvent(*id_a));
    EXPECT_EQ(countProc(server, 317), 0u);
    ASSERT_TRUE(conn->events().deregisterDomainEvent(*id_b));
    EXPECT_EQ(countProc(server, 317), 1u);
    auto again = conn->events().deregisterDomainEvent(*id_b);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kInvalidArg);
}

TEST(RemoteEventsTest, DifferentFiltersRegisterSeparatelyAndRouteByCallbackId) {
    FakeServer server;
    std::atomic<int> next{0};
    server.on(316, [&](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectDomainEventCallbackRegisterAnyRet{next++});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    Sink<driver::DomainEvent> all, one;
    ASSERT_TRUE(conn->events().registerDomainEvent(0, std::nullopt, all.callback()));
    ASSERT_TRUE(conn->events().registerDomainEvent(0, driver::DomainRef{"test", kTest, 1},
                                                   one.callback()));
    EXPECT_EQ(countProc(server, 316), 2u);
    auto filtered = protocol::decodePayload<p::ConnectDomainEventCallbackRegisterAnyArgs>(
        server.calls().back().payload);
    ASSERT_TRUE(filtered && filtered->dom);
    EXPECT_EQ(filtered->dom->uuid, kTest);

    server.sendEvent(318, lifecycleMsg(0, kOther, 2, 0));  // for "all" only
    server.sendEvent(318, lifecycleMsg(1, kTest, 2, 0));   // for "one" only
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return all.size() + one.size() == 2; }));
    EXPECT_EQ(all.size(), 1u);
    EXPECT_EQ(one.size(), 1u);
    EXPECT_EQ(all.events[0].dom.uuid, kOther);
    EXPECT_EQ(one.events[0].dom.uuid, kTest);
}

TEST(RemoteEventsTest, LegacyServersGetPerEventIdRegistrationAndClientSideFilters) {
    FakeServer server;
    server.setFeature(14, 0);
    server.on(167, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::Void{}); });
    server.on(168, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::Void{}); });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    Sink<driver::DomainEvent> all, one;
    auto id_all = conn->events().registerDomainEvent(0, std::nullopt, all.callback());
    auto id_one = conn->events().registerDomainEvent(0, driver::DomainRef{"test", kTest, 1},
                                                     one.callback());
    ASSERT_TRUE(id_all && id_one);
    EXPECT_EQ(countProc(server, 167), 1u);
    EXPECT_EQ(countProc(server, 316), 0u);

    auto legacy = [](const Uuid& uuid, int event) {
        return protocol::encodePayload(p::DomainEventLifecycleMsg{{"test", uuid, 1}, event, 0}).value();
    };
    server.sendEvent(107, legacy(kOther, 5));
    server.sendEvent(107, legacy(kTest, 5));
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return all.size() == 2 && one.size() == 1; }));
    EXPECT_EQ(one.events[0].dom.uuid, kTest);

    ASSERT_TRUE(conn->events().deregisterDomainEvent(*id_one));
    EXPECT_EQ(countProc(server, 168), 0u);  // still needed by the unfiltered callback
    ASSERT_TRUE(conn->events().deregisterDomainEvent(*id_all));
    EXPECT_EQ(countProc(server, 168), 1u);
}

TEST(RemoteEventsTest, NetworkAndStoragePoolEvents) {
    FakeServer server;
    server.on(313, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectNetworkEventRegisterAnyRet{3});
    });
    server.on(368, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectStoragePoolEventRegisterAnyRet{4});
    });
    server.on(314, [](FakeServer& s, const WireFrame& f) { s.reply(f, p::Void{}); });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    Sink<driver::NetworkEvent> nets;
    Sink<driver::StoragePoolEvent> pools;
    auto net_id = conn->events().registerNetworkEvent(0, std::nullopt, nets.callback());
    ASSERT_TRUE(net_id);
    ASSERT_TRUE(conn->events().registerStoragePoolEvent(1, std::nullopt, pools.callback()));
    const Uuid net_uuid = Uuid::generate();
    server.sendEvent(pr::NetworkEventLifecycle::kNumber,
                     protocol::encodePayload(p::NetworkEventLifecycleMsg{3, {"default", net_uuid}, 2, 0})
                         .value());
    server.sendEvent(pr::StoragePoolEventRefresh::kNumber,
                     protocol::encodePayload(p::StoragePoolEventRefreshMsg{4, {"pool", Uuid::generate()}})
                         .value());
    ASSERT_TRUE(server.waitUntil([&](const auto&) { return nets.size() == 1 && pools.size() == 1; }));
    EXPECT_EQ(nets.events[0].net.uuid, net_uuid);
    EXPECT_EQ(nets.events[0].event, 2);
    EXPECT_EQ(pools.events[0].event_id, 1);
    // A domain deregistration cannot remove a network callback.
    EXPECT_FALSE(conn->events().deregisterDomainEvent(*net_id));
    EXPECT_TRUE(conn->events().deregisterNetworkEvent(*net_id));
    EXPECT_EQ(countProc(server, 314), 1u);
}

TEST(RemoteEventsTest, FailedServerRegistrationLeavesNothingBehind) {
    FakeServer server;  // no handler for 316: "unknown procedure"
    auto conn = server.open("test+unix:///default?socket=/x").value();
    Sink<driver::DomainEvent> a;
    auto id = conn->events().registerDomainEvent(0, std::nullopt, a.callback());
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, ErrorCode::kNoSupport);
    server.on(316, [](FakeServer& s, const WireFrame& f) {
        s.reply(f, p::ConnectDomainEventCallbackRegisterAnyRet{0});
    });
    ASSERT_TRUE(conn->events().registerDomainEvent(0, std::nullopt, a.callback()));
    EXPECT_EQ(countProc(server, 316), 2u);  // the failed attempt did not count as registered
}

}  // namespace
}  // namespace nodevirt::remote
