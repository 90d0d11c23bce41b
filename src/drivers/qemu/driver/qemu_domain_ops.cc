// Domain lookup, definition, lifecycle and XML facets of the QEMU driver. Definitions are
// persisted in the driver's config dir; state changes go through QemuDriver under the
// domain's job, and events are published after the job is released.
#include <fmt/format.h>

#include "conf/domain/domain_xml.h"
#include "drivers/qemu/command/post_parse_profile.h"
#include "driver/libvirt_constants.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_facets.h"

namespace nodevirt::qemu {
namespace {

int ev(unsigned v) { return static_cast<int>(v); }

Result<DomainRef> refOf(const core::DomainObjPtr& obj, std::string_view what) {
    if (!obj) return fail(Error::make(ErrorCode::kNoDomain, ErrorDomain::kQemu, what));
    return obj->ref();
}

Status checkActive(const core::DomainObj& obj) {
    if (!obj.active()) return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    return ok();
}

Result<std::shared_ptr<conf::DomainDef>> parseQemuDomain(const std::string& xml, bool validate) {
    conf::DomainParseOptions opts;
    opts.validate = validate;
    opts.inactive = true;
    opts.profile = &qemuPostParseProfile();
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseDomainXml(xml, opts));
    if (def->virt_type != conf::VirtType::kQemu && def->virt_type != conf::VirtType::kKvm) {
        return fail(configUnsupported(fmt::format(
            "domain type '{}' is not supported by the QEMU driver (use 'qemu' or 'kvm')",
            conf::kVirtTypes.name(def->virt_type))));
    }
    return def;
}

std::string inactiveXml(const conf::DomainDef& def) {
    conf::DomainFormatOptions fo;
    fo.inactive = true;
    fo.secure = true;
    return conf::formatDomainXml(def, fo);
}

constexpr unsigned kStartFlags = lv::kDomainStartPaused;

}  // namespace

Result<DomainRef> QemuDomainLifecycle::lookupById(int id) {
    return refOf(ctx_.driver().domains().findById(id),
                 fmt::format("no domain with matching id {}", id));
}

Result<DomainRef> QemuDomainLifecycle::lookupByName(const std::string& name) {
    return refOf(ctx_.driver().domains().findByName(name),
                 fmt::format("no domain with matching name '{}'", name));
}

Result<DomainRef> QemuDomainLifecycle::lookupByUuid(const Uuid& uuid) {
    return refOf(ctx_.driver().domains().findByUuid(uuid),
                 fmt::format("no domain with matching uuid '{}'", uuid.toString()));
}

Result<std::vector<DomainRef>> QemuDomainLifecycle::listAll(unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, core::kListDomainsAllFlags, "qemuConnectListAllDomains"));
    std::vector<DomainRef> out;
    for (const auto& v : ctx_.driver().domains().listAll(flags)) out.push_back(v.ref());
    return out;
}

Result<int> QemuDomainLifecycle::numOfDomains() {
    return static_cast<int>(ctx_.driver().domains().countActive());
}

Result<std::vector<int>> QemuDomainLifecycle::listDomainIds(int max) {
    return ctx_.driver().domains().activeIds(static_cast<size_t>(std::max(max, 0)));
}

Result<int> QemuDomainLifecycle::numOfDefinedDomains() {
    auto& d = ctx_.driver().domains();
    return static_cast<int>(d.size() - d.countActive());
}

Result<std::vector<std::string>> QemuDomainLifecycle::listDefinedDomains(int max) {
    return ctx_.driver().domains().inactiveNames(static_cast<size_t>(std::max(max, 0)));
}

Result<DomainRef> QemuDomainLifecycle::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, lv::kDomainDefineValidate, "qemuDomainDefineXMLFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseQemuDomain(xml, flags & lv::kDomainDefineValidate));
    QemuDriver& d = ctx_.driver();
    NODEVIRT_TRY(core::StateDir::checkName(def->name));
    std::string text = inactiveXml(*def);
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(auto added, d.domains().add(def->name, def->uuid, def, 0));
    core::JobGuard& job = added.job;
    if (Status st = d.configDir().save(def->name, text); !st) {
        // Roll back: a definition that is not on disk would vanish at the next restart.
        if (added.created) {
            d.domains().remove(job);
        } else if (added.old_def) {
            job->assignDef(job, added.old_def, false);
        }
        return fail(st.error());
    }
    qemuPriv(job.obj());
    job->setFlag(job, core::kDomainPersistent, true);
    events.lifecycle(job->ref(), ev(lv::kDomainEventDefined),
                     added.old_def ? ev(lv::kDomainEventDefinedUpdated) : ev(lv::kDomainEventDefinedAdded));
    return job->ref();
}

Status QemuDomainLifecycle::undefine(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags,
                                lv::kDomainUndefineManagedSave | lv::kDomainUndefineSnapshotsMetadata |
                                    lv::kDomainUndefineNvram | lv::kDomainUndefineKeepNvram |
                                    lv::kDomainUndefineCheckpointsMetadata,
                                "qemuDomainUndefineFlags"));
    QemuDriver& d = ctx_.driver();
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    core::DomainView v = job->view();
    if (!v.persistent()) {
        return fail(operationInvalid("cannot undefine transient domain", ErrorDomain::kQemu));
    }
    NODEVIRT_TRY(d.configDir().remove(v.name));
    events.lifecycle(v.ref(), ev(lv::kDomainEventUndefined), ev(lv::kDomainEventUndefinedRemoved));
    job->setFlag(job, core::kDomainAutostart, false);
    if (v.active()) {
        job->setFlag(job, core::kDomainPersistent, false);
        job->setNextDef(job, nullptr);
    } else {
        d.domains().remove(job);
    }
    return ok();
}

Result<DomainRef> QemuDomainLifecycle::createXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kStartFlags | lv::kDomainStartValidate, "qemuDomainCreateXML"));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, parseQemuDomain(xml, flags & lv::kDomainStartValidate));
    QemuDriver& d = ctx_.driver();
    NODEVIRT_TRY(core::StateDir::checkName(def->name));
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(
        auto added, d.domains().add(def->name, def->uuid, def,
                                    core::DomainObjList::kAddLive | core::DomainObjList::kAddCheckLive));
    core::JobGuard& job = added.job;
    if (Status st = d.startDomain(job, flags & kStartFlags, events); !st) {
        if (!job->active() && !(job->flags() & core::kDomainPersistent)) d.domains().remove(job);
        return fail(st.error());
    }
    return job->ref();
}

Result<DomainRef> QemuDomainLifecycle::create(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kStartFlags, "qemuDomainCreateWithFlags"));
    QemuDriver& d = ctx_.driver();
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    if (job->active()) {
        return fail(operationInvalid("domain is already running", ErrorDomain::kQemu));
    }
    NODEVIRT_TRY(d.startDomain(job, flags, events));
    return job->ref();
}

Status QemuDomainLifecycle::shutdown(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, lv::kDomainShutdownAcpiPowerBtn, "qemuDomainShutdownFlags"));
    return simpleCommand(dom, "system_powerdown");
}

Status QemuDomainLifecycle::destroy(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, lv::kDomainDestroyGraceful, "qemuDomainDestroyFlags"));
    QemuDriver& d = ctx_.driver();
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    return d.destroyDomain(job, flags, events);
}

Status QemuDomainLifecycle::reboot(const DomainRef& dom, unsigned flags) {
    // A reset of the virtual machine; the guest is not asked first (no fake reboot yet).
    NODEVIRT_TRY(checkQemuFlags(flags, lv::kDomainRebootAcpiPowerBtn, "qemuDomainReboot"));
    return simpleCommand(dom, "system_reset");
}

Status QemuDomainLifecycle::reset(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, 0, "qemuDomainReset"));
    return simpleCommand(dom, "system_reset");
}

Status QemuDomainLifecycle::simpleCommand(const DomainRef& dom, const char* command) {
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    NODEVIRT_TRY(checkActive(job.obj()));
    NODEVIRT_TRY(ctx_.driver().monitorCommand(job, command));
    return ok();
}

Status QemuDomainLifecycle::suspend(const DomainRef& dom) {
    QemuDriver& d = ctx_.driver();
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    NODEVIRT_TRY(checkActive(job.obj()));
    if (job->state().state == DomainState::kPaused) return ok();
    NODEVIRT_TRY(d.monitorCommand(job, "stop"));
    job->setState(job, DomainState::kPaused, ev(lv::kDomainPausedUser));
    events.lifecycle(job->ref(), ev(lv::kDomainEventSuspended), ev(lv::kDomainEventSuspendedPaused));
    return ok();
}

Status QemuDomainLifecycle::resume(const DomainRef& dom) {
    QemuDriver& d = ctx_.driver();
    core::PendingEvents events(d.events());
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    NODEVIRT_TRY(checkActive(job.obj()));
    if (job->state().state == DomainState::kRunning) return ok();
    NODEVIRT_TRY(d.monitorCommand(job, "cont"));
    job->setState(job, DomainState::kRunning, ev(lv::kDomainRunningUnpaused));
    events.lifecycle(job->ref(), ev(lv::kDomainEventResumed), ev(lv::kDomainEventResumedUnpaused));
    return ok();
}

Result<DomainInfo> QemuDomainLifecycle::getInfo(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    core::DomainView v = obj->view();
    DomainInfo info;
    info.state = v.state;
    info.memory_kib = v.def->current_kib;
    info.max_mem_kib = v.def->memory_kib;
    info.nr_virt_cpu = v.def->vcpusCurrent();
    info.cpu_time_ns = ctx_.driver().cpuTime(*obj);
    return info;
}

Result<DomainStateReason> QemuDomainLifecycle::getState(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, 0, "qemuDomainGetState"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return obj->state();
}

Result<std::string> QemuDomainLifecycle::getOsType(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return std::string(obj->def()->isHvm() ? "hvm" : "linux");
}

Result<bool> QemuDomainLifecycle::isActive(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return obj->active();
}

Result<bool> QemuDomainLifecycle::isPersistent(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return (obj->flags() & core::kDomainPersistent) != 0;
}

Result<bool> QemuDomainLifecycle::isUpdated(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return (obj->flags() & core::kDomainUpdated) != 0;
}

Result<bool> QemuDomainLifecycle::getAutostart(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return (obj->flags() & core::kDomainAutostart) != 0;
}

Status QemuDomainLifecycle::setAutostart(const DomainRef& dom, bool autostart) {
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    if (!(job->flags() & core::kDomainPersistent)) {
        return fail(operationInvalid("cannot set autostart for transient domain", ErrorDomain::kQemu));
    }
    NODEVIRT_TRY(d.configDir().setAutostart(job->name(), autostart));
    job->setFlag(job, core::kDomainAutostart, autostart);
    return ok();
}

Result<std::string> QemuDomainConfig::getXmlDesc(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags,
                                lv::kDomainXmlSecure | lv::kDomainXmlInactive | lv::kDomainXmlUpdateCpu |
                                    lv::kDomainXmlMigratable,
                                "qemuDomainGetXMLDesc"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    core::DomainView v = obj->view();
    bool inactive = (flags & lv::kDomainXmlInactive) || !v.active();
    conf::DomainFormatOptions fo;
    fo.inactive = inactive;
    fo.secure = (flags & lv::kDomainXmlSecure) != 0;
    fo.migratable = (flags & lv::kDomainXmlMigratable) != 0;
    fo.live_id = inactive ? -1 : v.id;
    return conf::formatDomainXml(inactive ? *v.inactiveDef() : *v.def, fo);
}

Result<uint64_t> QemuDomainConfig::getMaxMemory(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return obj->def()->memory_kib;
}

Result<int> QemuDomainConfig::getMaxVcpus(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    return static_cast<int>(obj->def()->vcpu.max);
}

Result<int> QemuDomainConfig::getVcpusFlags(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags,
                                lv::kDomainAffectLive | lv::kDomainAffectConfig | lv::kDomainVcpuMaximum,
                                "qemuDomainGetVcpusFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, ctx_.find(dom));
    core::DomainView v = obj->view();
    const conf::DomainDef& def = (flags & lv::kDomainAffectConfig) ? *v.inactiveDef() : *v.def;
    if (flags & lv::kDomainVcpuMaximum) return static_cast<int>(def.vcpu.max);
    return static_cast<int>(def.vcpusCurrent());
}

}  // namespace nodevirt::qemu
