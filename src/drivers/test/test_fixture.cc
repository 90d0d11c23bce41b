#include "drivers/test/test_fixture.h"

#include <fmt/format.h>

#include "driver/libvirt_constants.h"

namespace nodevirt::drivers::test {

void TestDriverTest::SetUp() { conn_ = open("test:///default"); }

void TestDriverTest::TearDown() {
    if (conn_) conn_->close();
}

driver::ConnectionPtr TestDriverTest::open(const std::string& uri) {
    auto parsed = driver::Uri::parse(uri);
    EXPECT_TRUE(parsed);
    auto conn = factory_.open(*parsed, 0);
    EXPECT_TRUE(conn) << conn.error().message;
    return conn ? *conn : nullptr;
}

driver::DomainRef TestDriverTest::dom(const std::string& name) {
    auto r = conn_->domainLifecycle().lookupByName(name);
    EXPECT_TRUE(r) << name;
    return r ? *r : driver::DomainRef{};
}

std::string TestDriverTest::minXml(const std::string& name, int n, const std::string& extra_devices) {
    return fmt::format(
        "<domain type='test'><name>{}</name><uuid>22222222-0000-0000-0000-{:012d}</uuid>"
        "<memory>524288</memory><vcpu current='1'>2</vcpu><os><type>hvm</type></os><devices>{}</devices></domain>",
        name, n, extra_devices);
}

driver::DomainRef TestDriverTest::defineMin(const std::string& name, int n, const std::string& extra_devices) {
    auto r = conn_->domainLifecycle().defineXml(minXml(name, n, extra_devices), 0);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : driver::DomainRef{};
}

DomainStateReason TestDriverTest::state(const driver::DomainRef& d) {
    auto r = conn_->domainLifecycle().getState(d, 0);
    EXPECT_TRUE(r);
    return r ? *r : DomainStateReason{};
}

void TestDriverTest::watchLifecycle() {
    auto id = conn_->events().registerDomainEvent(
        static_cast<int>(lv::kDomainEventIdLifecycle), std::nullopt, [this](const driver::DomainEvent& e) {
            const auto& lc = std::get<driver::LifecycleEvent>(e.payload);
            std::lock_guard lock(events_mutex_);
            events_.emplace_back(lc.event, lc.detail);
        });
    ASSERT_TRUE(id);
}

std::vector<std::pair<int, int>> TestDriverTest::takeEvents() {
    std::lock_guard lock(events_mutex_);
    return std::exchange(events_, {});
}

}  // namespace nodevirt::drivers::test
