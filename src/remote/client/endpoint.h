// Where the remote driver connects for a URI, decided as libvirt's remote driver decides it
// (census §2.1, §2.4): the transport, the unix socket (socket=, or the default daemon sockets
// for system and session mode) or the host and port, and the CONNECT_OPEN name and flags.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "driver/uri.h"
#include "util/result.h"

namespace nodevirt::remote {

enum class TransportKind { kUnix, kTcp, kTls, kSsh, kLibssh, kExternal };

// CONNECT_OPEN flag bits as libvirt's client sends them: only bit 0 means anything to the
// server; the others tell which socket the client picked (census §5.3 item 7).
inline constexpr uint32_t kOpenFlagReadOnly = 1;
inline constexpr uint32_t kOpenFlagUserSocket = 2;
inline constexpr uint32_t kOpenFlagAutostart = 4;

inline constexpr int kDefaultTcpPort = 16509;
inline constexpr int kDefaultTlsPort = 16514;

struct Endpoint {
    TransportKind kind = TransportKind::kUnix;
    std::string socket_path;  // kUnix; also the far-side socket for ssh transports
    std::string host;         // network transports
    int port = 0;
    std::string user;
    // CONNECT_OPEN: the name the server sees ("" when opened without a URI) and the flags.
    std::string open_name;
    uint32_t open_flags = 0;
    // Opened without a URI: the canonical URI comes from CONNECT_GET_URI after the open.
    bool ask_uri = false;
};

// What the default socket depends on; tests substitute their own.
struct EndpointEnv {
    bool privileged = false;    // effective uid 0: system sockets under /run/libvirt
    std::string runtime_dir;    // $XDG_RUNTIME_DIR, else $HOME/.cache (session sockets)
    std::string system_dir = "/run/libvirt";
    std::function<bool(const std::string&)> exists;  // does this socket path exist?

    static EndpointEnv current();
};

// `uri` nullopt: opened without any URI (the daemon picks its default driver).
Result<Endpoint> resolveEndpoint(const std::optional<driver::Uri>& uri, bool read_only,
                                 const EndpointEnv& env);

// "unix", "tcp", ... for messages.
std::string_view transportName(TransportKind kind);

}  // namespace nodevirt::remote
