// Formatting samples as libvirt's stats answers.
#include "drivers/qemu/stats/stats_records.h"

#include <fmt/format.h>

#include "driver/libvirt_constants.h"
#include "util/error.h"

namespace nodevirt::qemu::stats {
namespace {

using namespace lv;

void addU64(TypedParams& p, std::string field, uint64_t v) { p.push_back({std::move(field), v}); }

const char* memoryStatName(int tag) {
    switch (static_cast<unsigned>(tag)) {
        case kDomainMemoryStatSwapIn:
            return "swap_in";
        case kDomainMemoryStatSwapOut:
            return "swap_out";
        case kDomainMemoryStatMajorFault:
            return "major_fault";
        case kDomainMemoryStatMinorFault:
            return "minor_fault";
        case kDomainMemoryStatUnused:
            return "unused";
        case kDomainMemoryStatAvailable:
            return "available";
        case kDomainMemoryStatRss:
            return "rss";
        case kDomainMemoryStatUsable:
            return "usable";
        case kDomainMemoryStatLastUpdate:
            return "last-update";
        case kDomainMemoryStatDiskCaches:
            return "disk_caches";
        case kDomainMemoryStatHugetlbPgalloc:
            return "hugetlb_pgalloc";
        case kDomainMemoryStatHugetlbPgfail:
            return "hugetlb_pgfail";
        default:
            return nullptr;
    }
}

void addBalloon(TypedParams& p, const DomainStatsSample& s) {
    addU64(p, "balloon.current", s.balloon_kib);
    addU64(p, "balloon.maximum", s.target.max_mem_kib);
    // As libvirt lists them: the guest's figures in QEMU's order, then rss.
    std::vector<MemoryStat> all = s.guest_memory;
    all.push_back(
        {static_cast<int>(kDomainMemoryStatRss), s.process.rss_pages * s.target.page_kib});
    for (const MemoryStat& m : all) {
        if (const char* name = memoryStatName(m.tag))
            addU64(p, fmt::format("balloon.{}", name), m.value);
    }
}

void addVcpus(TypedParams& p, const DomainStatsSample& s) {
    p.push_back({"vcpu.current", static_cast<uint32_t>(s.target.vcpus_current)});
    p.push_back({"vcpu.maximum", static_cast<uint32_t>(s.target.vcpus_max)});
    for (const VcpuSample& v : s.vcpus) {
        p.push_back({fmt::format("vcpu.{}.state", v.index), static_cast<int32_t>(kVcpuRunning)});
        // libvirt prints time and wait even when it could not read them (as 0).
        uint64_t time = v.cpu ? v.cpu->user_ns + v.cpu->system_ns : 0;
        addU64(p, fmt::format("vcpu.{}.time", v.index), time);
        addU64(p, fmt::format("vcpu.{}.wait", v.index), v.wait_ns.value_or(0));
        if (v.delay_ns) addU64(p, fmt::format("vcpu.{}.delay", v.index), *v.delay_ns);
    }
}

void addNics(TypedParams& p, const DomainStatsSample& s) {
    // As libvirt does: the count is every NIC and the index its position, but NICs without a
    // host device (user-mode networking) have no counters and so no entries.
    p.push_back({"net.count", static_cast<uint32_t>(s.nics.size())});
    for (size_t i = 0; i < s.nics.size(); ++i) {
        if (!s.nics[i].stats) continue;
        const InterfaceStats& c = *s.nics[i].stats;
        p.push_back({fmt::format("net.{}.name", i), s.nics[i].nic.ifname});
        const std::pair<const char*, int64_t> kCounters[] = {
            {"rx.bytes", c.rx_bytes}, {"rx.pkts", c.rx_packets}, {"rx.errs", c.rx_errs},
            {"rx.drop", c.rx_drop},   {"tx.bytes", c.tx_bytes},  {"tx.pkts", c.tx_packets},
            {"tx.errs", c.tx_errs},   {"tx.drop", c.tx_drop}};
        for (const auto& [name, v] : kCounters) {
            addU64(p, fmt::format("net.{}.{}", i, name), static_cast<uint64_t>(v));
        }
    }
}

void addBlocks(TypedParams& p, const DomainStatsSample& s) {
    p.push_back({"block.count", static_cast<uint32_t>(s.disks.size())});
    for (size_t i = 0; i < s.disks.size(); ++i) {
        const DiskSample& d = s.disks[i];
        p.push_back({fmt::format("block.{}.name", i), d.disk.target});
        if (!d.disk.source.empty()) p.push_back({fmt::format("block.{}.path", i), d.disk.source});
        if (!d.stats) continue;
        const BlockDevStats& b = *d.stats;
        const std::pair<const char*, uint64_t> kCounters[] = {{"rd.reqs", b.rd_reqs},
                                                              {"rd.bytes", b.rd_bytes},
                                                              {"rd.times", b.rd_times_ns},
                                                              {"wr.reqs", b.wr_reqs},
                                                              {"wr.bytes", b.wr_bytes},
                                                              {"wr.times", b.wr_times_ns},
                                                              {"fl.reqs", b.fl_reqs},
                                                              {"fl.times", b.fl_times_ns},
                                                              {"allocation", b.wr_highest_offset}};
        for (const auto& [name, v] : kCounters) addU64(p, fmt::format("block.{}.{}", i, name), v);
        if (b.capacity) addU64(p, fmt::format("block.{}.capacity", i), *b.capacity);
        if (b.physical) addU64(p, fmt::format("block.{}.physical", i), *b.physical);
    }
}

Result<std::vector<const BlockDevStats*>> findDisks(const DomainStatsSample& s,
                                                    const std::string& disk) {
    std::vector<const BlockDevStats*> out;
    for (const DiskSample& d : s.disks) {
        if (!disk.empty() && d.disk.target != disk && d.disk.source != disk) continue;
        if (d.stats) {
            out.push_back(&*d.stats);
        } else if (!disk.empty()) {
            return fail(
                operationInvalid(fmt::format("disk '{}' has no statistics: no medium", disk)));
        }
        if (!disk.empty()) return out;
    }
    if (!disk.empty()) return fail(invalidArg(fmt::format("invalid path: {}", disk)));
    return out;
}

}  // namespace

TypedParams statsRecordParams(const DomainStatsSample& s, unsigned groups) {
    if (groups == 0) groups = supportedStatsGroups();
    groups &= s.groups;
    TypedParams p;
    if (groups & kDomainStatsState) {
        p.push_back({"state.state", static_cast<int32_t>(s.status.state)});
        p.push_back({"state.reason", static_cast<int32_t>(s.status.reason)});
    }
    if (groups & kDomainStatsCpuTotal) {
        addU64(p, "cpu.time", s.process.user_ns + s.process.system_ns);
        addU64(p, "cpu.user", s.process.user_ns);
        addU64(p, "cpu.system", s.process.system_ns);
    }
    if (groups & kDomainStatsBalloon) addBalloon(p, s);
    if (groups & kDomainStatsVcpu) addVcpus(p, s);
    if (groups & kDomainStatsInterface) addNics(p, s);
    if (groups & kDomainStatsBlock) addBlocks(p, s);
    return p;
}

DomainInfo domainInfoOf(const DomainStatsSample& s) {
    DomainInfo info;
    info.state = s.status.state;
    info.max_mem_kib = s.target.max_mem_kib;
    info.memory_kib = (s.groups & kDomainStatsBalloon) ? s.balloon_kib : s.target.cur_mem_kib;
    info.nr_virt_cpu = s.target.vcpus_current;
    info.cpu_time_ns = s.process.user_ns + s.process.system_ns;
    return info;
}

Result<BlockStats> blockStatsOf(const DomainStatsSample& s, const std::string& disk) {
    NODEVIRT_ASSIGN_OR_RETURN(auto list, findDisks(s, disk));
    BlockStats out{0, 0, 0, 0, -1};  // QEMU counts no errors per device
    for (const BlockDevStats* b : list) {
        out.rd_req += static_cast<int64_t>(b->rd_reqs);
        out.rd_bytes += static_cast<int64_t>(b->rd_bytes);
        out.wr_req += static_cast<int64_t>(b->wr_reqs);
        out.wr_bytes += static_cast<int64_t>(b->wr_bytes);
    }
    return out;
}

Result<TypedParams> blockStatsParamsOf(const DomainStatsSample& s, const std::string& disk) {
    NODEVIRT_ASSIGN_OR_RETURN(auto list, findDisks(s, disk));
    int64_t v[8] = {};
    for (const BlockDevStats* b : list) {
        const uint64_t add[8] = {b->wr_bytes, b->wr_reqs,     b->rd_bytes,    b->rd_reqs,
                                 b->fl_reqs,  b->wr_times_ns, b->rd_times_ns, b->fl_times_ns};
        for (int i = 0; i < 8; ++i) v[i] += static_cast<int64_t>(add[i]);
    }
    static const char* const kNames[8] = {"wr_bytes",       "wr_operations",    "rd_bytes",
                                          "rd_operations",  "flush_operations", "wr_total_times",
                                          "rd_total_times", "flush_total_times"};
    TypedParams p;
    for (int i = 0; i < 8; ++i) p.push_back({kNames[i], v[i]});
    return p;
}

Result<InterfaceStats> interfaceStatsOf(const DomainStatsSample& s, const std::string& iface) {
    for (const NicSample& n : s.nics) {
        bool match = (!n.nic.ifname.empty() && n.nic.ifname == iface) || n.nic.mac == iface ||
                     n.nic.alias == iface;
        if (!match || iface.empty()) continue;
        if (n.nic.ifname.empty()) {
            return fail(Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kQemu,
                                    fmt::format("interface '{}' uses user-mode networking, which "
                                                "has no host device to count its traffic",
                                                iface)));
        }
        if (!n.stats) {
            return fail(operationFailed(
                fmt::format("no counters for host device '{}'", n.nic.ifname), ErrorDomain::kQemu));
        }
        return *n.stats;
    }
    return fail(invalidArg(fmt::format("invalid path, '{}' is not a known interface", iface)));
}

std::vector<MemoryStat> memoryStatsOf(const DomainStatsSample& s, unsigned max) {
    std::vector<MemoryStat> out;
    out.push_back({static_cast<int>(kDomainMemoryStatActualBalloon), s.balloon_kib});
    out.insert(out.end(), s.guest_memory.begin(), s.guest_memory.end());
    out.push_back(
        {static_cast<int>(kDomainMemoryStatRss), s.process.rss_pages * s.target.page_kib});
    if (out.size() > max) out.resize(max);
    return out;
}

std::vector<VcpuInfo> vcpuInfosOf(const DomainStatsSample& s) {
    std::vector<VcpuInfo> out;
    for (const VcpuSample& v : s.vcpus) {
        VcpuInfo info;
        info.number = v.index;
        info.state = static_cast<int>(kVcpuRunning);
        if (v.cpu) {
            info.cpu_time_ns = v.cpu->user_ns + v.cpu->system_ns;
            info.cpu = v.cpu->processor;
        }
        out.push_back(info);
    }
    return out;
}

}  // namespace nodevirt::qemu::stats
