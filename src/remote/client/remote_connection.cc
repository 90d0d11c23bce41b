#include "remote/client/remote_connection.h"

#include <fmt/format.h>

#include <algorithm>

#include "driver/libvirt_constants.h"
#include "driver/registry.h"
#include "remote/client/call_helpers.h"
#include "util/logging.h"
#include "util/strings.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

namespace {

// REMOTE_AUTH_* values of AUTH_LIST (census §2.5).
constexpr int32_t kAuthNone = 0;
constexpr int32_t kAuthSasl = 1;
constexpr int32_t kAuthPolkit = 2;

Error transportNotYet(TransportKind kind) {
    return Error::make(ErrorCode::kNoSupport, ErrorDomain::kRemote,
                       fmt::format("transport '{}' is not supported by nodevirt's remote driver "
                                   "yet (unix and tcp are)",
                                   transportName(kind)));
}

Result<int32_t> authTypeOf(std::string_view name) {
    if (name == "none") return kAuthNone;
    if (name == "sasl" || str::startsWith(name, "sasl.")) return kAuthSasl;
    if (name == "polkit") return kAuthPolkit;
    return fail(Error::make(ErrorCode::kAuthFailed, ErrorDomain::kRemote,
                            fmt::format("unknown authentication type {}", name)));
}

}  // namespace

int closeReasonOf(const Error& error) {
    if (error.message.find("keepalive") != std::string::npos) {
        return static_cast<int>(lv::kConnectCloseReasonKeepalive);
    }
    if (str::startsWith(error.message, "End of file")) {
        return static_cast<int>(lv::kConnectCloseReasonEof);
    }
    return static_cast<int>(lv::kConnectCloseReasonError);
}

Result<std::unique_ptr<rpc::ClientTransport>> connectEndpoint(const Endpoint& endpoint) {
    switch (endpoint.kind) {
        case TransportKind::kUnix:
            return rpc::ClientTransport::connectUnix(endpoint.socket_path);
        case TransportKind::kTcp:
            return rpc::ClientTransport::connectTcp(endpoint.host,
                                                    static_cast<uint16_t>(endpoint.port));
        default:
            // TLS (certificates, tls_priority), ssh/libssh (a child running virt-ssh-helper or
            // nc on the far side) and ext plug in here, each as an rpc::Transport.
            return fail(transportNotYet(endpoint.kind));
    }
}

RemoteConnection::RemoteConnection(std::unique_ptr<rpc::ClientTransport> transport,
                                   TransportKind kind)
    : channel_(std::move(transport)),
      connect_(channel_, kind),
      lifecycle_(channel_, streams_),
      config_(channel_),
      devices_(channel_),
      stats_(channel_),
      snapshots_(channel_),
      networks_(channel_),
      storage_(channel_, streams_),
      node_devices_(channel_),
      secrets_(channel_),
      interfaces_(channel_),
      events_(channel_) {
    const auto remote = static_cast<uint32_t>(xdr::Program::kRemote);
    channel_.transport().setEventHandler([this, remote](rpc::Frame frame) {
        if (frame.header.prog != remote) {
            log::warn("remote: ignoring a message of unknown program {:#x}", frame.header.prog);
            return;
        }
        events_.onMessage(frame.header.proc, frame.payload);
    });
    channel_.transport().setCloseHandler([this](const Error& error) {
        if (closing_.load()) return;
        notifyClosed(closeReasonOf(error));
    });
    events_.setConnectionClosedHandler([this](int reason) { notifyClosed(reason); });
}

RemoteConnection::~RemoteConnection() { close(); }

Result<std::shared_ptr<RemoteConnection>> RemoteConnection::open(
    const std::optional<driver::Uri>& uri, unsigned flags, const RemoteOptions& options,
    const Connector& connector) {
    bool read_only = (flags & driver::kOpenReadOnly) != 0;
    NODEVIRT_ASSIGN_OR_RETURN(Endpoint endpoint, resolveEndpoint(uri, read_only, options.env));
    NODEVIRT_ASSIGN_OR_RETURN(auto transport, connector(endpoint));
    std::shared_ptr<RemoteConnection> conn(new RemoteConnection(std::move(transport), endpoint.kind));
    if (Status st = conn->handshake(endpoint, options, uri); !st) {
        conn->closing_ = true;
        conn->channel_.close();
        return fail(st.error());
    }
    return conn;
}

// AUTH_LIST, then the first offered type (or the URI's authtype=): NONE proceeds, POLKIT asks
// AUTH_POLKIT. An old server without AUTH_LIST (NO_SUPPORT) needs no authentication.
Status RemoteConnection::authenticate(const std::optional<driver::Uri>& uri) {
    auto list = channel_.call<pr::AuthList>();
    if (!list) return isNoSupport(list.error()) ? ok() : fail(list.error());
    if (list->types.empty()) return ok();
    int32_t chosen = list->types.front();
    if (std::optional<std::string> wanted = uri ? uri->param("authtype") : std::nullopt) {
        NODEVIRT_ASSIGN_OR_RETURN(int32_t type, authTypeOf(*wanted));
        if (std::find(list->types.begin(), list->types.end(), type) == list->types.end()) {
            return fail(Error::make(ErrorCode::kAuthFailed, ErrorDomain::kRemote,
                                    "requested authentication type " + *wanted +
                                        " rejected"));
        }
        chosen = type;
    }
    switch (chosen) {
        case kAuthNone:
            return ok();
        case kAuthPolkit: {
            NODEVIRT_ASSIGN_OR_RETURN(auto r, channel_.call<pr::AuthPolkit>());
            if (r.complete != 0) return ok();
            return fail(Error::make(ErrorCode::kAuthFailed, ErrorDomain::kRemote,
                                    "polkit authentication did not complete"));
        }
        case kAuthSasl:
            return fail(Error::make(ErrorCode::kAuthFailed, ErrorDomain::kRemote,
                                    "SASL authentication is not supported by nodevirt's remote "
                                    "driver yet"));
        default:
            return fail(Error::make(ErrorCode::kAuthFailed, ErrorDomain::kRemote,
                                    fmt::format("unsupported authentication type {}", chosen)));
    }
}

// libvirt's client sequence (census §2.2, §2.3): AUTH_LIST; SUPPORTS_FEATURE(10) before the
// open when the client keeps the connection alive; CONNECT_OPEN; CONNECT_GET_URI after a no-URI
// open; SUPPORTS_FEATURE(14) and (15).
Status RemoteConnection::handshake(const Endpoint& endpoint, const RemoteOptions& options,
                                   const std::optional<driver::Uri>& uri) {
    NODEVIRT_TRY(authenticate(uri));
    if (options.keepalive_interval.count() > 0 &&
        channel_.supportsFeature(Feature::kProgramKeepalive)) {
        channel_.transport().startKeepalive(options.keepalive_interval, options.keepalive_count);
    }
    NODEVIRT_TRY(callVoid<pr::ConnectOpen>(
        channel_, {std::optional<std::string>(endpoint.open_name), endpoint.open_flags}));
    if (endpoint.ask_uri) {
        NODEVIRT_ASSIGN_OR_RETURN(auto r, channel_.call<pr::ConnectGetUri>());
        connect_.setUri(std::move(r.uri));
    } else if (uri) {
        connect_.setUri(uri->toString());
    }
    (void)channel_.supportsFeature(Feature::kRemoteEventCallback);
    (void)channel_.supportsFeature(Feature::kRemoteCloseCallback);
    return ok();
}

void RemoteConnection::setCloseHandler(std::function<void(int reason)> handler) {
    bool register_now = false;
    {
        std::lock_guard lock(close_mutex_);
        close_handler_ = std::move(handler);
        register_now = close_handler_ && !close_callback_registered_;
    }
    if (!register_now || !channel_.supportsFeature(Feature::kRemoteCloseCallback)) return;
    // Without it the client still learns of EOF and keepalive failures locally; the
    // registration only adds the server's own "connection closed" notice.
    if (callVoid<pr::ConnectRegisterCloseCallback>(channel_, {})) {
        std::lock_guard lock(close_mutex_);
        close_callback_registered_ = true;
    }
}

void RemoteConnection::notifyClosed(int reason) {
    std::function<void(int)> handler;
    {
        std::lock_guard lock(close_mutex_);
        if (close_notified_) return;
        close_notified_ = true;
        handler = close_handler_;
    }
    streams_.wakeAll();
    if (handler) handler(reason);
}

void RemoteConnection::close() {
    if (closing_.exchange(true)) return;
    if (channel_.transport().isOpen()) {
        bool unregister = false;
        {
            std::lock_guard lock(close_mutex_);
            unregister = close_callback_registered_;
            close_callback_registered_ = false;
        }
        if (unregister) (void)callVoid<pr::ConnectUnregisterCloseCallback>(channel_, {});
        channel_.transport().expectClose();
        (void)callVoid<pr::ConnectClose>(channel_, {});
    }
    channel_.close();
    streams_.wakeAll();
}

}  // namespace nodevirt::remote
