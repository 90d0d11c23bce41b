#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using namespace lv;
using EventTest = TestDriverTest;

TEST_F(EventTest, PerDomainFilterAndEventIds) {
    auto t = dom("test");
    int test_events = 0, metadata_events = 0;
    std::optional<std::string> nsuri;
    ASSERT_OK(conn_->events().registerDomainEvent(static_cast<int>(kDomainEventIdLifecycle), t,
                                                  [&](const driver::DomainEvent&) { ++test_events; }));
    ASSERT_OK(conn_->events().registerDomainEvent(static_cast<int>(kDomainEventIdMetadataChange), std::nullopt,
                                                  [&](const driver::DomainEvent& e) {
                                                      ++metadata_events;
                                                      nsuri = std::get<driver::MetadataChangeEvent>(e.payload).nsuri;
                                                  }));
    auto vm = defineMin("vm", 1);
    ASSERT_OK(conn_->domainLifecycle().create(vm, 0));
    EXPECT_EQ(test_events, 0);
    ASSERT_OK(conn_->domainLifecycle().suspend(t));
    EXPECT_EQ(test_events, 1);
    ASSERT_OK(conn_->domainConfig().setMetadata(t, kDomainMetadataElement, std::string("<a/>"), std::string("k"),
                                                std::string("http://k/"), 0));
    EXPECT_EQ(metadata_events, 1);
    EXPECT_EQ(nsuri, std::optional<std::string>("http://k/"));
}

TEST_F(EventTest, DeregisterAndClose) {
    int count = 0;
    ASSERT_OK_AND_ASSIGN(int id, conn_->events().registerDomainEvent(0, std::nullopt,
                                                                     [&](const driver::DomainEvent&) { ++count; }));
    ASSERT_OK(conn_->events().deregisterDomainEvent(id));
    EXPECT_ERROR(conn_->events().deregisterDomainEvent(id), kInvalidArg, kNone,
                 "invalid argument: could not find event callback " + std::to_string(id) + " for deletion");
    EXPECT_FALSE(conn_->events().registerDomainEvent(99, std::nullopt, [](const driver::DomainEvent&) {}));
    // A second connection's callbacks go away when it closes.
    auto other = open("test:///default");
    ASSERT_OK(other->events().registerDomainEvent(0, std::nullopt, [&](const driver::DomainEvent&) { ++count; }));
    // Callback ids belong to their connection.
    ASSERT_OK(conn_->domainLifecycle().suspend(dom("test")));
    EXPECT_EQ(count, 1);
    other->close();
    ASSERT_OK(conn_->domainLifecycle().resume(dom("test")));
    EXPECT_EQ(count, 1);
}

TEST_F(EventTest, CallbacksMayCallBackIntoTheDriver) {
    auto t = dom("test");
    DomainStateReason seen{};
    ASSERT_OK(conn_->events().registerDomainEvent(0, std::nullopt, [&](const driver::DomainEvent& e) {
        auto s = conn_->domainLifecycle().getState(e.dom, 0);
        if (s) seen = *s;
    }));
    ASSERT_OK(conn_->domainLifecycle().suspend(t));
    EXPECT_EQ(seen.state, DomainState::kPaused);
}

}  // namespace
}  // namespace nodevirt::drivers::test
