// Domain statistics, vCPU information and snapshots over the wire. vCPU maps are sized from the
// host's cpu count (NODE_GET_CPU_MAP, as virsh sizes them) and unpacked one bool per host cpu.
#include "driver/libvirt_constants.h"
#include "remote/client/call_helpers.h"
#include "remote/client/domain_facets.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

namespace {

// `count` maps of `maplen` bytes each, `ncpus` bools per map.
std::vector<std::vector<bool>> unpackMaps(std::string_view bytes, size_t count, size_t maplen,
                                          size_t ncpus) {
    std::vector<std::vector<bool>> maps;
    for (size_t i = 0; i < count && (i + 1) * maplen <= bytes.size(); ++i) {
        maps.push_back(unpackCpumap(bytes.substr(i * maplen, maplen), ncpus));
    }
    return maps;
}

template <typename W, typename Ref = decltype(fromWire(std::declval<W>()))>
std::vector<Ref> refsOf(const std::vector<W>& wires) {
    return fromWireList(wires);
}

}  // namespace

Result<size_t> RemoteDomainStats::hostCpus() {
    auto map = ch_.call<pr::NodeGetCpuMap>({0, 0, 0});
    if (map && map->ret > 0) return static_cast<size_t>(map->ret);
    NODEVIRT_ASSIGN_OR_RETURN(auto info, ch_.call<pr::NodeGetInfo>());
    return static_cast<size_t>(std::max(info.cpus, 1));
}

Result<BlockStats> RemoteDomainStats::blockStats(const DomainRef& dom, const std::string& disk) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainBlockStats>({toWire(dom), disk}));
    return BlockStats{r.rd_req, r.rd_bytes, r.wr_req, r.wr_bytes, r.errs};
}

Result<TypedParams> RemoteDomainStats::blockStatsFlags(const DomainRef& dom,
                                                       const std::string& disk, unsigned flags) {
    unsigned f = withStringOkay(ch_, flags);
    return twoCallParams(
        [&](int32_t n) { return ch_.call<pr::DomainBlockStatsFlags>({toWire(dom), disk, n, f}); });
}

Result<InterfaceStats> RemoteDomainStats::interfaceStats(const DomainRef& dom,
                                                         const std::string& iface) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainInterfaceStats>({toWire(dom), iface}));
    return InterfaceStats{r.rx_bytes, r.rx_packets, r.rx_errs, r.rx_drop,
                          r.tx_bytes, r.tx_packets, r.tx_errs, r.tx_drop};
}

Result<std::vector<MemoryStat>> RemoteDomainStats::memoryStats(const DomainRef& dom, unsigned max,
                                                               unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainMemoryStats>({toWire(dom), max, flags}));
    std::vector<MemoryStat> out;
    out.reserve(r.stats.size());
    for (const auto& s : r.stats) out.push_back({s.tag, s.val});
    return out;
}

Result<BlockInfo> RemoteDomainStats::getBlockInfo(const DomainRef& dom, const std::string& disk,
                                                  unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetBlockInfo>({toWire(dom), disk, flags}));
    return BlockInfo{r.capacity, r.allocation, r.physical};
}

Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> RemoteDomainStats::getVcpus(
    const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto info, ch_.call<pr::DomainGetInfo>({toWire(dom)}));
    NODEVIRT_ASSIGN_OR_RETURN(size_t ncpus, hostCpus());
    size_t maplen = cpumapLength(ncpus);
    NODEVIRT_ASSIGN_OR_RETURN(
        auto r, ch_.call<pr::DomainGetVcpus>({toWire(dom), static_cast<int32_t>(info.nr_virt_cpu),
                                              static_cast<int32_t>(maplen)}));
    std::vector<VcpuInfo> vcpus;
    for (const auto& v : r.info) vcpus.push_back({v.number, v.state, v.cpu_time, v.cpu});
    auto maps = unpackMaps(r.cpumaps, vcpus.size(), maplen, ncpus);
    return std::make_pair(std::move(vcpus), std::move(maps));
}

Result<std::vector<std::vector<bool>>> RemoteDomainStats::getVcpuPinInfo(const DomainRef& dom,
                                                                         unsigned flags) {
    // One map per possible vCPU (VIR_DOMAIN_VCPU_MAXIMUM), as virsh vcpupin asks.
    NODEVIRT_ASSIGN_OR_RETURN(
        auto count, ch_.call<pr::DomainGetVcpusFlags>({toWire(dom), flags | lv::kDomainVcpuMaximum}));
    NODEVIRT_ASSIGN_OR_RETURN(size_t ncpus, hostCpus());
    size_t maplen = cpumapLength(ncpus);
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetVcpuPinInfo>(
                                          {toWire(dom), count.num,
                                           static_cast<int32_t>(maplen), flags}));
    return unpackMaps(r.cpumaps, static_cast<size_t>(std::max(r.num, 0)), maplen, ncpus);
}

Result<std::vector<DomainInterface>> RemoteDomainStats::interfaceAddresses(const DomainRef& dom,
                                                                           unsigned source,
                                                                           unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::DomainInterfaceAddresses>({toWire(dom), source, flags}));
    std::vector<DomainInterface> out;
    for (const auto& i : r.ifaces) out.push_back(fromWire(i));
    return out;
}

Result<std::vector<driver::DomainStatsRecord>> RemoteDomainStats::getAllDomainStats(
    const std::vector<DomainRef>& doms, unsigned stats, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(
        auto r, ch_.call<pr::ConnectGetAllDomainStats>({toWireList(doms), stats, flags}));
    std::vector<driver::DomainStatsRecord> out;
    for (const auto& rec : r.ret_stats) {
        NODEVIRT_ASSIGN_OR_RETURN(auto converted, fromWire(rec));
        out.push_back(std::move(converted));
    }
    return out;
}

Result<TypedParams> RemoteDomainStats::getCpuStats(const DomainRef& dom, int start,
                                                   unsigned ncpus, unsigned flags) {
    unsigned f = withStringOkay(ch_, flags);
    // First the number of parameters per cpu, then all of them for `ncpus` cpus.
    NODEVIRT_ASSIGN_OR_RETURN(auto count,
                              ch_.call<pr::DomainGetCpuStats>({toWire(dom), 0, start, ncpus, f}));
    if (count.nparams <= 0) return TypedParams{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainGetCpuStats>(
                                          {toWire(dom), static_cast<uint32_t>(count.nparams),
                                           start, ncpus, f}));
    return fromWireParams(r.params);
}

// --- snapshots

Result<DomainSnapshotRef> RemoteDomainSnapshots::createXml(const DomainRef& dom,
                                                           const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotCreateXml>({toWire(dom), xml, flags}));
    return fromWire(r.snap);
}

Result<std::vector<DomainSnapshotRef>> RemoteDomainSnapshots::listAll(const DomainRef& dom,
                                                                      unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainListAllSnapshots>({toWire(dom), 1, flags}));
    return refsOf(r.snapshots);
}

Result<std::vector<DomainSnapshotRef>> RemoteDomainSnapshots::listChildren(
    const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::DomainSnapshotListAllChildren>({toWire(snap), 1, flags}));
    return refsOf(r.snapshots);
}

Result<int> RemoteDomainSnapshots::num(const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotNum>({toWire(dom), flags}));
    return r.num;
}

Result<std::vector<std::string>> RemoteDomainSnapshots::listNames(const DomainRef& dom, int max,
                                                                  unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::DomainSnapshotListNames>({toWire(dom), max, flags}));
    return std::move(r.names);
}

Result<int> RemoteDomainSnapshots::numChildren(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotNumChildren>({toWire(snap), flags}));
    return r.num;
}

Result<std::vector<std::string>> RemoteDomainSnapshots::listChildrenNames(
    const DomainSnapshotRef& snap, int max, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(
        auto r, ch_.call<pr::DomainSnapshotListChildrenNames>({toWire(snap), max, flags}));
    return std::move(r.names);
}

Result<DomainSnapshotRef> RemoteDomainSnapshots::lookupByName(const DomainRef& dom,
                                                              const std::string& name,
                                                              unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::DomainSnapshotLookupByName>({toWire(dom), name, flags}));
    return fromWire(r.snap);
}

Result<bool> RemoteDomainSnapshots::hasCurrent(const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainHasCurrentSnapshot>({toWire(dom), flags}));
    return r.result != 0;
}

Result<DomainSnapshotRef> RemoteDomainSnapshots::current(const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotCurrent>({toWire(dom), flags}));
    return fromWire(r.snap);
}

Result<DomainSnapshotRef> RemoteDomainSnapshots::getParent(const DomainSnapshotRef& snap,
                                                           unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotGetParent>({toWire(snap), flags}));
    return fromWire(r.snap);
}

Result<std::string> RemoteDomainSnapshots::getXmlDesc(const DomainSnapshotRef& snap,
                                                      unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotGetXmlDesc>({toWire(snap), flags}));
    return std::move(r.xml);
}

Result<bool> RemoteDomainSnapshots::isCurrent(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::DomainSnapshotIsCurrent>({toWire(snap), flags}));
    return r.current != 0;
}

Result<bool> RemoteDomainSnapshots::hasMetadata(const DomainSnapshotRef& snap, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::DomainSnapshotHasMetadata>({toWire(snap), flags}));
    return r.metadata != 0;
}

Status RemoteDomainSnapshots::revert(const DomainSnapshotRef& snap, unsigned flags) {
    return callVoid<pr::DomainRevertToSnapshot>(ch_, {toWire(snap), flags});
}

Status RemoteDomainSnapshots::remove(const DomainSnapshotRef& snap, unsigned flags) {
    return callVoid<pr::DomainSnapshotDelete>(ch_, {toWire(snap), flags});
}

}  // namespace nodevirt::remote
