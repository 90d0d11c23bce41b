#include "rpc/listener.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "rpc/transport.h"

namespace nodevirt::rpc {
namespace {

// Connections the kernel queues before accept(): libvirtd's default max_queued_clients. A
// burst of clients (a management application starting up) must not see EAGAIN.
constexpr int kListenBacklog = 1000;

Result<sockaddr_un> unixAddress(const std::string& path) {
    sockaddr_un addr{};
    if (path.empty() || path.size() >= sizeof(addr.sun_path)) {
        return fail(Error::raw(ErrorCode::kInternalError, ErrorDomain::kRpc,
                               fmt::format("UNIX socket path '{}' too long", path)));
    }
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.data(), path.size());
    return addr;
}

// Removes `path` if it is a socket nobody accepts on; fails if a live server owns it.
Status removeStaleSocket(const std::string& path, const sockaddr_un& addr) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return ok();
    if (!S_ISSOCK(st.st_mode)) {
        return fail(Error::raw(ErrorCode::kOperationFailed, ErrorDomain::kRpc,
                               fmt::format("'{}' exists and is not a socket", path)));
    }
    UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (probe && ::connect(probe.get(), reinterpret_cast<const sockaddr*>(&addr),
                           sizeof(addr)) == 0) {
        return fail(Error::raw(ErrorCode::kOperationFailed, ErrorDomain::kRpc,
                               fmt::format("another server is listening on '{}'", path)));
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        return fail(systemError(errno, fmt::format("Failed to remove stale socket '{}'", path)));
    }
    return ok();
}

}  // namespace

Result<UniqueFd> listenUnix(const UnixListenerConfig& config) {
    NODEVIRT_ASSIGN_OR_RETURN(sockaddr_un addr, unixAddress(config.path));
    NODEVIRT_TRY(removeStaleSocket(config.path, addr));
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd) return fail(systemError(errno, "Failed to create socket"));
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        return fail(systemError(errno, fmt::format("Failed to bind socket to '{}'", config.path)));
    }
    // Permissions are fixed before listen(): until then every connect is refused, so no client
    // can slip in under the umask's mode.
    auto unlinkOnError = [&](int err, std::string what) {
        ::unlink(config.path.c_str());
        return fail(systemError(err, what));
    };
    if (::chmod(config.path.c_str(), config.mode) != 0) {
        return unlinkOnError(errno, fmt::format("Failed to change mode of '{}'", config.path));
    }
    if (config.group && ::chown(config.path.c_str(), static_cast<uid_t>(-1), *config.group) != 0) {
        return unlinkOnError(errno, fmt::format("Failed to change group of '{}' to {}",
                                                config.path, *config.group));
    }
    if (::listen(fd.get(), kListenBacklog) != 0) {
        return unlinkOnError(errno, fmt::format("Failed to listen on '{}'", config.path));
    }
    return fd;
}

Result<TcpListenSocket> listenTcp(const TcpListenerConfig& config) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* list = nullptr;
    std::string service = std::to_string(config.port);
    const char* host = config.address.empty() ? nullptr : config.address.c_str();
    int gai = ::getaddrinfo(host, service.c_str(), &hints, &list);
    if (gai != 0) {
        return fail(Error::raw(ErrorCode::kSystemError, ErrorDomain::kRpc,
                               fmt::format("Unable to resolve address '{}' service '{}': {}",
                                           config.address, service, ::gai_strerror(gai))));
    }
    int last_errno = EADDRNOTAVAIL;
    TcpListenSocket out;
    for (addrinfo* ai = list; ai != nullptr && !out.fd; ai = ai->ai_next) {
        UniqueFd fd(::socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        if (!fd) {
            last_errno = errno;
            continue;
        }
        int one = 1;
        ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6) {
            ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        }
        if (::bind(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0 ||
            ::listen(fd.get(), kListenBacklog) != 0) {
            last_errno = errno;
            continue;
        }
        sockaddr_storage bound{};
        socklen_t len = sizeof(bound);
        ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&bound), &len);
        out.port = ntohs(bound.ss_family == AF_INET6
                             ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
        out.fd = std::move(fd);
    }
    ::freeaddrinfo(list);
    if (!out.fd) {
        return fail(systemError(last_errno, fmt::format("Unable to listen on '{}' port {}",
                                                        config.address, config.port)));
    }
    out.name = fmt::format("tcp:{}:{}", config.address, out.port);
    return out;
}

PeerCredentials readPeerCredentials(int fd) {
    PeerCredentials creds;
    ucred uc{};
    socklen_t len = sizeof(uc);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == 0 && len == sizeof(uc)) {
        creds.known = true;
        creds.uid = uc.uid;
        creds.gid = uc.gid;
        creds.pid = uc.pid;
    }
    return creds;
}

}  // namespace nodevirt::rpc
