// nodevirtd's settings: defaults for system mode (root) and session mode (any other user),
// overridden by a libvirtd.conf-style file. Every path the daemon reads or writes is here, so
// a test can run a private daemon entirely inside a temporary directory.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "daemon/conf_file.h"
#include "daemon/log_setup.h"
#include "util/result.h"

namespace nodevirt::daemon {

// The environment the defaults depend on (injected so tests can choose it).
struct Environment {
    bool privileged = false;  // euid 0
    std::map<std::string, std::string> vars;  // XDG_RUNTIME_DIR, XDG_CONFIG_HOME, HOME, ...
    static Environment current();
    [[nodiscard]] std::string get(const std::string& name) const;
};

struct DaemonConfig {
    bool privileged = false;
    // Sockets: <unix_sock_dir>/libvirt-sock and, when enabled, libvirt-sock-ro.
    std::string unix_sock_dir;
    std::optional<gid_t> unix_sock_group;
    mode_t unix_sock_rw_perms = 0700;
    mode_t unix_sock_ro_perms = 0777;
    bool read_only_socket = true;
    // Limits (libvirtd.conf names and defaults).
    size_t max_clients = 5000;
    size_t max_workers = 20;
    size_t max_client_requests = 5;
    int keepalive_interval = 5;  // seconds; -1 disables server keepalive
    unsigned keepalive_count = 5;
    // Logging.
    int log_level = 3;
    std::vector<LogOutput> log_outputs;
    // Paths beyond the sockets.
    std::string pid_file;
    std::string state_dir;  // persistent driver state
    std::string run_dir;    // runtime driver state
    std::string cache_dir;  // driver caches (capability probes)
    // The URI CONNECT_OPEN uses when a client sends no name ("probe the default driver").
    std::string default_uri;
    // Messages about keys that were accepted but not acted upon.
    std::vector<std::string> warnings;

    [[nodiscard]] std::string rwSocketPath() const { return unix_sock_dir + "/libvirt-sock"; }
    [[nodiscard]] std::string roSocketPath() const { return unix_sock_dir + "/libvirt-sock-ro"; }
};

// The defaults for `env` (libvirtd's socket locations, so stock clients find the daemon).
DaemonConfig defaultConfig(const Environment& env);

// Applies every key of `conf` to `config`. A bad value fails with the key, file and line; an
// unknown key only adds a warning.
Status applyConf(DaemonConfig& config, const ConfFile& conf);

}  // namespace nodevirt::daemon
