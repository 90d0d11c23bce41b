#include "drivers/qemu/driver/qemu_stats_ops.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "conf/domain/domain_def.h"
#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_host_caps.h"

namespace nodevirt::qemu {
namespace {

constexpr unsigned kTypedParamStringOkay = 4;  // VIR_TYPED_PARAM_STRING_OKAY
constexpr unsigned kListFilterBits = 0xffu;    // the VIR_CONNECT_GET_ALL_DOMAINS_STATS filters

Error notRunning() { return operationInvalid("domain is not running", ErrorDomain::kDomain); }

// A monitor command from a worker thread: bounded by the driver's command timeout (the
// client's own timer) plus a margin for the future itself.
stats::QmpExec monitorExec(std::shared_ptr<QmpClient> monitor, std::chrono::milliseconds timeout) {
    return [monitor = std::move(monitor), timeout](const std::string& cmd,
                                                   const Json& args) -> Result<Json> {
        auto reply = monitor->submit(cmd, args, timeout);
        if (reply.wait_for(timeout + std::chrono::milliseconds(2000)) !=
            std::future_status::ready) {
            return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                    fmt::format("QEMU monitor command '{}' got no reply in time",
                                                cmd)));
        }
        return reply.get();
    };
}

// libvirt's record for a domain without a running QEMU (or one whose queries failed): the
// state group only, if asked for.
DomainStatsRecord stateOnlyRecord(const core::DomainView& v, unsigned groups) {
    DomainStatsRecord rec{v.ref(), {}};
    if (groups & lv::kDomainStatsState) {
        rec.params.push_back({"state.state", static_cast<int32_t>(v.state)});
        rec.params.push_back({"state.reason", static_cast<int32_t>(v.reason)});
    }
    return rec;
}

}  // namespace

stats::StatsTarget statsTargetOf(const core::DomainView& v, pid_t pid) {
    const conf::DomainDef& def = *v.def;
    stats::StatsTarget t;
    t.pid = pid;
    t.vcpus_current = def.vcpusCurrent();
    t.vcpus_max = def.vcpu.max;
    t.max_mem_kib = def.memory_kib;
    t.cur_mem_kib = def.current_kib;
    const auto& devs = def.devs();
    if (devs.memballoon && devs.memballoon->model != conf::MemballoonModel::kNone &&
        devs.memballoon->info.alias) {
        t.balloon_path = "/machine/peripheral/" + *devs.memballoon->info.alias;
        t.balloon_stats = devs.memballoon->stats_period.value_or(0) > 0;
    }
    for (const conf::DiskDef& disk : devs.disks) {
        t.disks.push_back({disk.dst, disk.source.path.value_or(""), disk.info.alias.value_or(""), ""});
    }
    for (const conf::InterfaceDef& nic : devs.interfaces) {
        std::string ifname = nic.type == conf::NetType::kUser ? "" : nic.ifname.value_or("");
        t.nics.push_back({nic.info.alias.value_or(""), nic.mac ? nic.mac->toString() : "",
                          std::move(ifname)});
    }
    t.known_state = std::make_pair(v.state, v.reason);
    long ticks = ::sysconf(_SC_CLK_TCK);
    long page = ::sysconf(_SC_PAGESIZE);
    if (ticks > 0) t.ticks_per_sec = ticks;
    if (page >= 1024) t.page_kib = static_cast<unsigned>(page / 1024);
    return t;
}

Result<stats::DomainStatsSample> QemuDomainStats::sample(const core::DomainObjPtr& obj,
                                                         unsigned groups, bool nowait) {
    QemuDriver& d = ctx_.driver();
    std::shared_ptr<QmpClient> monitor;
    pid_t pid = 0;
    core::DomainView v;
    {
        // The job only guards the read of the monitor and pid; the queries run after it.
        NODEVIRT_ASSIGN_OR_RETURN(
            auto job, core::beginJob(obj, nowait ? std::chrono::milliseconds(0)
                                                 : core::kDefaultJobWait));
        v = job->view();
        if (!v.active()) return fail(notRunning());
        QemuDomainPrivate& priv = qemuPriv(job.obj());
        monitor = priv.monitor;
        pid = priv.pid;
    }
    if (!monitor) {
        return fail(operationFailed("QEMU monitor is not connected", ErrorDomain::kQemu));
    }
    return stats::collectDomainStats(monitorExec(monitor, d.options().command_timeout),
                                     hostSourceOr(d.options().host_source),
                                     statsTargetOf(v, pid), groups);
}

Result<stats::DomainStatsSample> QemuDomainStats::sample(const DomainRef& dom, unsigned groups) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    if (!obj->active()) return fail(notRunning());
    return sample(obj, groups);
}

Result<BlockStats> QemuDomainStats::blockStats(const DomainRef& dom, const std::string& disk) {
    NODEVIRT_ASSIGN_OR_RETURN(auto s, sample(dom, lv::kDomainStatsBlock));
    return stats::blockStatsOf(s, disk);
}

Result<TypedParams> QemuDomainStats::blockStatsFlags(const DomainRef& dom, const std::string& disk,
                                                     unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kTypedParamStringOkay, "qemuDomainBlockStatsFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto s, sample(dom, lv::kDomainStatsBlock));
    return stats::blockStatsParamsOf(s, disk);
}

Result<InterfaceStats> QemuDomainStats::interfaceStats(const DomainRef& dom,
                                                       const std::string& iface) {
    NODEVIRT_ASSIGN_OR_RETURN(auto s, sample(dom, lv::kDomainStatsInterface));
    return stats::interfaceStatsOf(s, iface);
}

Result<std::vector<MemoryStat>> QemuDomainStats::memoryStats(const DomainRef& dom, unsigned max,
                                                             unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, 0, "qemuDomainMemoryStats"));
    NODEVIRT_ASSIGN_OR_RETURN(auto s, sample(dom, lv::kDomainStatsBalloon));
    return stats::memoryStatsOf(s, max);
}

Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> QemuDomainStats::getVcpus(
    const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto s, sample(dom, lv::kDomainStatsVcpu));
    std::vector<VcpuInfo> infos = stats::vcpuInfosOf(s);
    // No pinning yet: every vCPU may run on every host CPU.
    long ncpus = std::clamp(::sysconf(_SC_NPROCESSORS_CONF), 1L, 65536L);
    std::vector<std::vector<bool>> maps(infos.size(),
                                        std::vector<bool>(static_cast<size_t>(ncpus), true));
    return std::make_pair(std::move(infos), std::move(maps));
}

Result<std::vector<DomainStatsRecord>> QemuDomainStats::getAllDomainStats(
    const std::vector<DomainRef>& doms, unsigned stats, unsigned flags) {
    const unsigned allowed = kListFilterBits | lv::kConnectGetAllDomainsStatsNowait |
                             lv::kConnectGetAllDomainsStatsBacking |
                             lv::kConnectGetAllDomainsStatsEnforceStats;
    NODEVIRT_TRY(checkQemuFlags(flags, allowed, "qemuConnectGetAllDomainStats"));
    const unsigned supported = stats::supportedStatsGroups();
    if ((flags & lv::kConnectGetAllDomainsStatsEnforceStats) && (stats & ~supported)) {
        return fail(Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kQemu,
                                fmt::format("Stats types bits 0x{:x} are not supported by this "
                                            "daemon", stats & ~supported)));
    }
    unsigned groups = stats == 0 ? supported : (stats & supported);
    std::vector<core::DomainObjPtr> objs;
    if (doms.empty()) {
        for (const core::DomainView& v : ctx_.driver().domains().listAll(flags & kListFilterBits)) {
            if (auto obj = ctx_.driver().domains().findByUuid(v.uuid)) objs.push_back(obj);
        }
        std::sort(objs.begin(), objs.end(), [](const auto& a, const auto& b) {
            return a->name() < b->name();
        });
    } else {
        for (const DomainRef& ref : doms) {
            NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(ref));
            objs.push_back(std::move(obj));
        }
    }
    std::vector<DomainStatsRecord> out;
    bool nowait = (flags & lv::kConnectGetAllDomainsStatsNowait) != 0;
    for (const core::DomainObjPtr& obj : objs) {
        core::DomainView v = obj->view();
        if (!v.active() || groups == 0) {
            out.push_back(stateOnlyRecord(v, groups));
            continue;
        }
        // A domain that stops meanwhile or whose job is busy (nowait) still gets a record, as
        // in libvirt; its state is then all it holds.
        auto s = sample(obj, groups, nowait);
        if (!s) {
            out.push_back(stateOnlyRecord(obj->view(), groups));
            continue;
        }
        out.push_back({v.ref(), stats::statsRecordParams(*s, groups)});
    }
    return out;
}

}  // namespace nodevirt::qemu
