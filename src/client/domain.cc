// Domain: lifecycle, save/restore, state queries, consoles (virDomain*). Configuration,
// devices and statistics are in domain_config.cc; snapshots in domain_snapshot.cc.
#include "nodevirt/domain.h"

#include "client/domain_common.h"
#include "client/stream_state.h"
#include "nodevirt/connection.h"
#include "nodevirt/constants.h"

namespace nodevirt {

using client::call;
using client::kRead;
using client::kWrite;
using client::lifecycle;
using client::pickApi;
using detail::ConnectionState;
using Ref = driver::DomainRef;

namespace {
constexpr const client::Family& kFam = client::kDomainFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kDomain;
constexpr size_t kSendKeyMaxKeys = 16;  // VIR_DOMAIN_SEND_KEY_MAX_KEYS
}  // namespace

Connection Domain::connection() const { return detail::HandleAccess::connection(conn_); }

Status Domain::create(unsigned flags) {
    auto r =
        call(*this, kFam, pickApi(flags, "virDomainCreate", "virDomainCreateWithFlags"), kWrite,
             [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).create(ref, flags); });
    if (!r) return fail(std::move(r).error());
    id_ = r->id;
    return ok();
}

Status Domain::undefine(unsigned flags) const {
    return call(
        *this, kFam, pickApi(flags, "virDomainUndefine", "virDomainUndefineFlags"), kWrite,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).undefine(ref, flags); });
}

Status Domain::shutdown(unsigned flags) const {
    return call(
        *this, kFam, pickApi(flags, "virDomainShutdown", "virDomainShutdownFlags"), kWrite,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).shutdown(ref, flags); });
}

Status Domain::destroy(unsigned flags) const {
    return call(
        *this, kFam, pickApi(flags, "virDomainDestroy", "virDomainDestroyFlags"), kWrite,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).destroy(ref, flags); });
}

Status Domain::reboot(unsigned flags) const {
    return call(*this, kFam, "virDomainReboot", kWrite, [&](ConnectionState& st, const Ref& ref) {
        return lifecycle(st).reboot(ref, flags);
    });
}

Status Domain::reset(unsigned flags) const {
    return call(*this, kFam, "virDomainReset", kWrite, [&](ConnectionState& st, const Ref& ref) {
        return lifecycle(st).reset(ref, flags);
    });
}

Status Domain::suspend() const {
    return call(*this, kFam, "virDomainSuspend", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).suspend(ref); });
}

Status Domain::resume() const {
    return call(*this, kFam, "virDomainResume", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).resume(ref); });
}

Status Domain::pmSuspendForDuration(unsigned target, uint64_t duration_s, unsigned flags) const {
    return call(*this, kFam, "virDomainPMSuspendForDuration", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return lifecycle(st).pmSuspendForDuration(ref, target, duration_s, flags);
                });
}

Status Domain::pmWakeup(unsigned flags) const {
    return call(*this, kFam, "virDomainPMWakeup", kWrite, [&](ConnectionState& st, const Ref& ref) {
        return lifecycle(st).pmWakeup(ref, flags);
    });
}

Status Domain::injectNmi(unsigned flags) const {
    return call(
        *this, kFam, "virDomainInjectNMI", kWrite,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).injectNmi(ref, flags); });
}

Status Domain::sendKey(unsigned codeset, unsigned holdtime_ms,
                       const std::vector<unsigned>& keycodes, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainSendKey";
    return call(*this, kFam, kApi, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        if (keycodes.empty()) return fail(client::argPositive(kApi, "nkeycodes", kErrDom));
        if (keycodes.size() > kSendKeyMaxKeys) {
            return fail(client::invalidArgument(kApi, "nkeycodes", "must be <= 16", kErrDom));
        }
        return lifecycle(st).sendKey(ref, codeset, holdtime_ms, keycodes, flags);
    });
}

Status Domain::save(const std::string& path, const std::optional<std::string>& dxml,
                    unsigned flags) const {
    std::string_view api = (flags != 0 || dxml) ? "virDomainSaveFlags" : "virDomainSave";
    return call(*this, kFam, api, kWrite, [&](ConnectionState& st, const Ref& ref) {
        return lifecycle(st).save(ref, path, dxml, flags);
    });
}

Status Domain::managedSave(unsigned flags) const {
    return call(
        *this, kFam, "virDomainManagedSave", kWrite,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).managedSave(ref, flags); });
}

Result<bool> Domain::hasManagedSaveImage(unsigned flags) const {
    return call(*this, kFam, "virDomainHasManagedSaveImage", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return lifecycle(st).hasManagedSaveImage(ref, flags);
                });
}

Status Domain::managedSaveRemove(unsigned flags) const {
    return call(*this, kFam, "virDomainManagedSaveRemove", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return lifecycle(st).managedSaveRemove(ref, flags);
                });
}

Result<std::string> Domain::managedSaveXmlDesc(unsigned flags) const {
    constexpr std::string_view kApi = "virDomainManagedSaveGetXMLDesc";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<std::string> {
                    if (st.readOnly() && (flags & lv::kDomainSaveImageXmlSecure)) {
                        return fail(client::secureFlagDenied(kApi, kErrDom));
                    }
                    return lifecycle(st).managedSaveGetXmlDesc(ref, flags);
                });
}

Status Domain::coreDump(const std::string& to, unsigned format, unsigned flags) const {
    std::string_view api = format != 0 ? "virDomainCoreDumpWithFormat" : "virDomainCoreDump";
    return call(*this, kFam, api, kWrite, [&](ConnectionState& st, const Ref& ref) {
        return lifecycle(st).coreDump(ref, to, format, flags);
    });
}

Result<DomainInfo> Domain::info() const {
    return call(*this, kFam, "virDomainGetInfo", kRead,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getInfo(ref); });
}

Result<DomainStateReason> Domain::state(unsigned flags) const {
    return call(*this, kFam, "virDomainGetState", kRead, [&](ConnectionState& st, const Ref& ref) {
        return lifecycle(st).getState(ref, flags);
    });
}

Result<std::string> Domain::osType() const {
    return call(*this, kFam, "virDomainGetOSType", kRead,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getOsType(ref); });
}

Result<bool> Domain::isActive() const {
    return call(*this, kFam, "virDomainIsActive", kRead,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).isActive(ref); });
}

Result<bool> Domain::isPersistent() const {
    return call(
        *this, kFam, "virDomainIsPersistent", kRead,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).isPersistent(ref); });
}

Result<bool> Domain::isUpdated() const {
    return call(*this, kFam, "virDomainIsUpdated", kRead,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).isUpdated(ref); });
}

Result<bool> Domain::autostart() const {
    return call(
        *this, kFam, "virDomainGetAutostart", kRead,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getAutostart(ref); });
}

Status Domain::setAutostart(bool autostart) const {
    return call(*this, kFam, "virDomainSetAutostart", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return lifecycle(st).setAutostart(ref, autostart);
                });
}

Result<std::string> Domain::hostname(unsigned flags) const {
    return call(
        *this, kFam, "virDomainGetHostname", kWrite,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getHostname(ref, flags); });
}

Result<SecurityLabel> Domain::securityLabel() const {
    return call(
        *this, kFam, "virDomainGetSecurityLabel", kRead,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getSecurityLabel(ref); });
}

Result<std::vector<std::string>> Domain::messages(unsigned flags) const {
    return call(
        *this, kFam, "virDomainGetMessages", kRead,
        [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getMessages(ref, flags); });
}

Result<JobInfo> Domain::jobInfo() const {
    return call(*this, kFam, "virDomainGetJobInfo", kRead,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).getJobInfo(ref); });
}

Status Domain::abortJob() const {
    return call(*this, kFam, "virDomainAbortJob", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return lifecycle(st).abortJob(ref); });
}

Result<DomainTime> Domain::time(unsigned flags) const {
    return call(*this, kFam, "virDomainGetTime", kWrite,
                [&](ConnectionState& st, const Ref& ref) -> Result<DomainTime> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto t, lifecycle(st).getTime(ref, flags));
                    return DomainTime{t.first, t.second};
                });
}

Result<Stream> Domain::openConsole(const std::optional<std::string>& dev_name,
                                   unsigned flags) const {
    return call(*this, kFam, "virDomainOpenConsole", kWrite,
                [&](ConnectionState& st, const Ref& ref) -> Result<Stream> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto ds,
                                              lifecycle(st).openConsole(ref, dev_name, flags));
                    return client::makeStream(conn_, std::move(ds));
                });
}

Result<Screenshot> Domain::screenshot(unsigned screen, unsigned flags) const {
    return call(*this, kFam, "virDomainScreenshot", kWrite,
                [&](ConnectionState& st, const Ref& ref) -> Result<Screenshot> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto shot,
                                              lifecycle(st).screenshot(ref, screen, flags));
                    return Screenshot{std::move(shot.first),
                                      client::makeStream(conn_, std::move(shot.second))};
                });
}

}  // namespace nodevirt
