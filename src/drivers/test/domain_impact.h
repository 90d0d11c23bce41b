// Which definitions an API call with VIR_DOMAIN_AFFECT_{CURRENT,LIVE,CONFIG} changes, with
// libvirt's rules (virDomainObjUpdateModificationImpact / virDomainObjGetDefs / GetOneDef),
// and how to publish the changed copies.
#pragma once

#include "core/domain_obj.h"
#include "util/result.h"

namespace nodevirt::drivers::test {

struct Impact {
    bool live = false;
    bool config = false;

    // The one definition a single-target call reads or changes.
    [[nodiscard]] const core::DomainDefPtr& target(const core::DomainView& v) const {
        return live ? v.def : v.inactiveDef();
    }
    // Publishes a changed copy of target().
    void publish(const core::JobGuard& job, core::DomainDefPtr def) const;
    // Publishes a changed copy of the persistent definition.
    static void publishConfig(const core::JobGuard& job, core::DomainDefPtr def);
};

// CURRENT becomes LIVE or CONFIG; LIVE needs a running domain, CONFIG a persistent one.
Result<Impact> defsImpact(const core::DomainView& v, unsigned flags);
// The same, but LIVE and CONFIG together are refused.
Result<Impact> oneDefImpact(const core::DomainView& v, unsigned flags);

}  // namespace nodevirt::drivers::test
