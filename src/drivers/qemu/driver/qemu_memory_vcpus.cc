// Memory and vCPU counts of a QEMU domain: the live memory through the balloon (QMP
// `balloon`), the persistent definition for --config (saved before it is published, so a
// crash never loses an acknowledged change). Live vCPU changes are refused clearly: hot-plug
// needs the CPU topology on the command line, which the builder does not emit yet.
#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "conf/domain/domain_xml.h"
#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_facets.h"

namespace nodevirt::qemu {
namespace {

constexpr uint32_t kVcpuLimit = 16384;  // REMOTE_VCPUINFO_MAX: nothing above it is reachable

struct Affect {
    bool live = false;
    bool config = false;
};

// VIR_DOMAIN_AFFECT_* resolved as libvirt does: CURRENT means live when running, else config.
Result<Affect> resolveAffect(const core::DomainView& v, unsigned flags) {
    Affect a{(flags & lv::kDomainAffectLive) != 0, (flags & lv::kDomainAffectConfig) != 0};
    if (!a.live && !a.config) {
        if (v.active()) {
            a.live = true;
        } else {
            a.config = true;
        }
    }
    if (a.live && !v.active()) {
        return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    }
    if (a.config && !v.persistent()) {
        return fail(operationInvalid("transient domains do not have any persistent config",
                                     ErrorDomain::kDomain));
    }
    return a;
}

// Saves `def` as the persistent definition, then publishes it (next boot's when running).
Status saveConfig(QemuDriver& d, const core::JobGuard& job, std::shared_ptr<conf::DomainDef> def) {
    conf::DomainFormatOptions fo;
    fo.inactive = true;
    fo.secure = true;
    NODEVIRT_TRY(d.configDir().save(def->name, conf::formatDomainXml(*def, fo)));
    job->assignDef(job, std::move(def), false);
    return ok();
}

}  // namespace

Status QemuDomainConfig::setMemory(const DomainRef& dom, uint64_t kib, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags,
                                lv::kDomainAffectLive | lv::kDomainAffectConfig |
                                    lv::kDomainMemMaximum,
                                "qemuDomainSetMemoryFlags"));
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Affect affect, resolveAffect(v, flags));
    const bool maximum = (flags & lv::kDomainMemMaximum) != 0;
    if (maximum && affect.live) {
        return fail(operationInvalid("cannot resize the maximum memory on an active domain",
                                     ErrorDomain::kQemu));
    }
    if (kib == 0) return fail(invalidArg("memory size must be greater than 0", ErrorDomain::kQemu));
    if (affect.live) {
        const auto& balloon = v.def->devs().memballoon;
        if (!balloon || balloon->model == conf::MemballoonModel::kNone) {
            return fail(operationInvalid(
                "Unable to change memory of active domain without the balloon device and guest "
                "OS balloon driver",
                ErrorDomain::kQemu));
        }
        if (kib > v.def->memory_kib) {
            return fail(invalidArg("cannot set memory higher than max memory", ErrorDomain::kQemu));
        }
    }
    if (affect.config && !maximum && kib > v.inactiveDef()->memory_kib) {
        return fail(invalidArg("cannot set memory higher than max memory", ErrorDomain::kQemu));
    }
    if (affect.live) {
        NODEVIRT_TRY(d.monitorCommand(job, "balloon", Json{{"value", kib * 1024}}));
        // The guest driver inflates over time; like libvirt after BALLOON_CHANGE, the live
        // definition records the target so dominfo shows it.
        auto live = std::make_shared<conf::DomainDef>(*v.def);
        live->current_kib = kib;
        // The persistent definition stays what it was (it was `def` itself if no next_def).
        if (v.persistent() && !v.next_def) job->setNextDef(job, v.def);
        job->setDef(job, std::move(live));
    }
    if (affect.config) {
        auto def = std::make_shared<conf::DomainDef>(*v.inactiveDef());
        if (maximum) {
            def->memory_kib = kib;
            def->current_kib = std::min(def->current_kib, kib);
        } else {
            def->current_kib = kib;
        }
        NODEVIRT_TRY(saveConfig(d, job, std::move(def)));
    }
    return ok();
}

Status QemuDomainConfig::setMaxMemory(const DomainRef& dom, uint64_t kib) {
    return setMemory(dom, kib, lv::kDomainMemMaximum);
}

Status QemuDomainConfig::setVcpus(const DomainRef& dom, unsigned n, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags,
                                lv::kDomainAffectLive | lv::kDomainAffectConfig |
                                    lv::kDomainVcpuMaximum | lv::kDomainVcpuGuest |
                                    lv::kDomainVcpuHotpluggable,
                                "qemuDomainSetVcpusFlags"));
    if (flags & lv::kDomainVcpuGuest) {
        return fail(Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kQemu,
                                "changing vCPUs inside the guest needs the guest agent, which "
                                "this driver does not use"));
    }
    if (n == 0 || n > kVcpuLimit) {
        return fail(invalidArg(fmt::format("vcpu count {} is out of range 1-{}", n, kVcpuLimit),
                               ErrorDomain::kQemu));
    }
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Affect affect, resolveAffect(v, flags));
    const bool maximum = (flags & lv::kDomainVcpuMaximum) != 0;
    if (affect.live) {
        return fail(Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kQemu,
                                "changing the vCPUs of a running QEMU domain is not supported "
                                "(vCPU hot-plug); use --config"));
    }
    auto def = std::make_shared<conf::DomainDef>(*v.inactiveDef());
    if (maximum) {
        uint32_t cur = std::min(def->vcpusCurrent(), n);
        def->vcpu.max = n;
        def->vcpu.current = cur < n ? std::optional<uint32_t>(cur) : std::nullopt;
    } else {
        if (n > def->vcpu.max) {
            return fail(invalidArg(fmt::format("requested vcpus is greater than max allowable "
                                               "vcpus for the persistent domain: {} > {}",
                                               n, def->vcpu.max),
                                   ErrorDomain::kQemu));
        }
        def->vcpu.current = n < def->vcpu.max ? std::optional<uint32_t>(n) : std::nullopt;
    }
    return saveConfig(d, job, std::move(def));
}

}  // namespace nodevirt::qemu
