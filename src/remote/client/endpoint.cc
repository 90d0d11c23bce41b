#include "remote/client/endpoint.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "util/error.h"
#include "util/strings.h"

namespace nodevirt::remote {
namespace {

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
    return v && *v ? std::string(v) : fallback;
}

Result<TransportKind> transportOf(const driver::Uri& uri) {
    const std::string& t = uri.transport;
    if (t.empty()) return uri.host.empty() ? TransportKind::kUnix : TransportKind::kTls;
    if (t == "unix") return TransportKind::kUnix;
    if (t == "tcp") return TransportKind::kTcp;
    if (t == "tls") return TransportKind::kTls;
    if (t == "ssh") return TransportKind::kSsh;
    if (t == "libssh2" || t == "libssh") return TransportKind::kLibssh;
    if (t == "ext") return TransportKind::kExternal;
    return fail(Error::make(ErrorCode::kInvalidArg, ErrorDomain::kRemote,
                            "remote_open: transport in URL not recognised (should be "
                            "tls|unix|ssh|ext|tcp|libssh2|libssh)"));
}

enum class SocketMode { kAuto, kLegacy, kDirect };

Result<SocketMode> socketModeOf(const driver::Uri& uri) {
    std::optional<std::string> mode = uri.param("mode");
    if (!mode || *mode == "auto") return SocketMode::kAuto;
    if (*mode == "legacy") return SocketMode::kLegacy;
    if (*mode == "direct") return SocketMode::kDirect;
    return fail(Error::make(ErrorCode::kInvalidArg, ErrorDomain::kRemote,
                            "Unknown remote mode '" + *mode + "'"));
}

// The default socket (census §2.1): in direct mode the per-driver daemon's socket
// (virtqemud-sock), in legacy mode libvirtd's (libvirt-sock); auto picks direct only when the
// per-driver socket exists. System sockets have -ro variants; session sockets do not.
std::string defaultSocket(const std::string& driver_name, SocketMode mode, bool session,
                          bool read_only, const EndpointEnv& env) {
    std::string dir = session ? env.runtime_dir + "/libvirt" : env.system_dir;
    std::string suffix = (!session && read_only) ? "-sock-ro" : "-sock";
    std::string legacy = dir + "/libvirt" + suffix;
    if (driver_name.empty() || mode == SocketMode::kLegacy) return legacy;
    std::string direct = dir + "/virt" + driver_name + "d" + suffix;
    if (mode == SocketMode::kDirect) return direct;
    return env.exists && env.exists(direct) ? direct : legacy;
}

}  // namespace

std::string_view transportName(TransportKind kind) {
    switch (kind) {
        case TransportKind::kUnix: return "unix";
        case TransportKind::kTcp: return "tcp";
        case TransportKind::kTls: return "tls";
        case TransportKind::kSsh: return "ssh";
        case TransportKind::kLibssh: return "libssh";
        case TransportKind::kExternal: return "ext";
    }
    return "unknown";
}

EndpointEnv EndpointEnv::current() {
    EndpointEnv env;
    env.privileged = ::geteuid() == 0;
    env.runtime_dir = envOr("XDG_RUNTIME_DIR", envOr("HOME", "/") + "/.cache");
    env.exists = [](const std::string& path) {
        struct stat st {};
        return ::stat(path.c_str(), &st) == 0;
    };
    return env;
}

Result<Endpoint> resolveEndpoint(const std::optional<driver::Uri>& uri, bool read_only,
                                 const EndpointEnv& env) {
    Endpoint ep;
    if (read_only) ep.open_flags |= kOpenFlagReadOnly;
    if (!uri) {
        // No URI at all: the server chooses its default driver; a user talks to its own
        // session daemon, root to the system daemon (census §2.4).
        bool session = !env.privileged;
        if (session) ep.open_flags |= kOpenFlagUserSocket | kOpenFlagAutostart;
        ep.socket_path = defaultSocket("", SocketMode::kLegacy, session, read_only, env);
        ep.ask_uri = true;
        return ep;
    }
    NODEVIRT_ASSIGN_OR_RETURN(ep.kind, transportOf(*uri));
    NODEVIRT_ASSIGN_OR_RETURN(SocketMode mode, socketModeOf(*uri));
    ep.open_name = uri->serverName();
    ep.host = uri->host;
    ep.user = uri->user;
    ep.port = uri->port;
    if (ep.kind == TransportKind::kTcp && ep.port == 0) ep.port = kDefaultTcpPort;
    if (ep.kind == TransportKind::kTls && ep.port == 0) ep.port = kDefaultTlsPort;
    bool needs_host = ep.kind == TransportKind::kTcp || ep.kind == TransportKind::kTls ||
                      ep.kind == TransportKind::kSsh || ep.kind == TransportKind::kLibssh;
    if (needs_host && ep.host.empty()) {
        return fail(Error::make(ErrorCode::kInvalidArg, ErrorDomain::kRemote,
                                "remote_open: a host name is required for the " +
                                    std::string(transportName(ep.kind)) + " transport"));
    }
    if (ep.kind == TransportKind::kUnix && !ep.host.empty()) {
        return fail(Error::make(ErrorCode::kInvalidArg, ErrorDomain::kRemote,
                                "remote_open: transport 'unix' cannot be used with a host ('" +
                                    ep.host + "')"));
    }
    if (std::optional<std::string> socket = uri->param("socket")) {
        ep.socket_path = *socket;
        return ep;
    }
    // A session URI (qemu:///session) talks to the user's own daemon.
    bool session = uri->path == "/session" && ep.host.empty();
    if (session) ep.open_flags |= kOpenFlagUserSocket | kOpenFlagAutostart;
    ep.socket_path = defaultSocket(uri->driver, mode, session, read_only, env);
    return ep;
}

}  // namespace nodevirt::remote
