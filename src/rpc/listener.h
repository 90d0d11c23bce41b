// Listening sockets for rpc::Server: unix sockets with mode/group set before clients can
// connect, TCP sockets, and SO_PEERCRED of accepted unix clients.
#pragma once

#include <cstdint>
#include <string>

#include "rpc/server.h"
#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

// Non-blocking listening socket at config.path. A leftover socket file nobody listens on is
// replaced; one a live process listens on is an error (another daemon runs).
Result<UniqueFd> listenUnix(const UnixListenerConfig& config);

struct TcpListenSocket {
    UniqueFd fd;
    uint16_t port = 0;
    std::string name;  // "tcp:addr:port"
};
Result<TcpListenSocket> listenTcp(const TcpListenerConfig& config);

PeerCredentials readPeerCredentials(int fd);

}  // namespace nodevirt::rpc
