// Event delivery: the dispatch thread, ordering, deregistration guarantees, payloads, close
// callbacks and teardown while events are queued. Waits have a generous deadline only so a
// broken build fails instead of hanging; nothing asserts on time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "client/testing/api_case.h"
#include "client/testing/fake_driver.h"
#include "client/testing/fake_events.h"
#include "nodevirt/constants.h"

namespace nodevirt::client::testing {
namespace {

constexpr auto kDeadline = std::chrono::seconds(60);
constexpr int kLifecycle = static_cast<int>(lv::kDomainEventIdLifecycle);

// Counts arrivals; wait(n) returns false only if n never arrive before the deadline.
class Counter {
  public:
    // Notifies under the lock: a waiter may destroy the counter as soon as it wakes.
    void hit() {
        std::lock_guard lock(mutex_);
        ++count_;
        cv_.notify_all();
    }
    bool wait(int n) {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, kDeadline, [&] { return count_ >= n; });
    }
    int count() {
        std::lock_guard lock(mutex_);
        return count_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    int count_ = 0;
};

driver::DomainEvent lifecycleEvent(int detail, const std::string& name = "test") {
    driver::DomainEvent ev;
    ev.event_id = kLifecycle;
    ev.dom = {name, *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1};
    ev.payload = driver::LifecycleEvent{static_cast<int>(lv::kDomainEventStarted), detail};
    return ev;
}

class EventsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        fakes_.local->event_ops = events_;
        auto conn = openConnection(fakes_.set, "test:///default", OpenFlags::kNone);
        ASSERT_TRUE(conn);
        conn_ = *conn;
    }
    // Registers a callback that counts the next lifecycle event, publishes it and waits:
    // everything queued before it has then been delivered.
    void fence() {
        auto seen = std::make_shared<Counter>();
        auto id =
            conn_.registerDomainEvent(kLifecycle, std::nullopt, [seen](const DomainEvent& ev) {
                const auto* lc = std::get_if<LifecycleEvent>(&ev.payload);
                if (lc && lc->detail == -1) seen->hit();
            });
        ASSERT_TRUE(id);
        events_->publish(lifecycleEvent(-1));
        ASSERT_TRUE(seen->wait(1));
        ASSERT_TRUE(conn_.deregisterDomainEvent(*id));
    }

    FakeDrivers fakes_;
    std::shared_ptr<FakeEventOps> events_ = std::make_shared<FakeEventOps>();
    Connection conn_;
};

TEST_F(EventsTest, DeliveredInOrderOnOneLibraryThread) {
    constexpr int kEvents = 200;
    std::mutex mutex;
    std::vector<int> details;
    std::vector<std::thread::id> threads;
    Counter done;
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt, [&](const DomainEvent& ev) {
        {
            std::lock_guard lock(mutex);
            details.push_back(std::get<LifecycleEvent>(ev.payload).detail);
            threads.push_back(std::this_thread::get_id());
        }
        done.hit();
    });
    ASSERT_TRUE(id) << id.error().message;
    std::thread publisher([&] {
        for (int i = 0; i < kEvents; ++i) events_->publish(lifecycleEvent(i));
    });
    std::thread::id publisher_id = publisher.get_id();
    publisher.join();
    ASSERT_TRUE(done.wait(kEvents));
    std::lock_guard lock(mutex);
    ASSERT_EQ(details.size(), static_cast<size_t>(kEvents));
    for (int i = 0; i < kEvents; ++i) EXPECT_EQ(details[i], i);
    for (const auto& t : threads) {
        EXPECT_EQ(t, threads.front());
        EXPECT_NE(t, publisher_id);
        EXPECT_NE(t, std::this_thread::get_id());
    }
}

TEST_F(EventsTest, PayloadAndHandleAreUsableInTheCallback) {
    Counter done;
    std::string name, type;
    int id_seen = 0, event = -1;
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt, [&](const DomainEvent& ev) {
        name = ev.domain.name();
        id_seen = ev.domain.id();
        event = std::get<LifecycleEvent>(ev.payload).event;
        auto t = ev.domain.connection().type();  // calling back into the API is allowed
        type = t ? *t : t.error().message;
        done.hit();
    });
    ASSERT_TRUE(id);
    events_->publish(lifecycleEvent(0, "vm1"));
    ASSERT_TRUE(done.wait(1));
    EXPECT_EQ(name, "vm1");
    EXPECT_EQ(id_seen, 1);
    EXPECT_EQ(event, static_cast<int>(lv::kDomainEventStarted));
    EXPECT_EQ(type, "FAKE");
}

TEST_F(EventsTest, DomainFilterReachesTheDriver) {
    Handles h = makeHandles(conn_);
    auto id = conn_.registerDomainEvent(kLifecycle, h.dom, [](const DomainEvent&) {});
    ASSERT_TRUE(id);
    auto filter = events_->lastFilter();
    ASSERT_TRUE(filter);
    EXPECT_EQ(filter->name, "test");
    EXPECT_EQ(filter->uuid, h.dom.uuid());
}

TEST_F(EventsTest, DomainOfAnotherConnectionIsRejected) {
    FakeDrivers other;
    auto conn2 = openConnection(other.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(conn2);
    auto id =
        conn_.registerDomainEvent(kLifecycle, makeHandles(*conn2).dom, [](const DomainEvent&) {});
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, ErrorCode::kInvalidArg);
    EXPECT_EQ(events_->domainRegistrations(), 0u);
}

TEST_F(EventsTest, NoDeliveryAfterDeregister) {
    auto count = std::make_shared<std::atomic<int>>(0);
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt, [count](const DomainEvent& ev) {
        if (std::get<LifecycleEvent>(ev.payload).detail >= 0) ++*count;
    });
    ASSERT_TRUE(id);
    events_->publish(lifecycleEvent(1));
    fence();
    EXPECT_EQ(count->load(), 1);
    ASSERT_TRUE(conn_.deregisterDomainEvent(*id));
    EXPECT_EQ(events_->domainRegistrations(), 0u);
    events_->publish(lifecycleEvent(2));
    fence();
    EXPECT_EQ(count->load(), 1);
    // The id is gone now.
    auto again = conn_.deregisterDomainEvent(*id);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kInvalidArg);
}

TEST_F(EventsTest, DeregisterOfAnotherKindIsRefused) {
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt, [](const DomainEvent&) {});
    ASSERT_TRUE(id);
    EXPECT_FALSE(conn_.deregisterNetworkEvent(*id));
    EXPECT_TRUE(conn_.deregisterDomainEvent(*id));
}

TEST_F(EventsTest, CallbackMayDeregisterItself) {
    auto count = std::make_shared<std::atomic<int>>(0);
    auto my_id = std::make_shared<std::atomic<int>>(0);
    auto result = std::make_shared<std::atomic<bool>>(false);
    Connection conn = conn_;
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt, [=](const DomainEvent& ev) {
        if (std::get<LifecycleEvent>(ev.payload).detail < 0) return;
        ++*count;
        *result = static_cast<bool>(ev.domain.connection().deregisterDomainEvent(my_id->load()));
    });
    ASSERT_TRUE(id);
    *my_id = *id;
    events_->publish(lifecycleEvent(1));
    events_->publish(lifecycleEvent(2));
    fence();
    EXPECT_EQ(count->load(), 1);
    EXPECT_TRUE(result->load());
}

TEST_F(EventsTest, DeregisterReturnsOnlyAfterTheRunningCallbackFinished) {
    std::mutex mutex;
    std::vector<std::string> log;
    auto append = [&](const std::string& s) {
        std::lock_guard lock(mutex);
        log.push_back(s);
    };
    Counter started, released;
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt, [&](const DomainEvent&) {
        append("start");
        started.hit();
        // Keep running while the other thread enters deregister.
        EXPECT_TRUE(released.wait(1));
        for (int i = 0; i < 100; ++i) std::this_thread::yield();
        append("end");
    });
    ASSERT_TRUE(id);
    events_->publish(lifecycleEvent(1));
    ASSERT_TRUE(started.wait(1));
    std::thread other([&] {
        released.hit();
        EXPECT_TRUE(conn_.deregisterDomainEvent(*id));
        append("deregistered");
    });
    other.join();
    std::lock_guard lock(mutex);
    EXPECT_EQ(log, (std::vector<std::string>{"start", "end", "deregistered"}));
}

TEST_F(EventsTest, NetworkEventsCarryNetworkHandles) {
    Counter done;
    std::string name;
    auto id = conn_.registerNetworkEvent(0, std::nullopt, [&](const NetworkEvent& ev) {
        name = ev.network.name();
        done.hit();
    });
    ASSERT_TRUE(id) << id.error().message;
    driver::NetworkEvent ev;
    ev.net = {"default", *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f")};
    events_->publish(ev);
    ASSERT_TRUE(done.wait(1));
    EXPECT_EQ(name, "default");
}

TEST_F(EventsTest, CloseCallbackRunsOnTheDispatchThread) {
    Counter done;
    std::atomic<int> reason{-1};
    std::thread::id cb_thread;
    ASSERT_TRUE(conn_.registerCloseCallback([&](int r) {
        reason = r;
        cb_thread = std::this_thread::get_id();
        done.hit();
    }));
    auto dup = conn_.registerCloseCallback([](int) {});
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().message, "A close callback is already registered");
    ASSERT_TRUE(fakes_.local->close_handler);
    std::thread remote_io(
        [&] { fakes_.local->close_handler(static_cast<int>(lv::kConnectCloseReasonEof)); });
    std::thread::id io_id = remote_io.get_id();
    remote_io.join();
    ASSERT_TRUE(done.wait(1));
    EXPECT_EQ(reason.load(), static_cast<int>(lv::kConnectCloseReasonEof));
    EXPECT_NE(cb_thread, io_id);
    EXPECT_TRUE(conn_.deregisterCloseCallback());
    EXPECT_FALSE(conn_.deregisterCloseCallback());
}

TEST_F(EventsTest, TeardownWithQueuedEventsIsSafe) {
    auto count = std::make_shared<std::atomic<int>>(0);
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt,
                                        [count](const DomainEvent&) { ++*count; });
    ASSERT_TRUE(id);
    for (int i = 0; i < 500; ++i) events_->publish(lifecycleEvent(i));
    conn_.close();
    EXPECT_EQ(fakes_.local->close_calls, 1);
    int after_close = count->load();
    EXPECT_LE(after_close, 500);
    // Publishing into a closed connection is ignored.
    events_->publish(lifecycleEvent(1));
    EXPECT_EQ(count->load(), after_close);
}

TEST_F(EventsTest, LastHandleDroppedInsideACallback) {
    Counter closed;
    fakes_.local->on_close = [&] { closed.hit(); };
    // The callback owns the only remaining Connection and drops it while running.
    auto slot = std::make_shared<std::optional<Connection>>(conn_);
    auto id = conn_.registerDomainEvent(kLifecycle, std::nullopt,
                                        [slot](const DomainEvent&) { slot->reset(); });
    ASSERT_TRUE(id);
    conn_.close();
    events_->publish(lifecycleEvent(1));
    ASSERT_TRUE(closed.wait(1));
    EXPECT_EQ(fakes_.local->close_calls, 1);
}

}  // namespace
}  // namespace nodevirt::client::testing
