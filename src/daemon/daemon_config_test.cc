#include "daemon/daemon_config.h"

#include <gtest/gtest.h>

namespace nodevirt::daemon {
namespace {

Environment sessionEnv() {
    Environment env;
    env.privileged = false;
    env.vars = {{"HOME", "/home/u"}, {"XDG_RUNTIME_DIR", "/run/user/1000"}};
    return env;
}

Result<DaemonConfig> configFrom(const std::string& text, const Environment& env) {
    DaemonConfig cfg = defaultConfig(env);
    NODEVIRT_ASSIGN_OR_RETURN(ConfFile file, parseConf(text, "test.conf"));
    NODEVIRT_TRY(applyConf(cfg, file));
    return cfg;
}

TEST(DaemonConfigTest, SystemDefaultsAreLibvirtdSockets) {
    Environment env;
    env.privileged = true;
    DaemonConfig cfg = defaultConfig(env);
    EXPECT_EQ(cfg.rwSocketPath(), "/run/libvirt/libvirt-sock");
    EXPECT_EQ(cfg.roSocketPath(), "/run/libvirt/libvirt-sock-ro");
    EXPECT_TRUE(cfg.read_only_socket);
    EXPECT_EQ(cfg.max_clients, 5000u);
    EXPECT_EQ(cfg.max_workers, 20u);
    EXPECT_EQ(cfg.max_client_requests, 5u);
    EXPECT_EQ(cfg.keepalive_interval, 5);
    EXPECT_EQ(cfg.keepalive_count, 5u);
}

TEST(DaemonConfigTest, SessionDefaultsUseXdgRuntimeDir) {
    DaemonConfig cfg = defaultConfig(sessionEnv());
    EXPECT_EQ(cfg.rwSocketPath(), "/run/user/1000/libvirt/libvirt-sock");
    EXPECT_FALSE(cfg.read_only_socket);
    EXPECT_EQ(cfg.state_dir, "/home/u/.config/nodevirt");
    EXPECT_EQ(cfg.cache_dir, "/home/u/.cache/nodevirt");
}

TEST(DaemonConfigTest, AppliesEveryKey) {
    auto cfg = configFrom(
        "unix_sock_dir = \"/tmp/t/\"\n"
        "unix_sock_group = \"0\"\n"
        "unix_sock_ro_perms = \"0755\"\n"
        "unix_sock_rw_perms = \"0700\"\n"
        "max_clients = 7\nmax_workers = 3\nmax_client_requests = 2\n"
        "keepalive_interval = -1\nkeepalive_count = 0\n"
        "log_level = 1\nlog_outputs = \"1:file:/tmp/t/log 3:stderr\"\n"
        "pid_file = \"/tmp/t/pid\"\nstate_dir = \"/tmp/t/state\"\nrun_dir = \"/tmp/t/run\"\n"
        "cache_dir = \"/tmp/t/cache\"\ndefault_uri = \"test:///default\"\n"
        "unix_sock_ro_enabled = 1\n",
        sessionEnv());
    ASSERT_TRUE(cfg.has_value()) << cfg.error().message;
    EXPECT_EQ(cfg->unix_sock_dir, "/tmp/t");
    EXPECT_EQ(cfg->unix_sock_group, gid_t{0});
    EXPECT_EQ(cfg->unix_sock_ro_perms, 0755u);
    EXPECT_EQ(cfg->max_clients, 7u);
    EXPECT_EQ(cfg->max_workers, 3u);
    EXPECT_EQ(cfg->max_client_requests, 2u);
    EXPECT_EQ(cfg->keepalive_interval, -1);
    EXPECT_EQ(cfg->keepalive_count, 0u);
    EXPECT_EQ(cfg->log_level, 1);
    ASSERT_EQ(cfg->log_outputs.size(), 2u);
    EXPECT_EQ(cfg->log_outputs[0].kind, LogOutput::Kind::kFile);
    EXPECT_EQ(cfg->log_outputs[0].target, "/tmp/t/log");
    EXPECT_EQ(cfg->pid_file, "/tmp/t/pid");
    EXPECT_EQ(cfg->run_dir, "/tmp/t/run");
    EXPECT_TRUE(cfg->read_only_socket);
    EXPECT_TRUE(cfg->warnings.empty());
}

TEST(DaemonConfigTest, BadValuesNameKeyAndLine) {
    struct Case {
        const char* text;
        const char* expect;
    } cases[] = {
        {"max_clients = \"ten\"\n", "test.conf:1: bad value for 'max_clients'"},
        {"\nmax_workers = 0\n", "test.conf:2: bad value for 'max_workers'"},
        {"unix_sock_ro_perms = \"0999\"\n", "'0999' is not an octal mode"},
        {"unix_sock_dir = \"relative\"\n", "not an absolute path"},
        {"log_level = 7\n", "bad value for 'log_level'"},
        {"log_outputs = \"9:stderr\"\n", "bad log output '9:stderr'"},
        {"log_outputs = \"1:file:rel\"\n", "absolute path"},
        {"keepalive_interval = 0\n", "bad value for 'keepalive_interval'"},
        {"unix_sock_group = \"no-such-group-nodevirt\"\n", "unknown group"},
    };
    for (const Case& c : cases) {
        auto cfg = configFrom(c.text, sessionEnv());
        ASSERT_FALSE(cfg.has_value()) << c.text;
        EXPECT_NE(cfg.error().message.find(c.expect), std::string::npos) << cfg.error().message;
    }
}

TEST(DaemonConfigTest, UnknownAndUnsupportedKeysWarn) {
    auto cfg = configFrom("frobnicate = 1\nlisten_tcp = 1\n", sessionEnv());
    ASSERT_TRUE(cfg.has_value());
    ASSERT_EQ(cfg->warnings.size(), 2u);
    EXPECT_NE(cfg->warnings[0].find("test.conf:1: unknown key 'frobnicate'"), std::string::npos);
    EXPECT_NE(cfg->warnings[1].find("'listen_tcp' is not supported"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::daemon
