#include "core/event_bus.h"

#include <gtest/gtest.h>

#include <thread>

#include "driver/libvirt_constants.h"

namespace nodevirt::core {
namespace {

driver::DomainRef dom(const std::string& name, int n) {
    Uuid::Bytes b{};
    b[15] = static_cast<uint8_t>(n);
    return {name, Uuid(b), n};
}

int lifecycleEvent(const driver::DomainEvent& e) {
    return std::get<driver::LifecycleEvent>(e.payload).event;
}

TEST(EventBusTest, FiltersByEventIdAndObject) {
    EventBus bus;
    std::vector<std::string> all, only_b, reboots;
    int id_all = bus.domains().subscribe(
        0, std::nullopt, [&](const driver::DomainEvent& e) { all.push_back(e.dom.name); });
    int id_b = bus.domains().subscribe(
        0, dom("b", 2).uuid, [&](const driver::DomainEvent& e) { only_b.push_back(e.dom.name); });
    bus.domains().subscribe(static_cast<int>(lv::kDomainEventIdReboot), std::nullopt,
                            [&](const driver::DomainEvent& e) { reboots.push_back(e.dom.name); });
    EXPECT_NE(id_all, id_b);
    {
        PendingEvents ev(bus);
        ev.lifecycle(dom("a", 1), 2, 0);
        ev.lifecycle(dom("b", 2), 2, 0);
        driver::DomainEvent reboot;
        reboot.event_id = static_cast<int>(lv::kDomainEventIdReboot);
        reboot.dom = dom("a", 1);
        ev.add(reboot);
        EXPECT_TRUE(all.empty());  // nothing is published before the scope ends
    }
    EXPECT_EQ(all, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(only_b, (std::vector<std::string>{"b"}));
    EXPECT_EQ(reboots, (std::vector<std::string>{"a"}));
}

TEST(EventBusTest, UnsubscribeStopsDelivery) {
    EventBus bus;
    int count = 0;
    int id = bus.domains().subscribe(0, std::nullopt, [&](const driver::DomainEvent&) { ++count; });
    driver::DomainEvent e;
    e.dom = dom("a", 1);
    bus.domains().publish(e);
    EXPECT_TRUE(bus.unsubscribe(id));
    EXPECT_FALSE(bus.unsubscribe(id));
    bus.domains().publish(e);
    EXPECT_EQ(count, 1);
    EXPECT_EQ(bus.domains().subscriberCount(), 0u);
}

TEST(EventBusTest, CallbackMayUnsubscribeItselfAndPublish) {
    EventBus bus;
    std::vector<int> seen;
    int id = 0;
    id = bus.domains().subscribe(0, std::nullopt, [&](const driver::DomainEvent& e) {
        seen.push_back(lifecycleEvent(e));
        if (lifecycleEvent(e) == 1) {
            driver::DomainEvent next = e;
            next.payload = driver::LifecycleEvent{2, 0};
            bus.domains().publish(next);  // delivered after this callback returns
        } else {
            bus.unsubscribe(id);
        }
    });
    driver::DomainEvent e;
    e.dom = dom("a", 1);
    e.payload = driver::LifecycleEvent{1, 0};
    bus.domains().publish(e);
    EXPECT_EQ(seen, (std::vector<int>{1, 2}));
    bus.domains().publish(e);
    EXPECT_EQ(seen.size(), 2u);
}

TEST(EventBusTest, SubscriptionsSeeOnlyLaterEvents) {
    EventBus bus;
    std::vector<int> late;
    bus.domains().subscribe(0, std::nullopt, [&](const driver::DomainEvent& e) {
        if (lifecycleEvent(e) == 1) {
            bus.domains().subscribe(0, std::nullopt, [&](const driver::DomainEvent& e2) {
                late.push_back(lifecycleEvent(e2));
            });
        }
    });
    driver::DomainEvent e;
    e.payload = driver::LifecycleEvent{1, 0};
    bus.domains().publish(e);
    e.payload = driver::LifecycleEvent{2, 0};
    bus.domains().publish(e);
    EXPECT_EQ(late, (std::vector<int>{2}));
}

TEST(EventBusTest, ConcurrentPublishersLoseNothingAndKeepPerThreadOrder) {
    EventBus bus;
    std::mutex m;
    std::vector<std::vector<int>> per_thread(4);
    bus.networks().subscribe(0, std::nullopt, [&](const driver::NetworkEvent& e) {
        std::lock_guard lock(m);
        per_thread[static_cast<size_t>(e.event)].push_back(e.detail);
    });
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&bus, t] {
            for (int i = 0; i < 500; ++i) {
                driver::NetworkEvent e;
                e.event = t;
                e.detail = i;
                bus.networks().publish(e);
            }
        });
    }
    for (auto& th : threads) th.join();
    for (const auto& seq : per_thread) {
        ASSERT_EQ(seq.size(), 500u);
        for (int i = 0; i < 500; ++i) EXPECT_EQ(seq[static_cast<size_t>(i)], i);
    }
}

TEST(EventBusTest, OtherChannelsFilterByTheirKeys) {
    EventBus bus;
    int pools = 0, devs = 0, secrets = 0;
    driver::StoragePoolEvent pe;
    pe.pool.name = "p";
    bus.pools().subscribe(0, pe.pool.uuid, [&](const driver::StoragePoolEvent&) { ++pools; });
    bus.nodeDevices().subscribe(0, std::string("dev1"),
                                [&](const driver::NodeDeviceEvent&) { ++devs; });
    bus.secrets().subscribe(1, std::nullopt, [&](const driver::SecretEvent&) { ++secrets; });
    bus.pools().publish(pe);
    driver::NodeDeviceEvent de;
    de.dev.name = "dev2";
    bus.nodeDevices().publish(de);
    de.dev.name = "dev1";
    bus.nodeDevices().publish(de);
    driver::SecretEvent se;
    bus.secrets().publish(se);  // event id 0: not subscribed
    se.event_id = 1;
    bus.secrets().publish(se);
    EXPECT_EQ(pools, 1);
    EXPECT_EQ(devs, 1);
    EXPECT_EQ(secrets, 1);
}

}  // namespace
}  // namespace nodevirt::core
