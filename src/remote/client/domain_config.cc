// Domain configuration and devices over the wire: XML, memory, vCPUs, pinning, metadata,
// tunables with libvirt's two-call typed-parameter protocol, device attach/detach/update.
#include "remote/client/call_helpers.h"
#include "remote/client/domain_facets.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

namespace {

template <typename P>
Status setParams(Channel& ch, const DomainRef& dom, const TypedParams& params, unsigned flags) {
    return callVoid<P>(ch, {toWire(dom), toWireParams(params), flags});
}

// The getters whose ret is {params, nparams}: first the count, then the parameters.
template <typename P>
Result<TypedParams> getParams(Channel& ch, const DomainRef& dom, unsigned flags) {
    unsigned f = withStringOkay(ch, flags);
    return twoCallParams([&](int32_t n) { return ch.call<P>({toWire(dom), n, f}); });
}

}  // namespace

Result<std::string> RemoteDomainConfig::getXmlDesc(const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetXmlDesc>({toWire(dom), flags}));
    return std::move(r.xml);
}

Result<uint64_t> RemoteDomainConfig::getMaxMemory(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetMaxMemory>({toWire(dom)}));
    return r.memory;
}

Status RemoteDomainConfig::setMaxMemory(const DomainRef& dom, uint64_t kib) {
    return callVoid<pr::DomainSetMaxMemory>(ch_, {toWire(dom), kib});
}

Status RemoteDomainConfig::setMemory(const DomainRef& dom, uint64_t kib, unsigned flags) {
    return callVoid<pr::DomainSetMemoryFlags>(ch_, {toWire(dom), kib, flags});
}

Status RemoteDomainConfig::setMemoryStatsPeriod(const DomainRef& dom, int period, unsigned flags) {
    return callVoid<pr::DomainSetMemoryStatsPeriod>(ch_, {toWire(dom), period, flags});
}

Result<int> RemoteDomainConfig::getMaxVcpus(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetMaxVcpus>({toWire(dom)}));
    return r.num;
}

Status RemoteDomainConfig::setVcpus(const DomainRef& dom, unsigned n, unsigned flags) {
    return callVoid<pr::DomainSetVcpusFlags>(ch_, {toWire(dom), n, flags});
}

Result<int> RemoteDomainConfig::getVcpusFlags(const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetVcpusFlags>({toWire(dom), flags}));
    return r.num;
}

Status RemoteDomainConfig::pinVcpu(const DomainRef& dom, unsigned vcpu,
                                   const std::vector<bool>& map, unsigned flags) {
    std::string cpumap = packCpumap(map, cpumapLength(map.size()));
    return callVoid<pr::DomainPinVcpuFlags>(ch_, {toWire(dom), vcpu, cpumap, flags});
}

Result<std::optional<std::string>> RemoteDomainConfig::getMetadata(
    const DomainRef& dom, int type, const std::optional<std::string>& uri, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetMetadata>({toWire(dom), type, uri, flags}));
    return std::optional<std::string>(std::move(r.metadata));
}

Status RemoteDomainConfig::setMetadata(const DomainRef& dom, int type,
                                       const std::optional<std::string>& metadata,
                                       const std::optional<std::string>& key,
                                       const std::optional<std::string>& uri, unsigned flags) {
    return callVoid<pr::DomainSetMetadata>(ch_, {toWire(dom), type, metadata, key, uri, flags});
}

Result<std::pair<std::string, int>> RemoteDomainConfig::getSchedulerType(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetSchedulerType>({toWire(dom)}));
    return std::make_pair(std::move(r.type), static_cast<int>(r.nparams));
}

Result<TypedParams> RemoteDomainConfig::getSchedulerParameters(const DomainRef& dom,
                                                               unsigned flags) {
    // The scheduler calls have no count reply: the count comes from GET_SCHEDULER_TYPE.
    NODEVIRT_ASSIGN_OR_RETURN(auto type, getSchedulerType(dom));
    if (type.second <= 0) return TypedParams{};
    if (flags == 0) {
        NODEVIRT_ASSIGN_OR_RETURN(auto r,
                                  ch_.call<pr::DomainGetSchedulerParameters>({toWire(dom), type.second}));
        return fromWireParams(r.params);
    }
    unsigned f = withStringOkay(ch_, flags);
    NODEVIRT_ASSIGN_OR_RETURN(
        auto r, ch_.call<pr::DomainGetSchedulerParametersFlags>({toWire(dom), type.second, f}));
    return fromWireParams(r.params);
}

Status RemoteDomainConfig::setSchedulerParameters(const DomainRef& dom, const TypedParams& params,
                                                  unsigned flags) {
    if (flags == 0) {
        return callVoid<pr::DomainSetSchedulerParameters>(ch_, {toWire(dom), toWireParams(params)});
    }
    return setParams<pr::DomainSetSchedulerParametersFlags>(ch_, dom, params, flags);
}

Result<TypedParams> RemoteDomainConfig::getMemoryParameters(const DomainRef& dom, unsigned flags) {
    return getParams<pr::DomainGetMemoryParameters>(ch_, dom, flags);
}

Status RemoteDomainConfig::setMemoryParameters(const DomainRef& dom, const TypedParams& params,
                                               unsigned flags) {
    return setParams<pr::DomainSetMemoryParameters>(ch_, dom, params, flags);
}

Result<TypedParams> RemoteDomainConfig::getBlkioParameters(const DomainRef& dom, unsigned flags) {
    return getParams<pr::DomainGetBlkioParameters>(ch_, dom, flags);
}

Status RemoteDomainConfig::setBlkioParameters(const DomainRef& dom, const TypedParams& params,
                                              unsigned flags) {
    return setParams<pr::DomainSetBlkioParameters>(ch_, dom, params, flags);
}

Result<TypedParams> RemoteDomainConfig::getNumaParameters(const DomainRef& dom, unsigned flags) {
    return getParams<pr::DomainGetNumaParameters>(ch_, dom, flags);
}

Status RemoteDomainConfig::setNumaParameters(const DomainRef& dom, const TypedParams& params,
                                             unsigned flags) {
    return setParams<pr::DomainSetNumaParameters>(ch_, dom, params, flags);
}

Result<TypedParams> RemoteDomainConfig::getPerfEvents(const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetPerfEvents>({toWire(dom), flags}));
    return fromWireParams(r.params);
}

Status RemoteDomainConfig::setUserPassword(const DomainRef& dom, const std::string& user,
                                           const std::string& password, unsigned flags) {
    return callVoid<pr::DomainSetUserPassword>(ch_, {toWire(dom), user, password, flags});
}

Status RemoteDomainConfig::rename(const DomainRef& dom, const std::string& new_name,
                                  unsigned flags) {
    NODEVIRT_TRY(ch_.call<pr::DomainRename>({toWire(dom), new_name, flags}));
    return ok();
}

// --- devices

Status RemoteDomainDevices::attachDevice(const DomainRef& dom, const std::string& xml,
                                         unsigned flags) {
    return callVoid<pr::DomainAttachDeviceFlags>(ch_, {toWire(dom), xml, flags});
}

Status RemoteDomainDevices::detachDevice(const DomainRef& dom, const std::string& xml,
                                         unsigned flags) {
    return callVoid<pr::DomainDetachDeviceFlags>(ch_, {toWire(dom), xml, flags});
}

Status RemoteDomainDevices::detachDeviceAlias(const DomainRef& dom, const std::string& alias,
                                              unsigned flags) {
    return callVoid<pr::DomainDetachDeviceAlias>(ch_, {toWire(dom), alias, flags});
}

Status RemoteDomainDevices::updateDevice(const DomainRef& dom, const std::string& xml,
                                         unsigned flags) {
    return callVoid<pr::DomainUpdateDeviceFlags>(ch_, {toWire(dom), xml, flags});
}

Status RemoteDomainDevices::blockResize(const DomainRef& dom, const std::string& disk,
                                        uint64_t size, unsigned flags) {
    return callVoid<pr::DomainBlockResize>(ch_, {toWire(dom), disk, size, flags});
}

}  // namespace nodevirt::remote
