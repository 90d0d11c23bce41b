// Domain statistics of a QEMU connection (virConnectGetAllDomainStats, domblkstat, domifstat,
// dommemstat, vcpuinfo) from stats/: the monitor and pid are read under the domain's job, the
// queries then run without it (stats never hold up a lifecycle job), each with a timeout.
// These procedures run on the daemon's workers (none of them is a "fast" one in the protocol).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "driver/domain_stats_ops.h"
#include "drivers/qemu/driver/qemu_facets.h"
#include "drivers/qemu/stats/stats.h"

namespace nodevirt::qemu {

class QemuDomainStats : public DomainStatsOps {
  public:
    explicit QemuDomainStats(QemuContext& ctx) : ctx_(ctx) {}
    Result<BlockStats> blockStats(const DomainRef& dom, const std::string& disk) override;
    Result<TypedParams> blockStatsFlags(const DomainRef& dom, const std::string& disk,
                                        unsigned flags) override;
    Result<InterfaceStats> interfaceStats(const DomainRef& dom, const std::string& iface) override;
    Result<std::vector<MemoryStat>> memoryStats(const DomainRef& dom, unsigned max,
                                                unsigned flags) override;
    Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> getVcpus(
        const DomainRef& dom) override;
    Result<std::vector<DomainStatsRecord>> getAllDomainStats(const std::vector<DomainRef>& doms,
                                                             unsigned stats,
                                                             unsigned flags) override;

  private:
    // One running domain's sample of `groups`; "domain is not running" otherwise. With
    // `nowait`, a domain whose job is busy fails at once instead of waiting.
    Result<stats::DomainStatsSample> sample(const core::DomainObjPtr& obj, unsigned groups,
                                            bool nowait = false);
    Result<stats::DomainStatsSample> sample(const DomainRef& dom, unsigned groups);
    QemuContext& ctx_;
};

// What the collector needs to know about a running domain, from its live definition.
stats::StatsTarget statsTargetOf(const core::DomainView& view, pid_t pid);

}  // namespace nodevirt::qemu
