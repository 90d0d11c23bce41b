#include "rpc/transport.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "rpc/wire.h"

namespace nodevirt::rpc {
namespace {

// EINTR is retried a bounded number of times; a signal storm surfaces as an error.
constexpr int kMaxEintrRetries = 16;

IoResult fromErrno(int err, bool want_write) {
    IoResult r;
    if (err == EAGAIN || err == EWOULDBLOCK) {
        r.state = IoState::kWouldBlock;
        r.want_write = want_write;
    } else {
        r.state = IoState::kError;
        r.error = err;
    }
    return r;
}

IoResult done(size_t n) {
    IoResult r;
    r.bytes = n;
    return r;
}

// Moves every SCM_RIGHTS fd out of a received control buffer.
void collectFds(msghdr& msg, std::vector<UniqueFd>& fds) {
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        const unsigned char* data = CMSG_DATA(c);
        for (size_t i = 0; i < count; ++i) {
            int fd = -1;
            std::memcpy(&fd, data + i * sizeof(int), sizeof(int));
            fds.emplace_back(fd);
        }
    }
}

}  // namespace

Status setNonBlocking(int fd) {
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        return fail(systemError(errno, "Unable to set socket non-blocking"));
    }
    int fdflags = ::fcntl(fd, F_GETFD);
    if (fdflags < 0 || ::fcntl(fd, F_SETFD, fdflags | FD_CLOEXEC) < 0) {
        return fail(systemError(errno, "Unable to set socket close-on-exec"));
    }
    return ok();
}

SocketTransport::SocketTransport(UniqueFd fd, bool unix_socket, std::string description)
    : fd_(std::move(fd)), unix_(unix_socket), description_(std::move(description)) {}

IoResult SocketTransport::read(std::span<char> buffer, std::vector<UniqueFd>& fds) {
    // Room for more than one message's worth of fds, so MSG_CTRUNC means a misbehaving peer.
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kFdsMax)];
    iovec iov{buffer.data(), buffer.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (unix_) {
        msg.msg_control = control;
        msg.msg_controllen = sizeof(control);
    }
    for (int attempt = 0; attempt < kMaxEintrRetries; ++attempt) {
        ssize_t n = ::recvmsg(fd_.get(), &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fromErrno(errno, false);
        }
        if (unix_) collectFds(msg, fds);
        if (msg.msg_flags & MSG_CTRUNC) {
            IoResult r;
            r.state = IoState::kError;
            r.error = EPROTO;
            return r;
        }
        if (n == 0) {
            IoResult r;
            r.state = IoState::kClosed;
            return r;
        }
        return done(static_cast<size_t>(n));
    }
    return fromErrno(EINTR, false);
}

IoResult SocketTransport::write(std::span<const iovec> data) {
    msghdr msg{};
    msg.msg_iov = const_cast<iovec*>(data.data());
    msg.msg_iovlen = data.size();
    for (int attempt = 0; attempt < kMaxEintrRetries; ++attempt) {
        ssize_t n = ::sendmsg(fd_.get(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fromErrno(errno, true);
        }
        return done(static_cast<size_t>(n));
    }
    return fromErrno(EINTR, true);
}

IoResult SocketTransport::sendFd(int fd) {
    if (!unix_) return fromErrno(EOPNOTSUPP, false);
    char carrier = 0;
    iovec iov{&carrier, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
    for (int attempt = 0; attempt < kMaxEintrRetries; ++attempt) {
        ssize_t n = ::sendmsg(fd_.get(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fromErrno(errno, true);
        }
        return done(static_cast<size_t>(n));
    }
    return fromErrno(EINTR, true);
}

void SocketTransport::shutdown() {
    if (fd_) ::shutdown(fd_.get(), SHUT_RDWR);
}

Result<TransportPtr> connectUnixSocket(const std::string& path) {
    sockaddr_un addr{};
    if (path.empty() || path.size() >= sizeof(addr.sun_path)) {
        return fail(Error::raw(ErrorCode::kInternalError, ErrorDomain::kRpc,
                               fmt::format("UNIX socket path '{}' too long", path)));
    }
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.data(), path.size());
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd) return fail(systemError(errno, "Failed to create socket"));
    int rc = 0;
    for (int attempt = 0; attempt < kMaxEintrRetries; ++attempt) {
        rc = ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
        if (rc == 0 || errno != EINTR) break;
    }
    if (rc != 0) {
        return fail(systemError(errno, fmt::format("Failed to connect socket to '{}'", path)));
    }
    NODEVIRT_TRY(setNonBlocking(fd.get()));
    return TransportPtr(std::make_unique<SocketTransport>(std::move(fd), true, "unix:" + path));
}

Result<TransportPtr> connectTcpSocket(const std::string& host, uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    std::string service = std::to_string(port);
    int gai = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
    if (gai != 0) {
        return fail(Error::raw(ErrorCode::kSystemError, ErrorDomain::kRpc,
                               fmt::format("Unable to resolve address '{}' service '{}': {}",
                                           host, service, ::gai_strerror(gai))));
    }
    int last_errno = ECONNREFUSED;
    UniqueFd fd;
    for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
        UniqueFd candidate(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                                    ai->ai_protocol));
        if (!candidate) {
            last_errno = errno;
            continue;
        }
        if (::connect(candidate.get(), ai->ai_addr, ai->ai_addrlen) == 0) {
            fd = std::move(candidate);
            break;
        }
        last_errno = errno;
    }
    ::freeaddrinfo(list);
    if (!fd) {
        return fail(systemError(last_errno,
                                fmt::format("unable to connect to server at '{}:{}'", host, port)));
    }
    int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    NODEVIRT_TRY(setNonBlocking(fd.get()));
    return TransportPtr(std::make_unique<SocketTransport>(
        std::move(fd), false, fmt::format("tcp:{}:{}", host, port)));
}

}  // namespace nodevirt::rpc
