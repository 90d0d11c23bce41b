// Domain monitoring (block/interface/memory stats, vCPU info and pinning, addresses, bulk
// stats) and domain snapshots.
#include "remote/server/list_all.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

driver::DomainStatsOps& stats(CallContext& ctx) { return ctx.driver().domainStats(); }
driver::DomainSnapshotOps& snaps(CallContext& ctx) { return ctx.driver().domainSnapshots(); }

// The vCPU maps as one buffer of `count` maps of `maplen` bytes each.
std::string packMaps(const std::vector<std::vector<bool>>& maps, size_t count, size_t maplen) {
    std::string out;
    for (size_t i = 0; i < count && i < maps.size(); ++i) out += packCpumap(maps[i], maplen);
    return out;
}

Status checkMaps(int32_t count, int32_t maplen, std::string_view count_name) {
    NODEVIRT_TRY(checkMax(count, p::kVcpuinfoMax, std::string(count_name) + " > REMOTE_VCPUINFO_MAX"));
    if (count < 0 || maplen < 0 ||
        static_cast<int64_t>(count) * maplen > static_cast<int64_t>(p::kCpumapsMax)) {
        return fail(daemonError(std::string(count_name) + " * maplen > REMOTE_CPUMAPS_MAX"));
    }
    return ok();
}

void bindStats(Handlers& h) {
    on<pr::DomainBlockStats>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainBlockStatsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(BlockStats s, stats(ctx).blockStats(fromWire(a.dom), a.path));
        return p::DomainBlockStatsRet{s.rd_req, s.rd_bytes, s.wr_req, s.wr_bytes, s.errs};
    });
    on<pr::DomainBlockStatsFlags>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::DomainBlockStatsFlagsRet> {
        NODEVIRT_TRY(checkNparams(a.nparams, p::kDomainBlockStatsParametersMax));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps,
                                  stats(ctx).blockStatsFlags(fromWire(a.dom), a.path, a.flags));
        ParamReply r = paramReply(ps, a.nparams, a.flags);
        return p::DomainBlockStatsFlagsRet{std::move(r.params), r.nparams};
    });
    on<pr::DomainInterfaceStats>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::DomainInterfaceStatsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(InterfaceStats s,
                                  stats(ctx).interfaceStats(fromWire(a.dom), a.device));
        return p::DomainInterfaceStatsRet{s.rx_bytes, s.rx_packets, s.rx_errs, s.rx_drop,
                                          s.tx_bytes, s.tx_packets, s.tx_errs, s.tx_drop};
    });
    on<pr::DomainMemoryStats>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::DomainMemoryStatsRet> {
        NODEVIRT_TRY(checkMax(a.max_stats, p::kDomainMemoryStatsMax,
                              "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto list,
                                  stats(ctx).memoryStats(fromWire(a.dom), a.max_stats, a.flags));
        p::DomainMemoryStatsRet ret;
        for (const MemoryStat& m : list) ret.stats.push_back({m.tag, m.value});
        return ret;
    });
    on<pr::DomainGetBlockInfo>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::DomainGetBlockInfoRet> {
        NODEVIRT_ASSIGN_OR_RETURN(BlockInfo b,
                                  stats(ctx).getBlockInfo(fromWire(a.dom), a.path, a.flags));
        return p::DomainGetBlockInfoRet{b.allocation, b.capacity, b.physical};
    });
    on<pr::DomainGetCpuStats>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::DomainGetCpuStatsRet> {
        NODEVIRT_TRY(checkNparams(a.nparams, p::kNodeCpuStatsMax));
        NODEVIRT_TRY(checkMax(a.ncpus, p::kDomainGetCpuStatsNcpusMax, "ncpus too large"));
        NODEVIRT_ASSIGN_OR_RETURN(TypedParams ps, stats(ctx).getCpuStats(fromWire(a.dom), a.start_cpu,
                                                                        a.ncpus, a.flags));
        // The driver returns every parameter of every requested cpu; nparams is per cpu.
        int32_t per_cpu = static_cast<int32_t>(ps.size() / std::max<uint32_t>(a.ncpus, 1));
        if (a.nparams == 0) return p::DomainGetCpuStatsRet{{}, per_cpu};
        return p::DomainGetCpuStatsRet{toWireParams(ps, (a.flags & kTypedParamStringOkay) != 0),
                                       per_cpu};
    });
    on<pr::ConnectGetAllDomainStats>(h, [](CallContext& ctx, const auto& a)
                                            -> Result<p::ConnectGetAllDomainStatsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto records, stats(ctx).getAllDomainStats(fromWireList(a.doms),
                                                                             a.stats, a.flags));
        p::ConnectGetAllDomainStatsRet ret;
        for (const auto& rec : records) ret.ret_stats.push_back(toWire(rec));
        return ret;
    });
}

void bindVcpus(Handlers& h) {
    on<pr::DomainGetVcpus>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainGetVcpusRet> {
        NODEVIRT_TRY(checkMaps(a.maxinfo, a.maplen, "maxinfo"));
        NODEVIRT_ASSIGN_OR_RETURN(auto vcpus, stats(ctx).getVcpus(fromWire(a.dom)));
        p::DomainGetVcpusRet ret;
        size_t n = std::min(vcpus.first.size(), static_cast<size_t>(a.maxinfo));
        for (size_t i = 0; i < n; ++i) {
            const VcpuInfo& v = vcpus.first[i];
            ret.info.push_back({v.number, v.state, v.cpu_time_ns, v.cpu});
        }
        ret.cpumaps = packMaps(vcpus.second, n, static_cast<size_t>(a.maplen));
        return ret;
    });
    on<pr::DomainGetVcpuPinInfo>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::DomainGetVcpuPinInfoRet> {
        NODEVIRT_TRY(checkMaps(a.ncpumaps, a.maplen, "ncpumaps"));
        NODEVIRT_ASSIGN_OR_RETURN(auto maps, stats(ctx).getVcpuPinInfo(fromWire(a.dom), a.flags));
        size_t n = std::min(maps.size(), static_cast<size_t>(a.ncpumaps));
        return p::DomainGetVcpuPinInfoRet{packMaps(maps, n, static_cast<size_t>(a.maplen)),
                                          static_cast<int32_t>(n)};
    });
    on<pr::DomainInterfaceAddresses>(h, [](CallContext& ctx, const auto& a)
                                            -> Result<p::DomainInterfaceAddressesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ifaces, stats(ctx).interfaceAddresses(fromWire(a.dom),
                                                                             a.source, a.flags));
        p::DomainInterfaceAddressesRet ret;
        for (const DomainInterface& i : ifaces) ret.ifaces.push_back(toWire(i));
        return ret;
    });
}

void bindSnapshotQueries(Handlers& h) {
    on<pr::DomainSnapshotNum>(h, [](CallContext& ctx, const auto& a) -> Result<p::DomainSnapshotNumRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, snaps(ctx).num(fromWire(a.dom), a.flags));
        return p::DomainSnapshotNumRet{n};
    });
    on<pr::DomainSnapshotListNames>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::DomainSnapshotListNamesRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kDomainSnapshotListMax,
                              "maxnames > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names,
                                  snaps(ctx).listNames(fromWire(a.dom), a.maxnames, a.flags));
        return p::DomainSnapshotListNamesRet{names};
    });
    on<pr::DomainSnapshotNumChildren>(h, [](CallContext& ctx, const auto& a)
                                             -> Result<p::DomainSnapshotNumChildrenRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, snaps(ctx).numChildren(fromWire(a.snap), a.flags));
        return p::DomainSnapshotNumChildrenRet{n};
    });
    on<pr::DomainSnapshotListChildrenNames>(h, [](CallContext& ctx, const auto& a)
                                                   -> Result<p::DomainSnapshotListChildrenNamesRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kDomainSnapshotListMax,
                              "maxnames > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(
            auto names, snaps(ctx).listChildrenNames(fromWire(a.snap), a.maxnames, a.flags));
        return p::DomainSnapshotListChildrenNamesRet{names};
    });
    bindListAll<pr::DomainListAllSnapshots>(h, [](CallContext& ctx, const auto& a) {
        return snaps(ctx).listAll(fromWire(a.dom), a.flags);
    });
    bindListAll<pr::DomainSnapshotListAllChildren>(h, [](CallContext& ctx, const auto& a) {
        return snaps(ctx).listChildren(fromWire(a.snapshot), a.flags);
    });
    on<pr::DomainSnapshotLookupByName>(h, [](CallContext& ctx, const auto& a)
                                              -> Result<p::DomainSnapshotLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto s, snaps(ctx).lookupByName(fromWire(a.dom), a.name, a.flags));
        return p::DomainSnapshotLookupByNameRet{toWire(s)};
    });
    on<pr::DomainHasCurrentSnapshot>(h, [](CallContext& ctx, const auto& a)
                                            -> Result<p::DomainHasCurrentSnapshotRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, snaps(ctx).hasCurrent(fromWire(a.dom), a.flags));
        return p::DomainHasCurrentSnapshotRet{v ? 1 : 0};
    });
    on<pr::DomainSnapshotCurrent>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::DomainSnapshotCurrentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto s, snaps(ctx).current(fromWire(a.dom), a.flags));
        return p::DomainSnapshotCurrentRet{toWire(s)};
    });
    on<pr::DomainSnapshotGetParent>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::DomainSnapshotGetParentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto s, snaps(ctx).getParent(fromWire(a.snap), a.flags));
        return p::DomainSnapshotGetParentRet{toWire(s)};
    });
    on<pr::DomainSnapshotGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                            -> Result<p::DomainSnapshotGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, snaps(ctx).getXmlDesc(fromWire(a.snap), a.flags));
        return p::DomainSnapshotGetXmlDescRet{xml};
    });
    on<pr::DomainSnapshotIsCurrent>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::DomainSnapshotIsCurrentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, snaps(ctx).isCurrent(fromWire(a.snap), a.flags));
        return p::DomainSnapshotIsCurrentRet{v ? 1 : 0};
    });
    on<pr::DomainSnapshotHasMetadata>(h, [](CallContext& ctx, const auto& a)
                                             -> Result<p::DomainSnapshotHasMetadataRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, snaps(ctx).hasMetadata(fromWire(a.snap), a.flags));
        return p::DomainSnapshotHasMetadataRet{v ? 1 : 0};
    });
}

void bindSnapshotChanges(Handlers& h) {
    on<pr::DomainSnapshotCreateXml>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::DomainSnapshotCreateXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto s, snaps(ctx).createXml(fromWire(a.dom), a.xml_desc, a.flags));
        return p::DomainSnapshotCreateXmlRet{toWire(s)};
    });
    on<pr::DomainRevertToSnapshot>(h, [](CallContext& ctx, const auto& a) {
        return done(snaps(ctx).revert(fromWire(a.snap), a.flags));
    });
    on<pr::DomainSnapshotDelete>(h, [](CallContext& ctx, const auto& a) {
        return done(snaps(ctx).remove(fromWire(a.snap), a.flags));
    });
}

}  // namespace

void bindDomainStatsHandlers(Handlers& h) {
    bindStats(h);
    bindVcpus(h);
}

void bindSnapshotHandlers(Handlers& h) {
    bindSnapshotQueries(h);
    bindSnapshotChanges(h);
}

}  // namespace nodevirt::remote
