// The collector of stats_collector.h.
#include "drivers/qemu/stats/stats_collector.h"

#include <fmt/format.h>

#include "driver/libvirt_constants.h"

namespace nodevirt::qemu::stats {
namespace {

using namespace lv;

bool wants(unsigned groups, unsigned bit) { return (groups & bit) != 0; }

Status collectBalloon(const QmpExec& qmp, const StatsTarget& t, DomainStatsSample& s) {
    if (t.balloon_path.empty()) {
        s.balloon_kib = t.cur_mem_kib;
        return ok();
    }
    NODEVIRT_ASSIGN_OR_RETURN(Json reply, qmp("query-balloon", nullptr));
    NODEVIRT_ASSIGN_OR_RETURN(s.balloon_kib, parseQueryBalloon(reply));
    if (t.balloon_stats) {
        Json args = {{"path", t.balloon_path}, {"property", "guest-stats"}};
        NODEVIRT_ASSIGN_OR_RETURN(Json stats, qmp("qom-get", args));
        NODEVIRT_ASSIGN_OR_RETURN(s.guest_memory, parseGuestStats(stats));
    }
    return ok();
}

Status collectVcpus(const QmpExec& qmp, const caps::HostSource& proc, const StatsTarget& t,
                    DomainStatsSample& s) {
    NODEVIRT_ASSIGN_OR_RETURN(Json reply, qmp("query-cpus-fast", nullptr));
    NODEVIRT_ASSIGN_OR_RETURN(std::vector<VcpuThread> threads, parseQueryCpusFast(reply));
    for (const VcpuThread& th : threads) {
        VcpuSample v;
        v.index = th.index;
        v.thread_id = th.thread_id;
        if (auto cpu = readProcCpu(proc, t.pid, th.thread_id, t.ticks_per_sec)) v.cpu = *cpu;
        if (auto delay = readRunDelay(proc, t.pid, th.thread_id)) v.delay_ns = *delay;
        std::string sched = fmt::format("/proc/{}/task/{}/sched", t.pid, th.thread_id);
        if (auto text = proc.readFile(sched)) v.wait_ns = parseSchedWaitSum(*text);
        s.vcpus.push_back(v);
    }
    return ok();
}

Status collectBlocks(const QmpExec& qmp, const StatsTarget& t, DomainStatsSample& s) {
    NODEVIRT_ASSIGN_OR_RETURN(Json stats, qmp("query-blockstats", nullptr));
    NODEVIRT_ASSIGN_OR_RETURN(Json block, qmp("query-block", nullptr));
    NODEVIRT_ASSIGN_OR_RETURN(std::vector<BlockDevStats> all, parseBlockStats(stats, block));
    for (const StatsDisk& d : t.disks) {
        DiskSample ds{d, std::nullopt};
        if (const BlockDevStats* b = findBlockDev(all, d.alias, d.node_name)) ds.stats = *b;
        s.disks.push_back(std::move(ds));
    }
    return ok();
}

void collectNics(const caps::HostSource& proc, const StatsTarget& t, DomainStatsSample& s) {
    std::optional<std::string> netdev;
    for (const StatsNic& n : t.nics) {
        NicSample ns{n, std::nullopt};
        if (!n.ifname.empty()) {
            if (!netdev) {
                auto text = proc.readFile("/proc/net/dev");
                netdev = text ? *text : std::string();
            }
            if (auto c = parseNetDev(*netdev, n.ifname, true)) ns.stats = *c;
        }
        s.nics.push_back(std::move(ns));
    }
}

}  // namespace

unsigned supportedStatsGroups() {
    return kDomainStatsState | kDomainStatsCpuTotal | kDomainStatsBalloon | kDomainStatsVcpu |
           kDomainStatsInterface | kDomainStatsBlock;
}

Result<DomainStatsSample> collectDomainStats(const QmpExec& qmp, const caps::HostSource& proc,
                                             const StatsTarget& target, unsigned groups) {
    if (groups == 0) groups = supportedStatsGroups();
    groups &= supportedStatsGroups();
    DomainStatsSample s;
    s.groups = groups;
    s.target = target;
    if (wants(groups, kDomainStatsState) && target.known_state) {
        s.status.state = target.known_state->first;
        s.status.reason = target.known_state->second;
        s.status.running = s.status.state == DomainState::kRunning;
    } else if (wants(groups, kDomainStatsState)) {
        NODEVIRT_ASSIGN_OR_RETURN(Json reply, qmp("query-status", nullptr));
        NODEVIRT_ASSIGN_OR_RETURN(s.status, parseQueryStatus(reply));
    }
    if (wants(groups, kDomainStatsCpuTotal | kDomainStatsBalloon)) {
        NODEVIRT_ASSIGN_OR_RETURN(s.process,
                                  readProcCpu(proc, target.pid, 0, target.ticks_per_sec));
    }
    if (wants(groups, kDomainStatsBalloon)) NODEVIRT_TRY(collectBalloon(qmp, target, s));
    if (wants(groups, kDomainStatsVcpu)) NODEVIRT_TRY(collectVcpus(qmp, proc, target, s));
    if (wants(groups, kDomainStatsBlock)) NODEVIRT_TRY(collectBlocks(qmp, target, s));
    if (wants(groups, kDomainStatsInterface)) collectNics(proc, target, s);
    return s;
}

}  // namespace nodevirt::qemu::stats
