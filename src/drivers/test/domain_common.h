// State transitions and XML helpers shared by the test driver's domain facets: libvirt's
// testDomainStartState / testDomainShutdownState, parsing with the test driver's post-parse
// profile, and the checks several APIs make.
#pragma once

#include <memory>
#include <string>

#include "conf/domain/domain_xml.h"
#include "core/domain_obj.h"
#include "drivers/test/test_state.h"
#include "util/result.h"

namespace nodevirt::drivers::test {

// Running with `reason`, with the next id; keeps the persistent definition aside so that
// live changes do not touch it; a managed-save image is consumed.
void startDomain(TestState& state, const core::JobGuard& job, int reason);
// Shut off with `reason`: drops the id and live changes; a transient domain leaves the list
// unless `keep_transient` (a snapshot revert restarts it right away).
void stopDomain(TestState& state, const core::JobGuard& job, int reason, bool keep_transient = false);
// The autodestroy path of a closing connection: destroy the domain if still running.
void destroyForClose(TestState& state, const Uuid& uuid);

// Parses a domain document the way the test driver does (post-parse defaults of libvirt's
// test driver, live-only state ignored).
Result<std::shared_ptr<conf::DomainDef>> parseTestDomain(const std::string& xml, bool validate);
// A definition written for a client: live (id='N') when `live_id` >= 0.
std::string formatTestDomain(const conf::DomainDef& def, int live_id, bool secure, bool migratable);

// "Requested operation is not valid: domain is not running" (VIR_FROM_DOMAIN), as libvirt's
// virDomainObjCheckActive reports it.
Status checkActive(const core::DomainObj& obj);
Status checkActive(const core::DomainView& view);

// A copy of a definition to modify and publish.
std::shared_ptr<conf::DomainDef> copyDef(const core::DomainDefPtr& def);

}  // namespace nodevirt::drivers::test
