#include "remote/client/endpoint.h"

#include <gtest/gtest.h>

#include <set>

namespace nodevirt::remote {
namespace {

EndpointEnv fakeEnv(bool privileged, std::set<std::string> existing = {}) {
    EndpointEnv env;
    env.privileged = privileged;
    env.runtime_dir = "/run/user/1000";
    env.system_dir = "/run/libvirt";
    env.exists = [existing](const std::string& p) { return existing.count(p) > 0; };
    return env;
}

Endpoint resolve(const std::string& uri, bool ro = false, const EndpointEnv& env = fakeEnv(true)) {
    auto parsed = driver::Uri::parse(uri);
    EXPECT_TRUE(parsed) << uri;
    auto ep = resolveEndpoint(*parsed, ro, env);
    EXPECT_TRUE(ep) << uri << ": " << (ep ? "" : ep.error().message);
    return ep ? *ep : Endpoint{};
}

TEST(EndpointTest, ExplicitSocketAndStrippedServerName) {
    Endpoint ep = resolve("test+unix:///default?socket=/tmp/x/sock");
    EXPECT_EQ(ep.kind, TransportKind::kUnix);
    EXPECT_EQ(ep.socket_path, "/tmp/x/sock");
    EXPECT_EQ(ep.open_name, "test:///default");
    EXPECT_EQ(ep.open_flags, 0u);
    EXPECT_FALSE(ep.ask_uri);
}

TEST(EndpointTest, ReadOnlySetsBitZeroOnly) {
    Endpoint ep = resolve("test+unix:///default?socket=/tmp/s", true);
    EXPECT_EQ(ep.open_flags, kOpenFlagReadOnly);
}

TEST(EndpointTest, SystemDefaultIsLibvirtdSocketUnlessTheDriverDaemonExists) {
    EXPECT_EQ(resolve("qemu:///system").socket_path, "/run/libvirt/libvirt-sock");
    EXPECT_EQ(resolve("qemu:///system", true).socket_path, "/run/libvirt/libvirt-sock-ro");
    auto modular = fakeEnv(true, {"/run/libvirt/virtqemud-sock", "/run/libvirt/virtqemud-sock-ro"});
    EXPECT_EQ(resolve("qemu:///system", false, modular).socket_path, "/run/libvirt/virtqemud-sock");
    EXPECT_EQ(resolve("qemu:///system", true, modular).socket_path,
              "/run/libvirt/virtqemud-sock-ro");
    EXPECT_EQ(resolve("qemu+unix:///system", false, modular).open_name, "qemu:///system");
}

TEST(EndpointTest, ModeParameterForcesTheChoice) {
    auto modular = fakeEnv(true, {"/run/libvirt/virtqemud-sock"});
    EXPECT_EQ(resolve("qemu:///system?mode=legacy", false, modular).socket_path,
              "/run/libvirt/libvirt-sock");
    EXPECT_EQ(resolve("qemu:///system?mode=direct").socket_path, "/run/libvirt/virtqemud-sock");
    EXPECT_EQ(resolve("qemu:///system?mode=direct").open_name, "qemu:///system");
    auto bad = resolveEndpoint(*driver::Uri::parse("qemu:///system?mode=sideways"), false, fakeEnv(true));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArg);
    EXPECT_NE(bad.error().message.find("sideways"), std::string::npos);
}

TEST(EndpointTest, SessionUrisUseTheUserRuntimeDirectory) {
    Endpoint ep = resolve("qemu:///session", true, fakeEnv(false));
    EXPECT_EQ(ep.socket_path, "/run/user/1000/libvirt/libvirt-sock");  // no -ro in session mode
    EXPECT_EQ(ep.open_flags, kOpenFlagReadOnly | kOpenFlagUserSocket | kOpenFlagAutostart);
    EXPECT_EQ(ep.open_name, "qemu:///session");
}

TEST(EndpointTest, NoUriOpensTheDefaultDaemonAndAsksForTheUri) {
    auto user = resolveEndpoint(std::nullopt, false, fakeEnv(false));
    ASSERT_TRUE(user);
    EXPECT_EQ(user->socket_path, "/run/user/1000/libvirt/libvirt-sock");
    EXPECT_EQ(user->open_name, "");
    EXPECT_EQ(user->open_flags, 6u);  // observed for an unprivileged no-URI open (census §2.4)
    EXPECT_TRUE(user->ask_uri);
    auto root = resolveEndpoint(std::nullopt, true, fakeEnv(true));
    ASSERT_TRUE(root);
    EXPECT_EQ(root->socket_path, "/run/libvirt/libvirt-sock-ro");
    EXPECT_EQ(root->open_flags, 1u);
}

TEST(EndpointTest, NetworkTransportsAndDefaultPorts) {
    Endpoint tcp = resolve("test+tcp://127.0.0.1/default");
    EXPECT_EQ(tcp.kind, TransportKind::kTcp);
    EXPECT_EQ(tcp.host, "127.0.0.1");
    EXPECT_EQ(tcp.port, kDefaultTcpPort);
    EXPECT_EQ(tcp.open_name, "test:///default");
    EXPECT_EQ(resolve("test+tcp://h:16609/default").port, 16609);
    EXPECT_EQ(resolve("qemu+tls://host/system").port, kDefaultTlsPort);
    EXPECT_EQ(resolve("qemu://host/system").kind, TransportKind::kTls);  // libvirt's default
    Endpoint ssh = resolve("qemu+ssh://root@host/system");
    EXPECT_EQ(ssh.kind, TransportKind::kSsh);
    EXPECT_EQ(ssh.user, "root");
    EXPECT_EQ(ssh.open_name, "qemu:///system");
}

TEST(EndpointTest, BadCombinationsAreRefused) {
    auto env = fakeEnv(true);
    auto bogus = resolveEndpoint(*driver::Uri::parse("qemu+pigeon:///system"), false, env);
    ASSERT_FALSE(bogus);
    EXPECT_NE(bogus.error().message.find("transport in URL not recognised"), std::string::npos);
    auto no_host = resolveEndpoint(*driver::Uri::parse("qemu+tcp:///system"), false, env);
    ASSERT_FALSE(no_host);
    EXPECT_NE(no_host.error().message.find("host name is required"), std::string::npos);
    auto unix_host = resolveEndpoint(*driver::Uri::parse("qemu+unix://h/system"), false, env);
    ASSERT_FALSE(unix_host);
}

}  // namespace
}  // namespace nodevirt::remote
