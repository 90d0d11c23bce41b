#include "daemon/daemon_config.h"

#include <grp.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <set>

#include "util/strings.h"

extern char** environ;

namespace nodevirt::daemon {
namespace {

// libvirtd.conf keys nodevirtd accepts but does not act upon (yet): a warning, not an error,
// so an existing libvirtd.conf keeps working.
const std::set<std::string, std::less<>> kIgnoredKeys = {
    "min_workers", "prio_workers", "max_queued_clients", "max_anonymous_clients",
    "keepalive_required", "log_filters", "unix_sock_admin_perms", "admin_max_workers",
    "admin_min_workers", "admin_max_clients", "admin_max_queued_clients",
    "admin_max_client_requests", "admin_keepalive_interval", "admin_keepalive_count",
    "auth_unix_ro", "auth_unix_rw", "listen_tls", "listen_tcp", "tls_port", "tcp_port",
    "listen_addr", "auth_tcp", "auth_tls", "host_uuid", "host_uuid_source", "audit_level",
    "audit_logging", "mdns_adv", "mdns_name", "ovs_timeout", "tcp_min_ssf", "access_drivers",
};

class Applier {
  public:
    Applier(DaemonConfig& c, const ConfFile& f) : config_(c), file_(f) {}

    Status apply(const ConfEntry& e) {
        entry_ = &e;
        const std::string& k = e.key;
        if (k == "unix_sock_dir") return path(config_.unix_sock_dir);
        if (k == "unix_sock_group") return group();
        if (k == "unix_sock_ro_perms") return perms(config_.unix_sock_ro_perms);
        if (k == "unix_sock_rw_perms") return perms(config_.unix_sock_rw_perms);
        if (k == "max_clients") return count(config_.max_clients, 1);
        if (k == "max_workers") return count(config_.max_workers, 1);
        if (k == "max_client_requests") return count(config_.max_client_requests, 1);
        if (k == "keepalive_interval") return keepaliveInterval();
        if (k == "keepalive_count") return keepaliveCount();
        if (k == "log_level") return logLevel();
        if (k == "log_outputs") return logOutputs();
        if (k == "pid_file") return path(config_.pid_file);
        if (k == "state_dir") return path(config_.state_dir);
        if (k == "run_dir") return path(config_.run_dir);
        if (k == "cache_dir") return path(config_.cache_dir);
        if (k == "default_uri") return text(config_.default_uri);
        if (k == "unix_sock_ro_enabled") return flag(config_.read_only_socket);
        if (kIgnoredKeys.count(k) != 0) {
            config_.warnings.push_back(fmt::format("{}:{}: '{}' is not supported by nodevirtd; ignored",
                                                   file_.name, e.line, k));
            return ok();
        }
        config_.warnings.push_back(
            fmt::format("{}:{}: unknown key '{}' ignored", file_.name, e.line, k));
        return ok();
    }

  private:
    Error bad(std::string_view why) const {
        return invalidArg(fmt::format("{}:{}: bad value for '{}': {}", file_.name, entry_->line,
                                      entry_->key, why));
    }
    Result<std::string> stringValue() const {
        if (entry_->value.kind != ConfValue::Kind::kString) return fail(bad("expected a quoted string"));
        return entry_->value.text;
    }
    Result<int64_t> intValue() const {
        if (entry_->value.kind != ConfValue::Kind::kInt) return fail(bad("expected an integer"));
        return entry_->value.number;
    }
    Status text(std::string& out) {
        NODEVIRT_ASSIGN_OR_RETURN(out, stringValue());
        return ok();
    }
    Status path(std::string& out) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string p, stringValue());
        if (p.empty() || p[0] != '/') return fail(bad(fmt::format("'{}' is not an absolute path", p)));
        while (p.size() > 1 && p.back() == '/') p.pop_back();
        out = p;
        return ok();
    }
    Status group() {
        NODEVIRT_ASSIGN_OR_RETURN(std::string name, stringValue());
        if (std::optional<unsigned> gid = str::parseUint(name)) {
            config_.unix_sock_group = static_cast<gid_t>(*gid);
            return ok();
        }
        struct group grp {};
        struct group* found = nullptr;
        std::vector<char> buf(16384);
        if (getgrnam_r(name.c_str(), &grp, buf.data(), buf.size(), &found) != 0 || !found) {
            return fail(bad(fmt::format("unknown group '{}'", name)));
        }
        config_.unix_sock_group = found->gr_gid;
        return ok();
    }
    Status perms(mode_t& out) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string s, stringValue());
        std::optional<unsigned> mode = str::parseUint(s, 8);
        if (!mode || *mode > 07777) return fail(bad(fmt::format("'{}' is not an octal mode", s)));
        out = static_cast<mode_t>(*mode);
        return ok();
    }
    Status count(size_t& out, int64_t min) {
        NODEVIRT_ASSIGN_OR_RETURN(int64_t n, intValue());
        if (n < min || n > 1000000) return fail(bad(fmt::format("{} is out of range", n)));
        out = static_cast<size_t>(n);
        return ok();
    }
    Status flag(bool& out) {
        NODEVIRT_ASSIGN_OR_RETURN(int64_t n, intValue());
        if (n != 0 && n != 1) return fail(bad("expected 0 or 1"));
        out = n == 1;
        return ok();
    }
    Status keepaliveInterval() {
        NODEVIRT_ASSIGN_OR_RETURN(int64_t n, intValue());
        if (n < -1 || n == 0 || n > 86400) {
            return fail(bad(fmt::format("{} is not -1 (disabled) or 1..86400 seconds", n)));
        }
        config_.keepalive_interval = static_cast<int>(n);
        return ok();
    }
    Status keepaliveCount() {
        NODEVIRT_ASSIGN_OR_RETURN(int64_t n, intValue());
        if (n < 0 || n > 1000) return fail(bad(fmt::format("{} is out of range 0..1000", n)));
        config_.keepalive_count = static_cast<unsigned>(n);
        return ok();
    }
    Status logLevel() {
        NODEVIRT_ASSIGN_OR_RETURN(int64_t n, intValue());
        if (n < 1 || n > 4) return fail(bad(fmt::format("{} is not a level 1..4", n)));
        config_.log_level = static_cast<int>(n);
        return ok();
    }
    Status logOutputs() {
        NODEVIRT_ASSIGN_OR_RETURN(std::string spec, stringValue());
        Result<std::vector<LogOutput>> outputs = parseLogOutputs(spec);
        if (!outputs) return fail(bad(outputs.error().message));
        config_.log_outputs = std::move(*outputs);
        return ok();
    }

    DaemonConfig& config_;
    const ConfFile& file_;
    const ConfEntry* entry_ = nullptr;
};

}  // namespace

Environment Environment::current() {
    Environment env;
    env.privileged = geteuid() == 0;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        std::string_view kv(*e);
        size_t eq = kv.find('=');
        if (eq != std::string_view::npos) env.vars[std::string(kv.substr(0, eq))] = kv.substr(eq + 1);
    }
    return env;
}

std::string Environment::get(const std::string& name) const {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
}

DaemonConfig defaultConfig(const Environment& env) {
    DaemonConfig c;
    c.privileged = env.privileged;
    if (env.privileged) {
        c.unix_sock_dir = "/run/libvirt";
        c.pid_file = "/run/nodevirtd.pid";
        c.state_dir = "/var/lib/nodevirt";
        c.run_dir = "/run/nodevirt";
        c.cache_dir = "/var/cache/nodevirt";
        c.read_only_socket = true;
        c.default_uri = "test:///default";
        return c;
    }
    // Session mode: libvirt's per-user locations.
    std::string home = env.get("HOME");
    std::string runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime.empty()) runtime = home + "/.cache";
    std::string config_home = env.get("XDG_CONFIG_HOME");
    if (config_home.empty()) config_home = home + "/.config";
    std::string cache_home = env.get("XDG_CACHE_HOME");
    if (cache_home.empty()) cache_home = home + "/.cache";
    c.unix_sock_dir = runtime + "/libvirt";
    c.pid_file = runtime + "/libvirt/nodevirtd.pid";
    c.state_dir = config_home + "/nodevirt";
    c.run_dir = runtime + "/nodevirt";
    c.cache_dir = cache_home + "/nodevirt";
    c.read_only_socket = false;  // a session daemon serves only its own user
    c.default_uri = "test:///default";
    return c;
}

Status applyConf(DaemonConfig& config, const ConfFile& conf) {
    Applier applier(config, conf);
    for (const ConfEntry& e : conf.entries) NODEVIRT_TRY(applier.apply(e));
    return ok();
}

}  // namespace nodevirt::daemon
