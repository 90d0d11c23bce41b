// What a procedure handler sees: the client's session and rpc handle, the call's header, the
// driver connection (non-null for every procedure that needs an open connection) and the
// daemon-wide settings; plus the helpers every handler file uses to bind handlers tersely.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "driver/registry.h"
#include "protocol/dispatcher.h"
#include "protocol/generated/traits.h"
#include "remote/server/read_only.h"
#include "remote/server/session.h"
#include "rpc/server_client.h"

namespace nodevirt::remote {

// Daemon-wide settings the handlers read; the keepalive values change on SIGHUP.
struct ServerEnv {
    explicit ServerEnv(driver::Registry& r) : registry(r) {}
    driver::Registry& registry;
    // The URI CONNECT_OPEN uses for an absent or empty name ("probe the default driver").
    std::string default_uri = "test:///default";
    std::atomic<int64_t> keepalive_interval_ms{5000};  // <= 0 disables server keepalive
    std::atomic<unsigned> keepalive_count{5};
};

struct CallContext {
    ClientSession& session;
    const rpc::ClientRef& client;
    const rpc::Header& header;
    OpenConnectionPtr conn;
    ServerEnv& env;
    // Run by the server after the reply has been queued (start a stream's data source, close
    // the client after CONNECT_CLOSE). Only when the call succeeded.
    std::vector<std::function<void()>> after_reply;
    // Streams the call opened; closed again if the call ends up failing.
    std::vector<std::shared_ptr<rpc::ServerStream>> streams;

    [[nodiscard]] driver::Connection& driver() const { return conn->get(); }
    [[nodiscard]] bool readOnly() const { return session.readOnly(); }
};

using Handlers = protocol::Dispatcher<CallContext>;

// Binds the handler of procedure P. A read whose arguments are refused on read-only
// connections (a `ro-deny` rule) is refused here with libvirtd's wording; whole-procedure
// refusals happen before dispatch (remote_server.cc).
template <typename P, typename F>
void on(Handlers& handlers, F fn) {
    handlers.bind<P>([fn = std::move(fn)](CallContext& ctx, const typename P::Args& args)
                         -> Result<typename P::Ret> {
        if constexpr (requires(const typename P::Args& a) { P::deniedOnReadOnly(a); }) {
            if (ctx.readOnly() && P::deniedOnReadOnly(args)) {
                const protocol::ProcedureInfo* info = protocol::findProcedure(P::kProgram, P::kNumber);
                return fail(readOnlyArgumentsDenied(*info));
            }
        }
        return fn(ctx, args);
    });
}

// An error the daemon itself raises (libvirtd's VIR_ERR_INTERNAL_ERROR from VIR_FROM_RPC):
// "internal error: hypervisor connection not open", "nparams too large", ...
inline Error daemonError(std::string_view detail) {
    return Error::make(ErrorCode::kInternalError, ErrorDomain::kRpc, detail);
}
// libvirtd's check of a client-given list bound ("maxnames > REMOTE_DOMAIN_LIST_MAX").
inline Status checkMax(int64_t value, uint32_t max, std::string_view what) {
    if (value > static_cast<int64_t>(max)) return fail(daemonError(what));
    return ok();
}

// A void reply from a driver Status.
inline Result<protocol::Void> done(const Status& st) {
    if (!st) return fail(st.error());
    return protocol::Void{};
}

// Typed-parameter getters with libvirt's two-call protocol: `nparams == 0` asks for the count
// only; otherwise at most `nparams` parameters come back. Strings only with STRING_OKAY.
struct ParamReply {
    std::vector<protocol::TypedParam> params;
    int32_t nparams = 0;
};
ParamReply paramReply(const TypedParams& params, int32_t nparams, unsigned flags);
// libvirtd's refusal of an nparams above the procedure's list maximum.
Status checkNparams(int64_t nparams, uint32_t max);

// The remote_error payload of an error reply or STREAM/ERROR, worded as libvirtd sends it.
std::string encodeRemoteError(const Error& error);

// Registers each handler family (one file each).
void bindConnectHandlers(Handlers& h);
void bindDomainLookupHandlers(Handlers& h);
void bindDomainLifecycleHandlers(Handlers& h);
void bindDomainConfigHandlers(Handlers& h);
void bindDomainStatsHandlers(Handlers& h);
void bindSnapshotHandlers(Handlers& h);
void bindNetworkHandlers(Handlers& h);
void bindStorageHandlers(Handlers& h);
void bindNodeDeviceHandlers(Handlers& h);
void bindSecretAndInterfaceHandlers(Handlers& h);
void bindEventHandlers(Handlers& h);
void bindStreamHandlers(Handlers& h);
void bindQemuHandlers(Handlers& h);  // the QEMU program

}  // namespace nodevirt::remote
