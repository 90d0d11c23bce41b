// Domain queries and configuration: info/state/XML, autostart, memory and vCPU settings,
// pinning, metadata, tunables (scheduler/memory/blkio/numa/perf), device changes.
#include "remote/common/convert.h"
#include "remote/server/call_context.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

// VIR_DOMAIN_AFFECT_LIVE: what libvirt's drivers use for the flag-less calls
// (virDomainSetMemory, virDomainSetVcpus, virDomainPinVcpu, virDomainAttachDevice...).
constexpr unsigned kAffectLive = 1;

driver::DomainLifecycleOps& life(CallContext& ctx) { return ctx.driver().domainLifecycle(); }
driver::DomainConfigOps& config(CallContext& ctx) { return ctx.driver().domainConfig(); }
driver::DomainDeviceOps& devices(CallContext& ctx) { return ctx.driver().domainDevices(); }

std::vector<bool> cpumapOf(const std::string& bytes) { return unpackCpumap(bytes, bytes.size() * 8); }

void bindInfo(Handlers& h) {
    on<pr::DomainGetInfo>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetInfoRet> {
        NODEVIRT_ASSIGN_OR_RETURN(DomainInfo i, life(ctx).getInfo(fromWire(a.dom)));
        return p::DomainGetInfoRet{static_cast<uint8_t>(i.state), i.max_mem_kib, i.memory_kib,
                                   static_cast<uint16_t>(i.nr_virt_cpu), i.cpu_time_ns};
    });
    on<pr::DomainGetState>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetStateRet> {
        NODEVIRT_ASSIGN_OR_RETURN(DomainStateReason s, life(ctx).getState(fromWire(a.dom), a.flags));
        return p::DomainGetStateRet{static_cast<int32_t>(s.state), s.reason};
    });
    on<pr::DomainGetOsType>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetOsTypeRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string t, life(ctx).getOsType(fromWire(a.dom)));
        return p::DomainGetOsTypeRet{t};
    });
    on<pr::DomainIsActive>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainIsActiveRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, life(ctx).isActive(fromWire(a.dom)));
        return p::DomainIsActiveRet{v ? 1 : 0};
    });
    on<pr::DomainIsPersistent>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::DomainIsPersistentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, life(ctx).isPersistent(fromWire(a.dom)));
        return p::DomainIsPersistentRet{v ? 1 : 0};
    });
    on<pr::DomainIsUpdated>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainIsUpdatedRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, life(ctx).isUpdated(fromWire(a.dom)));
        return p::DomainIsUpdatedRet{v ? 1 : 0};
    });
    on<pr::DomainGetAutostart>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::DomainGetAutostartRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, life(ctx).getAutostart(fromWire(a.dom)));
        return p::DomainGetAutostartRet{v ? 1 : 0};
    });
    on<pr::DomainSetAutostart>(h, [](CallContext& ctx, const auto& a) {
        return done(life(ctx).setAutostart(fromWire(a.dom), a.autostart != 0));
    });
    on<pr::DomainGetHostname>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::DomainGetHostnameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string n, life(ctx).getHostname(fromWire(a.dom), a.flags));
        return p::DomainGetHostnameRet{n};
    });
    on<pr::DomainGetSecurityLabel>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::DomainGetSecurityLabelRet> {
        NODEVIRT_ASSIGN_OR_RETURN(SecurityLabel l, life(ctx).getSecurityLabel(fromWire(a.dom)));
        return p::DomainGetSecurityLabelRet{l.label, l.enforcing ? 1 : 0};
    });
    on<pr::DomainGetMessages>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::DomainGetMessagesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto msgs, life(ctx).getMessages(fromWire(a.dom), a.flags));
        return p::DomainGetMessagesRet{msgs};
    });
    on<pr::DomainGetTime>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetTimeRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto t, life(ctx).getTime(fromWire(a.dom), a.flags));
        return p::DomainGetTimeRet{t.first, t.second};
    });
    on<pr::DomainGetJobInfo>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetJobInfoRet> {
        NODEVIRT_ASSIGN_OR_RETURN(JobInfo j, life(ctx).getJobInfo(fromWire(a.dom)));
        return p::DomainGetJobInfoRet{j.type,          j.time_elapsed,   j.time_remaining,
                                      j.data_total,    j.data_processed, j.data_remaining,
                                      j.mem_total,     j.mem_processed,  j.mem_remaining,
                                      j.file_total,    j.file_processed, j.file_remaining};
    });
    on<pr::DomainGetXmlDesc>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, config(ctx).getXmlDesc(fromWire(a.dom), a.flags));
        return p::DomainGetXmlDescRet{xml};
    });
}

void bindMemoryAndVcpus(Handlers& h) {
    on<pr::DomainGetMaxMemory>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::DomainGetMaxMemoryRet> {
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t kib, config(ctx).getMaxMemory(fromWire(a.dom)));
        return p::DomainGetMaxMemoryRet{kib};
    });
    on<pr::DomainSetMaxMemory>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setMaxMemory(fromWire(a.dom), a.memory));
    });
    on<pr::DomainSetMemory>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setMemory(fromWire(a.dom), a.memory, kAffectLive));
    });
    on<pr::DomainSetMemoryFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setMemory(fromWire(a.dom), a.memory, a.flags));
    });
    on<pr::DomainSetMemoryStatsPeriod>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setMemoryStatsPeriod(fromWire(a.dom), a.period, a.flags));
    });
    on<pr::DomainGetMaxVcpus>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::DomainGetMaxVcpusRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, config(ctx).getMaxVcpus(fromWire(a.dom)));
        return p::DomainGetMaxVcpusRet{n};
    });
    on<pr::DomainSetVcpus>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setVcpus(fromWire(a.dom), a.nvcpus, kAffectLive));
    });
    on<pr::DomainSetVcpusFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setVcpus(fromWire(a.dom), a.nvcpus, a.flags));
    });
    on<pr::DomainGetVcpusFlags>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::DomainGetVcpusFlagsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, config(ctx).getVcpusFlags(fromWire(a.dom), a.flags));
        return p::DomainGetVcpusFlagsRet{n};
    });
    on<pr::DomainPinVcpu>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).pinVcpu(fromWire(a.dom), a.vcpu, cpumapOf(a.cpumap), kAffectLive));
    });
    on<pr::DomainPinVcpuFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).pinVcpu(fromWire(a.dom), a.vcpu, cpumapOf(a.cpumap), a.flags));
    });
}

void bindMetadataAndNames(Handlers& h) {
    on<pr::DomainGetMetadata>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::DomainGetMetadataRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto md,
                                  config(ctx).getMetadata(fromWire(a.dom), a.type, a.uri, a.flags));
        return p::DomainGetMetadataRet{md.value_or("")};
    });
    on<pr::DomainSetMetadata>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setMetadata(fromWire(a.dom), a.type, a.metadata, a.key, a.uri,
                                            a.flags));
    });
    on<pr::DomainSetUserPassword>(h, [](CallContext& ctx, const auto& a) {
        return done(config(ctx).setUserPassword(fromWire(a.dom), a.user.value_or(""),
                                                a.password.value_or(""), a.flags));
    });
    on<pr::DomainRename>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainRenameRet> {
        NODEVIRT_TRY(config(ctx).rename(fromWire(a.dom), a.new_name.value_or(""), a.flags));
        return p::DomainRenameRet{0};
    });
}

// Typed-parameter getters/setters: one template per shape of the wire structs.
template <typename P, typename Get>
void bindParamGetter(Handlers& h, uint32_t max, Get get) {
    on<P>(h, [max, get](CallContext& ctx, const typename P::Args& a) -> Result<typename P::Ret> {
        NODEVIRT_TRY(checkNparams(a.nparams, max));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps, get(config(ctx), fromWire(a.dom), a.flags));
        ParamReply r = paramReply(ps, a.nparams, a.flags);
        return typename P::Ret{std::move(r.params), r.nparams};
    });
}

template <typename P, typename Set>
void bindParamSetter(Handlers& h, Set set) {
    on<P>(h, [set](CallContext& ctx, const typename P::Args& a) -> Result<p::Void> {
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps, fromWireParams(a.params));
        unsigned flags = 0;
        if constexpr (requires { a.flags; }) flags = a.flags;
        return done(set(config(ctx), fromWire(a.dom), ps, flags));
    });
}

void bindTunables(Handlers& h) {
    using Ops = driver::DomainConfigOps;
    using Ref = driver::DomainRef;
    on<pr::DomainGetSchedulerType>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::DomainGetSchedulerTypeRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto t, config(ctx).getSchedulerType(fromWire(a.dom)));
        return p::DomainGetSchedulerTypeRet{t.first, t.second};
    });
    on<pr::DomainGetSchedulerParameters>(h, [](CallContext& ctx, const auto& a)
                                                -> Result<p::DomainGetSchedulerParametersRet> {
        NODEVIRT_TRY(checkNparams(a.nparams, p::kDomainSchedulerParametersMax));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps, config(ctx).getSchedulerParameters(fromWire(a.dom), 0));
        return p::DomainGetSchedulerParametersRet{paramReply(ps, a.nparams, 0).params};
    });
    on<pr::DomainGetSchedulerParametersFlags>(h, [](CallContext& ctx, const auto& a)
                                                     -> Result<p::DomainGetSchedulerParametersFlagsRet> {
        NODEVIRT_TRY(checkNparams(a.nparams, p::kDomainSchedulerParametersMax));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps,
                                  config(ctx).getSchedulerParameters(fromWire(a.dom), a.flags));
        return p::DomainGetSchedulerParametersFlagsRet{paramReply(ps, a.nparams, a.flags).params};
    });
    auto setSched = [](Ops& o, const Ref& d, const TypedParams& ps, unsigned f) {
        return o.setSchedulerParameters(d, ps, f);
    };
    bindParamSetter<pr::DomainSetSchedulerParameters>(h, setSched);
    bindParamSetter<pr::DomainSetSchedulerParametersFlags>(h, setSched);
    bindParamGetter<pr::DomainGetMemoryParameters>(
        h, p::kDomainMemoryParametersMax,
        [](Ops& o, const Ref& d, unsigned f) { return o.getMemoryParameters(d, f); });
    bindParamSetter<pr::DomainSetMemoryParameters>(
        h, [](Ops& o, const Ref& d, const TypedParams& ps, unsigned f) {
            return o.setMemoryParameters(d, ps, f);
        });
    bindParamGetter<pr::DomainGetBlkioParameters>(
        h, p::kDomainBlkioParametersMax,
        [](Ops& o, const Ref& d, unsigned f) { return o.getBlkioParameters(d, f); });
    bindParamSetter<pr::DomainSetBlkioParameters>(
        h, [](Ops& o, const Ref& d, const TypedParams& ps, unsigned f) {
            return o.setBlkioParameters(d, ps, f);
        });
    bindParamGetter<pr::DomainGetNumaParameters>(
        h, p::kDomainNumaParametersMax,
        [](Ops& o, const Ref& d, unsigned f) { return o.getNumaParameters(d, f); });
    bindParamSetter<pr::DomainSetNumaParameters>(
        h, [](Ops& o, const Ref& d, const TypedParams& ps, unsigned f) {
            return o.setNumaParameters(d, ps, f);
        });
    on<pr::DomainGetPerfEvents>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::DomainGetPerfEventsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps, config(ctx).getPerfEvents(fromWire(a.dom), a.flags));
        return p::DomainGetPerfEventsRet{toWireParams(ps)};
    });
}

void bindDevices(Handlers& h) {
    on<pr::DomainAttachDevice>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).attachDevice(fromWire(a.dom), a.xml, kAffectLive));
    });
    on<pr::DomainAttachDeviceFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).attachDevice(fromWire(a.dom), a.xml, a.flags));
    });
    on<pr::DomainDetachDevice>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).detachDevice(fromWire(a.dom), a.xml, kAffectLive));
    });
    on<pr::DomainDetachDeviceFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).detachDevice(fromWire(a.dom), a.xml, a.flags));
    });
    on<pr::DomainUpdateDeviceFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).updateDevice(fromWire(a.dom), a.xml, a.flags));
    });
    on<pr::DomainDetachDeviceAlias>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).detachDeviceAlias(fromWire(a.dom), a.alias, a.flags));
    });
    on<pr::DomainBlockResize>(h, [](CallContext& ctx, const auto& a) {
        return done(devices(ctx).blockResize(fromWire(a.dom), a.disk, a.size, a.flags));
    });
}

}  // namespace

void bindDomainConfigHandlers(Handlers& h) {
    bindInfo(h);
    bindMemoryAndVcpus(h);
    bindMetadataAndNames(h);
    bindTunables(h);
    bindDevices(h);
}

}  // namespace nodevirt::remote
