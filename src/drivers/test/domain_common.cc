#include "drivers/test/domain_common.h"

#include "conf/domain/post_parse.h"
#include "core/event_bus.h"
#include "driver/libvirt_constants.h"

namespace nodevirt::drivers::test {

void startDomain(TestState& state, const core::JobGuard& job, int reason) {
    core::DomainObj& obj = job.obj();
    core::DomainView v = obj.view();
    if (v.persistent() && !v.next_def) obj.setNextDef(job, v.def);
    state.domains.markActive(job);
    obj.setState(job, DomainState::kRunning, reason);
    obj.setFlag(job, core::kDomainManagedSave, false);
}

void stopDomain(TestState& state, const core::JobGuard& job, int reason, bool keep_transient) {
    core::DomainObj& obj = job.obj();
    state.domains.markInactive(job);
    obj.clearLiveDef(job);
    obj.setState(job, DomainState::kShutoff, reason);
    obj.setFlag(job, core::kDomainUpdated, false);
    if (!keep_transient && !(obj.flags() & core::kDomainPersistent)) state.domains.remove(job);
}

void destroyForClose(TestState& state, const Uuid& uuid) {
    core::DomainObjPtr obj = state.domains.findByUuid(uuid);
    if (!obj) return;
    core::PendingEvents ev(state.events);
    auto job = core::beginJob(obj);
    if (!job || !obj->active()) return;
    stopDomain(state, *job, static_cast<int>(lv::kDomainShutoffDestroyed));
    ev.lifecycle(obj->ref(), static_cast<int>(lv::kDomainEventStopped),
                 static_cast<int>(lv::kDomainEventStoppedDestroyed));
}

Result<std::shared_ptr<conf::DomainDef>> parseTestDomain(const std::string& xml, bool validate) {
    conf::DomainParseOptions opts;
    opts.validate = validate;
    opts.inactive = true;
    opts.profile = &conf::testDriverPostParseProfile();
    return conf::parseDomainXml(xml, opts);
}

std::string formatTestDomain(const conf::DomainDef& def, int live_id, bool secure, bool migratable) {
    conf::DomainFormatOptions opts;
    opts.inactive = live_id < 0;
    opts.secure = secure;
    opts.migratable = migratable;
    opts.live_id = live_id;
    return conf::formatDomainXml(def, opts);
}

Status checkActive(const core::DomainObj& obj) {
    if (!obj.active()) return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    return ok();
}

Status checkActive(const core::DomainView& view) {
    if (!view.active()) return fail(operationInvalid("domain is not running", ErrorDomain::kDomain));
    return ok();
}

std::shared_ptr<conf::DomainDef> copyDef(const core::DomainDefPtr& def) {
    return std::make_shared<conf::DomainDef>(*def);
}

}  // namespace nodevirt::drivers::test
