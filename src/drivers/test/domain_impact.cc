#include "drivers/test/domain_impact.h"

#include "driver/libvirt_constants.h"
#include "drivers/test/test_context.h"

namespace nodevirt::drivers::test {

void Impact::publish(const core::JobGuard& job, core::DomainDefPtr def) const {
    if (live) job->setDef(job, std::move(def));
    else publishConfig(job, std::move(def));
}

void Impact::publishConfig(const core::JobGuard& job, core::DomainDefPtr def) {
    if (job->active()) job->setNextDef(job, std::move(def));
    else job->setDef(job, std::move(def));
}

Result<Impact> defsImpact(const core::DomainView& v, unsigned flags) {
    Impact impact;
    impact.live = flags & lv::kDomainAffectLive;
    impact.config = flags & lv::kDomainAffectConfig;
    if (!impact.live && !impact.config) {
        if (v.active()) impact.live = true;
        else impact.config = true;
    }
    if (!v.active() && impact.live) {
        return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    }
    if (!v.persistent() && impact.config) {
        return fail(operationInvalid("transient domains do not have any persistent config", ErrorDomain::kDomain));
    }
    return impact;
}

Result<Impact> oneDefImpact(const core::DomainView& v, unsigned flags) {
    NODEVIRT_TRY(checkExclusive(flags, lv::kDomainAffectLive, "VIR_DOMAIN_AFFECT_LIVE", lv::kDomainAffectConfig,
                                "VIR_DOMAIN_AFFECT_CONFIG"));
    return defsImpact(v, flags);
}

}  // namespace nodevirt::drivers::test
