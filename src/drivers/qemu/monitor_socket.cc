#include "drivers/qemu/monitor_socket.h"

#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nodevirt::qemu {
namespace {

Result<sockaddr_un> address(const std::string& path) {
    sockaddr_un addr{};
    if (path.empty() || path.size() >= sizeof addr.sun_path)
        return fail(invalidArg(fmt::format("monitor socket path '{}' is too long", path)));
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    return addr;
}

}  // namespace

Result<UniqueFd> listenUnixSocket(const std::string& path, int backlog) {
    NODEVIRT_ASSIGN_OR_RETURN(sockaddr_un addr, address(path));
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd) return fail(systemError(errno, "cannot create unix socket"));
    if (::unlink(path.c_str()) < 0 && errno != ENOENT)
        return fail(systemError(errno, fmt::format("cannot remove stale socket '{}'", path)));
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0)
        return fail(systemError(errno, fmt::format("cannot bind socket '{}'", path)));
    if (::listen(fd.get(), backlog) < 0)
        return fail(systemError(errno, fmt::format("cannot listen on socket '{}'", path)));
    return fd;
}

Result<UniqueFd> connectUnixSocket(const std::string& path) {
    NODEVIRT_ASSIGN_OR_RETURN(sockaddr_un addr, address(path));
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd) return fail(systemError(errno, "cannot create unix socket"));
    int r;
    do {
        r = ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    } while (r < 0 && errno == EINTR);
    if (r < 0) return fail(systemError(errno, fmt::format("cannot connect to socket '{}'", path)));
    return fd;
}

}  // namespace nodevirt::qemu
