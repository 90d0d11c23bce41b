#include "client/open.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "client/testing/fake_driver.h"

namespace nodevirt::client {
namespace {

Route routeOf(const std::string& uri) {
    auto parsed = driver::Uri::parse(uri);
    EXPECT_TRUE(parsed) << uri;
    return chooseRoute(*parsed);
}

TEST(ChooseRouteTest, InProcessOnlyForLocalTestUris) {
    EXPECT_EQ(routeOf("test:///default"), Route::kInProcess);
    EXPECT_EQ(routeOf("test:///tmp/node.xml"), Route::kInProcess);
}

TEST(ChooseRouteTest, TransportOrHostGoesRemote) {
    EXPECT_EQ(routeOf("test+unix:///default?socket=/tmp/s"), Route::kRemote);
    EXPECT_EQ(routeOf("test://host/default"), Route::kRemote);
    EXPECT_EQ(routeOf("qemu+tls://host/system"), Route::kRemote);
    EXPECT_EQ(routeOf("qemu+ssh://user@host/system"), Route::kRemote);
}

TEST(ChooseRouteTest, DaemonOnlyDriversGoRemote) {
    for (const char* uri :
         {"qemu:///system", "qemu:///session", "lxc:///", "network:///system", "storage:///system",
          "nodedev:///system", "secret:///system", "interface:///system", "remote:///"}) {
        EXPECT_EQ(routeOf(uri), Route::kRemote) << uri;
    }
}

class DefaultUriTest : public ::testing::Test {
  protected:
    void SetUp() override {
        save("NODEVIRT_DEFAULT_URI", saved_nodevirt_);
        save("LIBVIRT_DEFAULT_URI", saved_libvirt_);
    }
    void TearDown() override {
        restore("NODEVIRT_DEFAULT_URI", saved_nodevirt_);
        restore("LIBVIRT_DEFAULT_URI", saved_libvirt_);
    }

  private:
    static void save(const char* name, std::optional<std::string>& slot) {
        const char* v = std::getenv(name);
        if (v) slot = v;
        ::unsetenv(name);
    }
    static void restore(const char* name, const std::optional<std::string>& slot) {
        if (slot) {
            ::setenv(name, slot->c_str(), 1);
        } else {
            ::unsetenv(name);
        }
    }
    std::optional<std::string> saved_nodevirt_, saved_libvirt_;
};

TEST_F(DefaultUriTest, NodevirtVariableWinsOverLibvirtVariable) {
    ::setenv("LIBVIRT_DEFAULT_URI", "test:///libvirt", 1);
    EXPECT_EQ(defaultUri(), "test:///libvirt");
    ::setenv("NODEVIRT_DEFAULT_URI", "test:///nodevirt", 1);
    EXPECT_EQ(defaultUri(), "test:///nodevirt");
}

TEST_F(DefaultUriTest, FallsBackToQemuByPrivilege) {
    EXPECT_EQ(defaultUri(), ::geteuid() == 0 ? "qemu:///system" : "qemu:///session");
}

TEST_F(DefaultUriTest, EmptyUriOpensTheDefault) {
    testing::FakeDrivers fakes;
    ::setenv("LIBVIRT_DEFAULT_URI", "test:///default", 1);
    auto conn = openConnection(fakes.set, "", OpenFlags::kNone);
    ASSERT_TRUE(conn) << conn.error().message;
    EXPECT_EQ(fakes.local_factory->opens, 1);
    EXPECT_EQ(fakes.local_factory->last_uri, "test:///default");
}

TEST(OpenConnectionTest, RoutesToTheChosenRegistry) {
    testing::FakeDrivers fakes;
    auto local = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(local);
    EXPECT_EQ(fakes.local_factory->opens, 1);
    EXPECT_EQ(fakes.remote_factory->opens, 0);

    auto remote = openConnection(fakes.set, "test+unix:///default?socket=/tmp/x", OpenFlags::kNone);
    ASSERT_TRUE(remote);
    EXPECT_EQ(fakes.local_factory->opens, 1);
    EXPECT_EQ(fakes.remote_factory->opens, 1);
    EXPECT_EQ(fakes.remote_factory->last_uri, "test+unix:///default?socket=/tmp/x");
}

TEST(OpenConnectionTest, ReadOnlyFlagReachesTheDriverAndTheHandle) {
    testing::FakeDrivers fakes;
    auto ro = openConnection(fakes.set, "test:///default", OpenFlags::kReadOnly);
    ASSERT_TRUE(ro);
    EXPECT_EQ(fakes.local_factory->last_flags, driver::kOpenReadOnly);
    EXPECT_TRUE(ro->isReadOnly());
    auto rw = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(rw);
    EXPECT_EQ(fakes.local_factory->last_flags, 0u);
    EXPECT_FALSE(rw->isReadOnly());
}

TEST(OpenConnectionTest, NoDriverForUri) {
    DriverSet empty;
    auto conn = openConnection(empty, "qemu:///system", OpenFlags::kNone);
    ASSERT_FALSE(conn);
    EXPECT_EQ(conn.error().code, ErrorCode::kNoConnect);
    EXPECT_EQ(conn.error().message, "no connection driver available for qemu:///system");
}

TEST(OpenConnectionTest, MalformedUriIsRejected) {
    testing::FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "::nope", OpenFlags::kNone);
    ASSERT_FALSE(conn);
    EXPECT_EQ(fakes.local_factory->opens + fakes.remote_factory->opens, 0);
}

TEST(OpenConnectionTest, LastHandleClosesTheDriverConnectionOnce) {
    testing::FakeDrivers fakes;
    {
        auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
        ASSERT_TRUE(conn);
        Connection copy = *conn;
        conn->close();
        EXPECT_FALSE(conn->isValid());
        EXPECT_EQ(fakes.local->close_calls, 0);
        auto type = copy.type();
        ASSERT_TRUE(type);
        EXPECT_EQ(*type, "FAKE");
    }
    EXPECT_EQ(fakes.local->close_calls, 1);
}

TEST(OpenConnectionTest, ClosedHandleReportsInvalidConnection) {
    testing::FakeDrivers fakes;
    auto conn = openConnection(fakes.set, "test:///default", OpenFlags::kNone);
    ASSERT_TRUE(conn);
    conn->close();
    auto type = conn->type();
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().code, ErrorCode::kInvalidConn);
    EXPECT_EQ(type.error().message, "invalid connection pointer in virConnectGetType");
}

}  // namespace
}  // namespace nodevirt::client
