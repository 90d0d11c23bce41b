// Connection and host queries over the wire (CONNECT_GET_*, NODE_GET_*). Host statistics come
// as {field, u64} pairs after libvirt's two-call count protocol.
#include "remote/client/call_helpers.h"
#include "remote/client/object_facets.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

namespace {

template <typename Pairs>
TypedParams ullongParams(const Pairs& pairs) {
    TypedParams out;
    for (const auto& pair : pairs) out.push_back({pair.field, uint64_t{pair.value}});
    return out;
}

}  // namespace

Result<std::string> RemoteConnect::getType() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetType>());
    return std::move(r.type);
}

Result<uint64_t> RemoteConnect::getVersion() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetVersion>());
    return r.hv_ver;
}

Result<uint64_t> RemoteConnect::getLibVersion() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetLibVersion>());
    return r.lib_ver;
}

Result<std::string> RemoteConnect::getHostname() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetHostname>());
    return std::move(r.hostname);
}

Result<std::string> RemoteConnect::getUri() {
    // Known locally, like libvirt's client (no RPC), except after a no-URI open (handshake).
    return uri_;
}

Result<std::string> RemoteConnect::getSysinfo(unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetSysinfo>({flags}));
    return std::move(r.sysinfo);
}

Result<int> RemoteConnect::getMaxVcpus(const std::optional<std::string>& type) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetMaxVcpus>({type}));
    return r.max_vcpus;
}

Result<std::string> RemoteConnect::getCapabilities() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetCapabilities>());
    return std::move(r.capabilities);
}

Result<std::string> RemoteConnect::getDomainCapabilities(
    const std::optional<std::string>& emulator, const std::optional<std::string>& arch,
    const std::optional<std::string>& machine, const std::optional<std::string>& virttype,
    unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectGetDomainCapabilities>(
                                          {emulator, arch, machine, virttype, flags}));
    return std::move(r.capabilities);
}

Result<NodeInfo> RemoteConnect::nodeGetInfo() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeGetInfo>());
    auto u = [](int32_t v) { return static_cast<uint32_t>(v); };
    return NodeInfo{std::move(r.model), r.memory,  u(r.cpus),  u(r.mhz),
                    u(r.nodes),         u(r.sockets), u(r.cores), u(r.threads)};
}

Result<uint64_t> RemoteConnect::nodeGetFreeMemory() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeGetFreeMemory>());
    return r.free_mem;
}

Result<std::vector<uint64_t>> RemoteConnect::nodeGetCellsFreeMemory(int start, int max) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeGetCellsFreeMemory>({start, max}));
    return std::move(r.cells);
}

Result<TypedParams> RemoteConnect::nodeGetCpuStats(int cpu, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto count, ch_.call<pr::NodeGetCpuStats>({cpu, 0, flags}));
    if (count.nparams <= 0) return TypedParams{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeGetCpuStats>({cpu, count.nparams, flags}));
    return ullongParams(r.params);
}

Result<TypedParams> RemoteConnect::nodeGetMemoryStats(int cell, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto count, ch_.call<pr::NodeGetMemoryStats>({0, cell, flags}));
    if (count.nparams <= 0) return TypedParams{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::NodeGetMemoryStats>({count.nparams, cell, flags}));
    return ullongParams(r.params);
}

Result<std::vector<bool>> RemoteConnect::nodeGetCpuMap(unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeGetCpuMap>({1, 0, flags}));
    return unpackCpumap(r.cpumap, static_cast<size_t>(std::max(r.ret, 0)));
}

Result<SecurityModel> RemoteConnect::nodeGetSecurityModel() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeGetSecurityModel>());
    return SecurityModel{std::move(r.model), std::move(r.doi)};
}

Result<bool> RemoteConnect::isSecure() {
    // Secure end to end only when the server says so and our own hop is (not plain TCP).
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectIsSecure>());
    return r.secure != 0 && transport_ != TransportKind::kTcp;
}

Result<bool> RemoteConnect::isEncrypted() {
    // A unix socket or plain TCP carries the bytes as they are.
    if (transport_ == TransportKind::kUnix || transport_ == TransportKind::kTcp) return false;
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectIsSecure>());
    return r.secure != 0;
}

Result<int> RemoteConnect::compareCpu(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectCompareCpu>({xml, flags}));
    return r.result;
}

Result<std::string> RemoteConnect::baselineCpu(const std::vector<std::string>& xml,
                                               unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectBaselineCpu>({xml, flags}));
    return std::move(r.cpu);
}

}  // namespace nodevirt::remote
