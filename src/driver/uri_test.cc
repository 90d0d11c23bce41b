#include "driver/uri.h"

#include <gtest/gtest.h>

namespace nodevirt::driver {
namespace {

TEST(UriTest, LocalTestUri) {
    auto u = Uri::parse("test:///default");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->driver, "test");
    EXPECT_EQ(u->transport, "");
    EXPECT_EQ(u->path, "/default");
    EXPECT_FALSE(u->isRemote());
    EXPECT_EQ(u->toString(), "test:///default");
}

TEST(UriTest, UnixSocketUriStripsClientParams) {
    auto u = Uri::parse("test+unix:///default?socket=/tmp/x%20y/sock");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->transport, "unix");
    EXPECT_EQ(u->param("socket"), "/tmp/x y/sock");
    EXPECT_TRUE(u->isRemote());
    EXPECT_EQ(u->serverName(), "test:///default");
}

TEST(UriTest, RemoteHostUserPort) {
    auto u = Uri::parse("qemu+ssh://root@example.org:2222/system?keyfile=/k&foo=bar");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->user, "root");
    EXPECT_EQ(u->host, "example.org");
    EXPECT_EQ(u->port, 2222);
    EXPECT_EQ(u->path, "/system");
    EXPECT_EQ(u->serverName(), "qemu:///system?foo=bar");
    auto v6 = Uri::parse("qemu+tcp://[::1]:16509/system");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->toString(), "qemu+tcp://[::1]:16509/system");
}

TEST(UriTest, Errors) {
    EXPECT_FALSE(Uri::parse("nonsense"));
    EXPECT_FALSE(Uri::parse("qemu://host:99999/system"));
    EXPECT_FALSE(Uri::parse("qemu+tcp://[::1/system"));
}

TEST(UriTest, AbsoluteNodeFile) {
    auto u = Uri::parse("test:///tmp/node.xml");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->path, "/tmp/node.xml");
}

}  // namespace
}  // namespace nodevirt::driver
