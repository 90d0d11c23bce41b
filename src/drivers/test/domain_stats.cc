// DomainStatsOps of the test driver. Like libvirt's, the counters are made up: block and
// interface counters derive from the wall clock, memory stats from the current balloon,
// block info is a fixed 1 TiB, and addresses from the domain id.
#include <sys/time.h>

#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/domain_impact.h"
#include "drivers/test/facets.h"

namespace nodevirt::drivers::test {
namespace {

struct Clock {
    int64_t sec = 0;
    int64_t usec_total = 0;  // seconds * 1e6 + microseconds
};

Clock now() {
    struct timeval tv {};
    ::gettimeofday(&tv, nullptr);
    return {tv.tv_sec, static_cast<int64_t>(tv.tv_sec) * 1000000 + tv.tv_usec};
}

// Host cpus as libvirt counts them for pinning (nodes * sockets * cores * threads).
size_t hostCpus(const TestNode& node) {
    const NodeInfo& i = node.info;
    size_t n = static_cast<size_t>(i.nodes) * i.sockets * i.cores * i.threads;
    return n ? n : i.cpus;
}

std::vector<bool> cpuMap(const conf::DomainDef& def, uint32_t vcpu, size_t ncpus) {
    std::vector<bool> map(ncpus, true);
    if (!def.extras) return map;
    for (const auto& pin : def.extras->cputune.vcpupins) {
        if (pin.vcpu != vcpu) continue;
        for (size_t c = 0; c < ncpus; ++c) map[c] = pin.cpuset.contains(static_cast<uint32_t>(c));
    }
    return map;
}

constexpr unsigned kSupportedStats = lv::kDomainStatsState;

}  // namespace

Result<BlockStats> TestDomainStats::blockStats(const DomainRef& dom, const std::string& disk) {
    if (disk.empty()) {
        return fail(testError(ErrorCode::kOperationUnsupported, "summary statistics are not supported yet"));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_TRY(checkActive(v));
    if (!v.def->findDiskIndex(disk)) {
        return fail(testError(ErrorCode::kInvalidArg, fmt::format("invalid path: {}", disk)));
    }
    Clock c = now();
    BlockStats s;
    s.rd_req = c.usec_total / 10;
    s.rd_bytes = c.usec_total / 20;
    s.wr_req = c.usec_total / 30;
    s.wr_bytes = c.usec_total / 40;
    s.errs = c.sec / 2;
    return s;
}

Result<InterfaceStats> TestDomainStats::interfaceStats(const DomainRef& dom, const std::string& iface) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_TRY(checkActive(v));
    if (!v.def->findInterfaceIndex(iface)) {
        return fail(invalidArg(fmt::format("'{}' is not a known interface", iface), ErrorDomain::kDomain));
    }
    Clock c = now();
    InterfaceStats s;
    s.rx_bytes = c.usec_total / 10;
    s.rx_packets = c.usec_total / 100;
    s.rx_errs = c.sec;
    s.rx_drop = c.sec / 2;
    s.tx_bytes = c.usec_total / 20;
    s.tx_packets = c.usec_total / 110;
    s.tx_errs = c.sec / 3;
    s.tx_drop = c.sec / 4;
    return s;
}

Result<std::vector<MemoryStat>> TestDomainStats::memoryStats(const DomainRef& dom, unsigned max, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainMemoryStats"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_TRY(checkActive(v));
    uint64_t cur = v.def->current_kib;
    std::vector<MemoryStat> out = {
        {static_cast<int>(kDomainMemoryStatActualBalloon), cur},
        {static_cast<int>(kDomainMemoryStatSwapIn), 0},
        {static_cast<int>(kDomainMemoryStatSwapOut), 0},
        {static_cast<int>(kDomainMemoryStatMajorFault), 0},
        {static_cast<int>(kDomainMemoryStatMinorFault), 0},
        {static_cast<int>(kDomainMemoryStatUnused), cur / 2},
        {static_cast<int>(kDomainMemoryStatAvailable), cur},
        {static_cast<int>(kDomainMemoryStatUsable), cur / 2},
        {static_cast<int>(kDomainMemoryStatLastUpdate), 627319920},
        {static_cast<int>(kDomainMemoryStatDiskCaches), cur / 8},
        {static_cast<int>(kDomainMemoryStatHugetlbPgalloc), 0},
        {static_cast<int>(kDomainMemoryStatHugetlbPgfail), 0},
        {static_cast<int>(kDomainMemoryStatRss), cur / 2},
    };
    if (out.size() > max) out.resize(max);
    return out;
}

Result<BlockInfo> TestDomainStats::getBlockInfo(const DomainRef& dom, const std::string& disk, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainGetBlockInfo"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    auto index = v.def->findDiskIndex(disk);
    if (!index) {
        return fail(testError(ErrorCode::kInvalidArg, fmt::format("invalid path {} not assigned to domain", disk)));
    }
    if (v.def->devs().disks[*index].source.empty()) {
        return fail(testError(ErrorCode::kOperationInvalid,
                              fmt::format("disk '{}' does not currently have a source assigned", disk)));
    }
    return BlockInfo{1099506450432ULL, 1099511627776ULL, 1099511627776ULL};
}

Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> TestDomainStats::getVcpus(
    const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    if (!v.active()) {
        return fail(testError(ErrorCode::kOperationInvalid, "cannot list vcpus for an inactive domain"));
    }
    size_t ncpus = hostCpus(ctx_.state().node);
    uint64_t time = static_cast<uint64_t>(now().usec_total / 10);
    std::vector<VcpuInfo> infos;
    std::vector<std::vector<bool>> maps;
    for (uint32_t i = 0; i < v.def->vcpusCurrent(); ++i) {
        std::vector<bool> map = cpuMap(*v.def, i, ncpus);
        int last = -1;
        for (size_t c = 0; c < map.size(); ++c) {
            if (map[c]) last = static_cast<int>(c);
        }
        infos.push_back({i, static_cast<int>(lv::kVcpuRunning), time, last});
        maps.push_back(std::move(map));
    }
    return std::make_pair(std::move(infos), std::move(maps));
}

Result<std::vector<std::vector<bool>>> TestDomainStats::getVcpuPinInfo(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainAffectLive | lv::kDomainAffectConfig, "testDomainGetVcpuPinInfo"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, oneDefImpact(v, flags));
    const auto& def = impact.target(v);
    size_t ncpus = hostCpus(ctx_.state().node);
    std::vector<std::vector<bool>> out;
    for (uint32_t i = 0; i < def->vcpu.max; ++i) out.push_back(cpuMap(*def, i, ncpus));
    return out;
}

Result<std::vector<DomainInterface>> TestDomainStats::interfaceAddresses(const DomainRef& dom, unsigned source,
                                                                         unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainInterfaceAddresses"));
    if (source > lv::kDomainInterfaceAddressesSrcArp) {
        return fail(testError(ErrorCode::kArgumentUnsupported, fmt::format("Unknown IP address data source {}", source)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_TRY(checkActive(v));
    std::vector<DomainInterface> out;
    const auto& nets = v.def->devs().interfaces;
    for (size_t i = 0; i < nets.size(); ++i) {
        DomainInterface iface;
        iface.name = nets[i].ifname.value_or("");
        if (nets[i].mac) iface.hwaddr = nets[i].mac->toString();
        int host = 20 * (v.id - 1) + 3 + static_cast<int>(i);
        iface.addrs.push_back({static_cast<int>(lv::kIpAddrTypeIpv4), fmt::format("192.168.122.{}", host), 24});
        out.push_back(std::move(iface));
    }
    return out;
}

Result<std::vector<DomainStatsRecord>> TestDomainStats::getAllDomainStats(const std::vector<DomainRef>& doms,
                                                                          unsigned stats, unsigned flags) {
    using namespace lv;
    unsigned allowed = 0xffu | kConnectGetAllDomainsStatsNowait | kConnectGetAllDomainsStatsBacking |
                       kConnectGetAllDomainsStatsEnforceStats;
    NODEVIRT_TRY(checkFlags(flags, allowed, "testConnectGetAllDomainStats"));
    if ((flags & kConnectGetAllDomainsStatsEnforceStats) && (stats & ~kSupportedStats)) {
        return fail(Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kTest,
                                fmt::format("Stats types bits 0x{:x} are not supported by this daemon",
                                            stats & ~kSupportedStats)));
    }
    bool want_state = stats == 0 || (stats & kDomainStatsState);
    std::vector<core::DomainView> views;
    if (doms.empty()) {
        views = ctx_.state().domains.listAll(flags & 0xffu);
        std::sort(views.begin(), views.end(), [](const core::DomainView& a, const core::DomainView& b) {
            return a.name < b.name;
        });
    } else {
        for (const auto& ref : doms) {
            NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), ref));
            views.push_back(obj->view());
        }
    }
    std::vector<DomainStatsRecord> out;
    for (const auto& v : views) {
        DomainStatsRecord rec{v.ref(), {}};
        if (want_state) {
            rec.params.push_back({"state.state", static_cast<int32_t>(v.state)});
            rec.params.push_back({"state.reason", static_cast<int32_t>(v.reason)});
        }
        out.push_back(std::move(rec));
    }
    return out;
}

}  // namespace nodevirt::drivers::test
