#include "driver/registry.h"

#include <gtest/gtest.h>

namespace nodevirt::driver {
namespace {

class FakeConnect : public ConnectOps {
public:
    Result<std::string> getType() override { return std::string("FAKE"); }
};

class FakeConnection : public Connection {
public:
    ConnectOps& connect() override { return ops_; }

private:
    FakeConnect ops_;
};

class FakeFactory : public ConnectionFactory {
public:
    std::string_view name() const override { return "fake"; }
    bool accepts(const Uri& uri) const override { return uri.driver == "fake"; }
    Result<ConnectionPtr> open(const Uri&, unsigned) override { return std::make_shared<FakeConnection>(); }
};

TEST(RegistryTest, OpensMatchingDriverAndDefaultsToUnsupported) {
    Registry r;
    r.add(std::make_unique<FakeFactory>());
    auto conn = r.open(*Uri::parse("fake:///x"), 0);
    ASSERT_TRUE(conn);
    EXPECT_EQ(*(*conn)->connect().getType(), "FAKE");
    auto st = (*conn)->domainLifecycle().lookupByName("x");
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, ErrorCode::kNoSupport);
    EXPECT_EQ(st.error().message, "this function is not supported by the connection driver: virDomainLookupByName");
}

TEST(RegistryTest, UnknownDriver) {
    Registry r;
    auto conn = r.open(*Uri::parse("nope:///x"), 0);
    ASSERT_FALSE(conn);
    EXPECT_EQ(conn.error().code, ErrorCode::kNoConnect);
    EXPECT_EQ(conn.error().message, "no connection driver available for nope:///x");
}

}  // namespace
}  // namespace nodevirt::driver
