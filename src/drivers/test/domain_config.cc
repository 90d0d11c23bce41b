// DomainConfigOps of the test driver, part one: XML, memory, vCPUs, pinning and rename, with
// libvirt's live/config rules (virDomainObjGetDefs) and the test driver's messages.
#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "core/event_bus.h"
#include "core/snapshot_tree.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/domain_impact.h"
#include "drivers/test/facets.h"

namespace nodevirt::drivers::test {
namespace {

constexpr int kMaxVcpus = 32;

void setCurrentVcpus(conf::DomainDef& def, uint32_t n) {
    if (n >= def.vcpu.max) def.vcpu.current.reset();
    else def.vcpu.current = n;
}

Error exceedsMax(unsigned n, uint32_t max) {
    return testError(ErrorCode::kInvalidArg, fmt::format("requested cpu amount exceeds maximum ({} > {})", n, max));
}

}  // namespace

Result<std::string> TestDomainConfig::getXmlDesc(const DomainRef& dom, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kDomainXmlSecure | kDomainXmlInactive | kDomainXmlMigratable,
                            "testDomainGetXMLDesc"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    bool inactive = (flags & kDomainXmlInactive) || !v.active();
    const auto& def = (flags & kDomainXmlInactive) ? v.inactiveDef() : v.def;
    return formatTestDomain(*def, inactive ? -1 : v.id, flags & kDomainXmlSecure, flags & kDomainXmlMigratable);
}

Result<uint64_t> TestDomainConfig::getMaxMemory(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return obj->def()->memory_kib;
}

Status TestDomainConfig::setMaxMemory(const DomainRef& dom, uint64_t kib) {
    return setMemory(dom, kib, lv::kDomainMemMaximum);
}

Status TestDomainConfig::setMemory(const DomainRef& dom, uint64_t kib, unsigned flags) {
    using namespace lv;
    if (kib == 0) {
        return fail(Error::raw(ErrorCode::kInvalidArg, ErrorDomain::kDomain,
                               "memory in virDomainSetMemoryFlags must not be zero"));
    }
    NODEVIRT_TRY(checkFlags(flags, kDomainAffectLive | kDomainAffectConfig | kDomainMemMaximum,
                            "testDomainSetMemoryFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, oneDefImpact(job->view(), flags));
    auto def = copyDef(impact.target(job->view()));
    if (flags & kDomainMemMaximum) {
        if (impact.live) {
            return fail(testError(ErrorCode::kOperationInvalid,
                                  "cannot resize the maximum memory on an active domain"));
        }
        if (def->ext().max_memory && def->ext().max_memory->kib && def->ext().max_memory->kib < kib) {
            return fail(testError(ErrorCode::kOperationInvalid,
                                  "cannot set initial memory size greater than the maximum memory size"));
        }
        def->memory_kib = kib;
        if (def->current_kib > kib) def->current_kib = kib;
    } else {
        if (kib > def->memory_kib) {
            return fail(testError(ErrorCode::kInvalidArg, "cannot set memory higher than max memory"));
        }
        def->current_kib = kib;
    }
    impact.publish(job, std::move(def));
    return ok();
}

Status TestDomainConfig::setMemoryStatsPeriod(const DomainRef& dom, int period, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kDomainAffectLive | kDomainAffectConfig, "testDomainSetMemoryStatsPeriod"));
    if (period < 0) {
        return fail(Error::raw(ErrorCode::kInvalidArg, ErrorDomain::kDomain,
                               "period in virDomainSetMemoryStatsPeriod must not be negative"));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, defsImpact(job->view(), flags));
    (void)impact;  // the test domain has no balloon driver to tell; nothing is recorded
    return ok();
}

Result<int> TestDomainConfig::getMaxVcpus(const DomainRef& dom) {
    return getVcpusFlags(dom, lv::kDomainAffectLive | lv::kDomainVcpuMaximum);
}

Status TestDomainConfig::setVcpus(const DomainRef& dom, unsigned n, unsigned flags) {
    using namespace lv;
    if (n == 0) {
        return fail(Error::raw(ErrorCode::kInvalidArg, ErrorDomain::kDomain,
                               "nvcpus in virDomainSetVcpusFlags must not be zero"));
    }
    NODEVIRT_TRY(checkFlags(flags, kDomainAffectLive | kDomainAffectConfig | kDomainVcpuMaximum,
                            "testDomainSetVcpusFlags"));
    if (n > static_cast<unsigned>(kMaxVcpus)) {
        return fail(testError(ErrorCode::kInvalidArg,
                              fmt::format("requested cpu amount exceeds maximum supported amount ({} > {})", n,
                                          kMaxVcpus)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, defsImpact(v, flags));
    if (impact.live && v.def->vcpu.max < n) return fail(exceedsMax(n, v.def->vcpu.max));
    const auto& persistent = v.inactiveDef();
    if (impact.config && !(flags & kDomainVcpuMaximum) && persistent->vcpu.max < n) {
        return fail(exceedsMax(n, persistent->vcpu.max));
    }
    if (impact.live) {
        auto live = copyDef(v.def);
        setCurrentVcpus(*live, n);
        job->setDef(job, std::move(live));
    }
    if (impact.config) {
        auto config = copyDef(persistent);
        if (flags & kDomainVcpuMaximum) {
            uint32_t current = config->vcpusCurrent();
            config->vcpu.max = n;
            setCurrentVcpus(*config, std::min<uint32_t>(current, n));
        } else {
            setCurrentVcpus(*config, n);
        }
        impact.publishConfig(job, std::move(config));
    }
    return ok();
}

Result<int> TestDomainConfig::getVcpusFlags(const DomainRef& dom, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kDomainAffectLive | kDomainAffectConfig | kDomainVcpuMaximum,
                            "testDomainGetVcpusFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, oneDefImpact(v, flags));
    const auto& def = impact.target(v);
    return static_cast<int>((flags & kDomainVcpuMaximum) ? def->vcpu.max : def->vcpusCurrent());
}

Status TestDomainConfig::pinVcpu(const DomainRef& dom, unsigned vcpu, const std::vector<bool>& map,
                                 unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kDomainAffectLive | kDomainAffectConfig, "testDomainPinVcpuFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    core::DomainView v = job->view();
    if (!v.active()) {
        return fail(testError(ErrorCode::kOperationInvalid, "cannot pin vcpus on an inactive domain"));
    }
    if (vcpu >= v.def->vcpusCurrent()) {
        return fail(testError(ErrorCode::kInvalidArg,
                              fmt::format("requested vcpu '{}' is not present in the domain", vcpu)));
    }
    std::string bits;
    for (size_t i = 0; i < map.size(); ++i) {
        if (!map[i]) continue;
        if (!bits.empty()) bits += ',';
        bits += std::to_string(i);
    }
    auto set = conf::CpuSet::parse(bits);
    if (!set || set->empty()) return fail(invalidArg("Empty cpu list for pinning", ErrorDomain::kTest));
    auto def = copyDef(v.def);
    auto& pins = def->mutExt().cputune.vcpupins;
    auto it = std::find_if(pins.begin(), pins.end(), [&](const conf::VcpuPin& p) { return p.vcpu == vcpu; });
    if (it != pins.end()) {
        it->cpuset = *set;
    } else {
        pins.push_back({vcpu, *set});
        std::sort(pins.begin(), pins.end(), [](const conf::VcpuPin& a, const conf::VcpuPin& b) { return a.vcpu < b.vcpu; });
    }
    job->setDef(job, std::move(def));
    return ok();
}

Status TestDomainConfig::rename(const DomainRef& dom, const std::string& new_name, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainRename"));
    if (new_name.empty()) {
        return fail(Error::raw(ErrorCode::kInvalidArg, ErrorDomain::kDomain,
                               "new_name in virDomainRename must not be empty"));
    }
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    core::DomainView v = job->view();
    auto invalid = [](std::string_view what) { return fail(testError(ErrorCode::kOperationInvalid, what)); };
    if (v.active()) return invalid("cannot rename active domain");
    if (!v.persistent()) return invalid("cannot rename a transient domain");
    if (v.has(core::kDomainManagedSave)) return invalid("domain with a managed saved state can't be renamed");
    if (v.state != DomainState::kShutoff) return invalid("domain has to be shutoff before renaming");
    if (v.snapshots && !v.snapshots->empty()) return invalid("cannot rename domain with snapshots");
    if (new_name.find('/') != std::string::npos) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kDomain,
                                fmt::format("name {} cannot contain '/'", new_name)));
    }
    NODEVIRT_TRY(ctx_.state().domains.rename(job, new_name));
    auto def = copyDef(v.def);
    def->name = new_name;
    job->setDef(job, std::move(def));
    ev.lifecycle(v.ref(), static_cast<int>(lv::kDomainEventUndefined),
                 static_cast<int>(lv::kDomainEventUndefinedRenamed));
    ev.lifecycle(job->ref(), static_cast<int>(lv::kDomainEventDefined),
                 static_cast<int>(lv::kDomainEventDefinedRenamed));
    return ok();
}

}  // namespace nodevirt::drivers::test
