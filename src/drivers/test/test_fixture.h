// Shared fixture of the test driver's unit tests: a fresh factory (so a fresh default node)
// per test, driven through driver::Connection exactly as the remote layer and the client
// library use it, plus helpers to define domains and collect events.
#pragma once

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "driver/connection.h"
#include "drivers/test/test_driver.h"

namespace nodevirt::drivers::test {

using namespace nodevirt::driver;  // NOLINT: the tests call the facets with the driver's types

class TestDriverTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    driver::ConnectionPtr open(const std::string& uri);
    driver::DomainRef dom(const std::string& name);
    // Defines a minimal domain "name" with uuid 22222222-0000-0000-0000-00000000000N.
    driver::DomainRef defineMin(const std::string& name, int n, const std::string& extra_devices = "");
    static std::string minXml(const std::string& name, int n, const std::string& extra_devices = "");
    DomainStateReason state(const driver::DomainRef& d);

    // Lifecycle events (event, detail) of every domain, in order.
    void watchLifecycle();
    std::vector<std::pair<int, int>> takeEvents();

    TestConnectionFactory factory_;
    driver::ConnectionPtr conn_;
    std::mutex events_mutex_;
    std::vector<std::pair<int, int>> events_;
};

// Asserts a Result is ok and yields its value (or fails the test).
#define ASSERT_OK_AND_ASSIGN(decl, expr)                                   \
    auto NODEVIRT_CONCAT(tmp_, __LINE__) = (expr);                         \
    ASSERT_TRUE(NODEVIRT_CONCAT(tmp_, __LINE__))                           \
        << NODEVIRT_CONCAT(tmp_, __LINE__).error().message;                \
    decl = std::move(*NODEVIRT_CONCAT(tmp_, __LINE__))

#define ASSERT_OK(expr)                                      \
    do {                                                     \
        auto r_ = (expr);                                    \
        ASSERT_TRUE(r_) << r_.error().message;               \
    } while (0)

// Expects an error with this code, domain and message.
#define EXPECT_ERROR(expr, code_, domain_, message_)                  \
    do {                                                              \
        auto r_ = (expr);                                             \
        ASSERT_FALSE(r_);                                             \
        EXPECT_EQ(r_.error().code, ErrorCode::code_);                 \
        EXPECT_EQ(r_.error().domain, ErrorDomain::domain_);           \
        EXPECT_EQ(r_.error().message, message_);                      \
    } while (0)

}  // namespace nodevirt::drivers::test
