// Connection URIs as libvirt clients write them: driver[+transport]://[user@][host][:port]/path
// [?key=value&...]. The transport/host decide local vs remote; client-only query parameters
// (socket, no_verify, ...) are stripped before the URI reaches the server.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace nodevirt::driver {

struct Uri {
    std::string scheme;     // "test+unix"
    std::string driver;     // "test"
    std::string transport;  // "unix", "tcp", "tls", "ssh", "libssh2", "ext" or "" (none given)
    std::string user;
    std::string host;
    int port = 0;  // 0 = default
    std::string path;  // "/default", "/system", "/ABS/PATH.xml"
    std::vector<std::pair<std::string, std::string>> params;
    std::string fragment;

    static Result<Uri> parse(const std::string& text);
    [[nodiscard]] std::string toString() const;
    [[nodiscard]] std::optional<std::string> param(const std::string& key) const;
    // True when the URI names a transport or a host, i.e. the remote driver must handle it.
    [[nodiscard]] bool isRemote() const { return !transport.empty() || !host.empty(); }
    // The name a server sees in CONNECT_OPEN: transport, host, user, port and client-only
    // parameters removed ("test+unix:///default?socket=S" -> "test:///default").
    [[nodiscard]] std::string serverName() const;
};

}  // namespace nodevirt::driver
