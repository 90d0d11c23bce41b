// Connection and host procedures: the handshake (AUTH_LIST, SUPPORTS_FEATURE, CONNECT_OPEN,
// GET_URI, close callbacks, CONNECT_CLOSE) and node/connection queries.
#include <fmt/format.h>

#include <algorithm>

#include "protocol/payload.h"
#include "remote/common/convert.h"
#include "remote/server/call_context.h"
#include "util/logging.h"
#include "xdr/frame.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

// virDrvFeature values clients probe (census §2.6).
enum Feature : int32_t {
    kFdPassing = 8,
    kTypedParamString = 9,
    kProgramKeepalive = 10,
    kRemoteEventCallback = 14,
    kRemoteCloseCallback = 15,
    kNetworkUpdateHasCorrectOrder = 16,
};

Error notOpen() { return daemonError("hypervisor connection not open"); }

Result<p::ConnectSupportsFeatureRet> supportsFeature(CallContext& ctx, int32_t feature) {
    if (feature == kProgramKeepalive) {
        // libvirtd starts pinging the client as soon as it asks (census §1.9).
        int64_t interval = ctx.env.keepalive_interval_ms.load();
        if (interval > 0) {
            ctx.client->startKeepalive(std::chrono::milliseconds(interval),
                                       ctx.env.keepalive_count.load());
        }
        return p::ConnectSupportsFeatureRet{1};
    }
    if (!ctx.conn) return fail(notOpen());
    switch (feature) {
        case kFdPassing:
        case kTypedParamString:
        case kRemoteEventCallback:
        case kRemoteCloseCallback:
        case kNetworkUpdateHasCorrectOrder:
            return p::ConnectSupportsFeatureRet{1};
        default:
            return p::ConnectSupportsFeatureRet{0};  // migration features: not yet
    }
}

// Tells a client that registered a close callback that the driver connection went away.
void installCloseHandler(CallContext& ctx) {
    std::weak_ptr<rpc::ServerClient> weak_client = ctx.client;
    ClientSession* session = &ctx.session;  // outlives the connection it owns
    ctx.conn->get().setCloseHandler([weak_client, session](int reason) {
        auto client = weak_client.lock();
        if (!client || !session->closeCallbackRegistered()) return;
        Result<std::string> payload = p::encodePayload(p::ConnectEventConnectionClosedMsg{reason});
        if (payload) {
            (void)client->sendEvent(static_cast<uint32_t>(xdr::Program::kRemote),
                                    pr::ConnectEventConnectionClosed::kNumber, std::move(*payload));
        }
    });
}

Result<p::Void> connectOpen(CallContext& ctx, const p::ConnectOpenArgs& args) {
    if (ctx.session.isOpen()) {
        ctx.session.closeConnection();
        return fail(daemonError("connection already open"));
    }
    std::string name = args.name.value_or("");
    if (name.empty()) name = ctx.env.default_uri;
    NODEVIRT_ASSIGN_OR_RETURN(driver::Uri uri, driver::Uri::parse(name));
    bool read_only = (args.flags & driver::kOpenReadOnly) != 0 || ctx.session.socketReadOnly();
    NODEVIRT_ASSIGN_OR_RETURN(driver::ConnectionPtr conn,
                              ctx.env.registry.open(uri, read_only ? driver::kOpenReadOnly : 0));
    auto open = std::make_shared<OpenConnection>(std::move(conn));
    NODEVIRT_TRY(ctx.session.adopt(open, read_only));
    ctx.conn = open;
    installCloseHandler(ctx);
    log::info("client={} opened {}{}", ctx.session.clientId(), name,
              read_only ? " (read-only)" : "");
    return p::Void{};
}

Result<p::NodeGetInfoRet> nodeGetInfo(CallContext& ctx) {
    NODEVIRT_ASSIGN_OR_RETURN(NodeInfo info, ctx.driver().connect().nodeGetInfo());
    p::NodeGetInfoRet ret;
    ret.model = info.model.substr(0, 31);
    ret.memory = info.memory_kib;
    ret.cpus = static_cast<int32_t>(info.cpus);
    ret.mhz = static_cast<int32_t>(info.mhz);
    ret.nodes = static_cast<int32_t>(info.nodes);
    ret.sockets = static_cast<int32_t>(info.sockets);
    ret.cores = static_cast<int32_t>(info.cores);
    ret.threads = static_cast<int32_t>(info.threads);
    return ret;
}

// Host statistics travel as {field, u64} pairs rather than typed parameters.
template <typename Item>
std::vector<Item> statPairs(const TypedParams& params, int32_t nparams) {
    std::vector<Item> out;
    for (const TypedParam& tp : params) {
        if (static_cast<int32_t>(out.size()) >= nparams) break;
        uint64_t value = std::visit(
            [](const auto& v) -> uint64_t {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::string>) {
                    return 0;
                } else {
                    return static_cast<uint64_t>(v);
                }
            },
            tp.value);
        out.push_back({tp.field, value});
    }
    return out;
}

void bindHandshake(Handlers& h) {
    on<pr::AuthList>(h, [](CallContext&, const p::Void&) -> Result<p::AuthListRet> {
        return p::AuthListRet{{0}};  // REMOTE_AUTH_NONE: unix sockets rely on file permissions
    });
    on<pr::ConnectSupportsFeature>(h, [](CallContext& ctx, const auto& a) {
        return supportsFeature(ctx, a.feature);
    });
    on<pr::ConnectOpen>(h, connectOpen);
    on<pr::ConnectClose>(h, [](CallContext& ctx, const p::Void&) -> Result<p::Void> {
        ctx.session.closeConnection();
        // libvirtd closes the client once this reply is out.
        ctx.after_reply.push_back([client = ctx.client] { client->close(); });
        return p::Void{};
    });
    on<pr::ConnectGetUri>(h, [](CallContext& ctx, const p::Void&) -> Result<p::ConnectGetUriRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string uri, ctx.driver().connect().getUri());
        return p::ConnectGetUriRet{uri};
    });
    on<pr::ConnectRegisterCloseCallback>(h, [](CallContext& ctx, const p::Void&) {
        ctx.session.setCloseCallback(true);
        return Result<p::Void>(p::Void{});
    });
    on<pr::ConnectUnregisterCloseCallback>(h, [](CallContext& ctx, const p::Void&) {
        ctx.session.setCloseCallback(false);
        return Result<p::Void>(p::Void{});
    });
}

void bindConnectionFacts(Handlers& h) {
    on<pr::ConnectGetType>(h, [](CallContext& ctx, const p::Void&) -> Result<p::ConnectGetTypeRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string type, ctx.driver().connect().getType());
        return p::ConnectGetTypeRet{type};
    });
    on<pr::ConnectGetVersion>(h, [](CallContext& ctx, const p::Void&)
                                     -> Result<p::ConnectGetVersionRet> {
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t v, ctx.driver().connect().getVersion());
        return p::ConnectGetVersionRet{v};
    });
    on<pr::ConnectGetLibVersion>(h, [](CallContext& ctx, const p::Void&)
                                        -> Result<p::ConnectGetLibVersionRet> {
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t v, ctx.driver().connect().getLibVersion());
        return p::ConnectGetLibVersionRet{v};
    });
    on<pr::ConnectGetHostname>(h, [](CallContext& ctx, const p::Void&)
                                      -> Result<p::ConnectGetHostnameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string name, ctx.driver().connect().getHostname());
        return p::ConnectGetHostnameRet{name};
    });
    on<pr::ConnectGetSysinfo>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::ConnectGetSysinfoRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string s, ctx.driver().connect().getSysinfo(a.flags));
        return p::ConnectGetSysinfoRet{s};
    });
    on<pr::ConnectGetMaxVcpus>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::ConnectGetMaxVcpusRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, ctx.driver().connect().getMaxVcpus(a.type));
        return p::ConnectGetMaxVcpusRet{n};
    });
    on<pr::ConnectGetCapabilities>(h, [](CallContext& ctx, const p::Void&)
                                          -> Result<p::ConnectGetCapabilitiesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string caps, ctx.driver().connect().getCapabilities());
        return p::ConnectGetCapabilitiesRet{caps};
    });
    on<pr::ConnectGetDomainCapabilities>(h, [](CallContext& ctx, const auto& a)
                                                -> Result<p::ConnectGetDomainCapabilitiesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string caps,
                                  ctx.driver().connect().getDomainCapabilities(
                                      a.emulatorbin, a.arch, a.machine, a.virttype, a.flags));
        return p::ConnectGetDomainCapabilitiesRet{caps};
    });
    on<pr::ConnectIsSecure>(h, [](CallContext& ctx, const p::Void&) -> Result<p::ConnectIsSecureRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool secure, ctx.driver().connect().isSecure());
        return p::ConnectIsSecureRet{secure ? 1 : 0};
    });
    on<pr::ConnectCompareCpu>(h, [](CallContext& ctx, const auto& a) -> Result<p::ConnectCompareCpuRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int r, ctx.driver().connect().compareCpu(a.xml, a.flags));
        return p::ConnectCompareCpuRet{r};
    });
    on<pr::ConnectBaselineCpu>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::ConnectBaselineCpuRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string cpu,
                                  ctx.driver().connect().baselineCpu(a.xml_cpus, a.flags));
        return p::ConnectBaselineCpuRet{cpu};
    });
}

void bindNodeQueries(Handlers& h) {
    on<pr::NodeGetInfo>(h, [](CallContext& ctx, const p::Void&) { return nodeGetInfo(ctx); });
    on<pr::NodeGetFreeMemory>(h, [](CallContext& ctx, const p::Void&)
                                     -> Result<p::NodeGetFreeMemoryRet> {
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t free, ctx.driver().connect().nodeGetFreeMemory());
        return p::NodeGetFreeMemoryRet{free};
    });
    on<pr::NodeGetCellsFreeMemory>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::NodeGetCellsFreeMemoryRet> {
        if (a.maxcells > static_cast<int32_t>(p::kNodeMaxCells)) {
            return fail(daemonError("maxCells > REMOTE_NODE_MAX_CELLS"));
        }
        NODEVIRT_ASSIGN_OR_RETURN(auto cells, ctx.driver().connect().nodeGetCellsFreeMemory(
                                                  a.start_cell, a.maxcells));
        return p::NodeGetCellsFreeMemoryRet{cells};
    });
    on<pr::NodeGetSecurityModel>(h, [](CallContext& ctx, const p::Void&)
                                        -> Result<p::NodeGetSecurityModelRet> {
        NODEVIRT_ASSIGN_OR_RETURN(SecurityModel m, ctx.driver().connect().nodeGetSecurityModel());
        return p::NodeGetSecurityModelRet{m.model, m.doi};
    });
    on<pr::NodeGetCpuStats>(h, [](CallContext& ctx, const auto& a) -> Result<p::NodeGetCpuStatsRet> {
        NODEVIRT_TRY(checkNparams(a.nparams, p::kNodeCpuStatsMax));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps,
                                  ctx.driver().connect().nodeGetCpuStats(a.cpu_num, a.flags));
        if (a.nparams == 0) return p::NodeGetCpuStatsRet{{}, static_cast<int32_t>(ps.size())};
        auto items = statPairs<p::NodeGetCpuStats>(ps, a.nparams);
        auto n = static_cast<int32_t>(items.size());
        return p::NodeGetCpuStatsRet{std::move(items), n};
    });
    on<pr::NodeGetMemoryStats>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::NodeGetMemoryStatsRet> {
        NODEVIRT_TRY(checkNparams(a.nparams, p::kNodeMemoryStatsMax));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps,
                                  ctx.driver().connect().nodeGetMemoryStats(a.cell_num, a.flags));
        if (a.nparams == 0) return p::NodeGetMemoryStatsRet{{}, static_cast<int32_t>(ps.size())};
        auto items = statPairs<p::NodeGetMemoryStats>(ps, a.nparams);
        auto n = static_cast<int32_t>(items.size());
        return p::NodeGetMemoryStatsRet{std::move(items), n};
    });
    on<pr::NodeGetCpuMap>(h, [](CallContext& ctx, const auto& a) -> Result<p::NodeGetCpuMapRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::vector<bool> map,
                                  ctx.driver().connect().nodeGetCpuMap(a.flags));
        p::NodeGetCpuMapRet ret;
        if (a.need_map) ret.cpumap = packCpumap(map, cpumapLength(map.size()));
        if (a.need_online) ret.online = static_cast<uint32_t>(std::count(map.begin(), map.end(), true));
        ret.ret = static_cast<int32_t>(map.size());
        return ret;
    });
}

}  // namespace

ParamReply paramReply(const TypedParams& params, int32_t nparams, unsigned flags) {
    ParamReply out;
    if (nparams == 0) {
        out.nparams = static_cast<int32_t>(params.size());
        return out;
    }
    TypedParams kept(params.begin(),
                     params.begin() + std::min<size_t>(params.size(), static_cast<size_t>(nparams)));
    out.params = toWireParams(kept, (flags & kTypedParamStringOkay) != 0);
    out.nparams = static_cast<int32_t>(kept.size());
    return out;
}

Status checkNparams(int64_t nparams, uint32_t max) {
    if (nparams < 0 || nparams > static_cast<int64_t>(max)) {
        return fail(daemonError("nparams too large"));
    }
    return ok();
}

void bindConnectHandlers(Handlers& h) {
    bindHandshake(h);
    bindConnectionFacts(h);
    bindNodeQueries(h);
}

}  // namespace nodevirt::remote
