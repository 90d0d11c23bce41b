// DomainLifecycleOps of the test driver, read side: info, state, flags, labels, time and
// the screenshot. All of these read a DomainView and never wait for a job.
#include <sys/time.h>

#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/facets.h"
#include "drivers/test/memory_stream.h"
#include "drivers/test/screenshot.h"

namespace nodevirt::drivers::test {
namespace {

// libvirt's test driver reports the wall clock as the cpu time of every domain.
uint64_t wallClockNs() {
    struct timeval tv {};
    ::gettimeofday(&tv, nullptr);
    return static_cast<uint64_t>(tv.tv_sec) * 1000000000ULL + static_cast<uint64_t>(tv.tv_usec) * 1000ULL;
}

// The fixed guest time of the test driver.
constexpr int64_t kGuestTime = 627319920;

}  // namespace

Result<DomainInfo> TestDomainLifecycle::getInfo(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    DomainInfo info;
    info.state = v.state;
    info.memory_kib = v.def->current_kib;
    info.max_mem_kib = v.def->memory_kib;
    info.nr_virt_cpu = v.def->vcpusCurrent();
    info.cpu_time_ns = wallClockNs();
    return info;
}

Result<DomainStateReason> TestDomainLifecycle::getState(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainGetState"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return obj->state();
}

Result<std::string> TestDomainLifecycle::getOsType(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return std::string("linux");
}

Result<bool> TestDomainLifecycle::isActive(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return obj->active();
}

Result<bool> TestDomainLifecycle::isPersistent(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return (obj->flags() & core::kDomainPersistent) != 0;
}

Result<bool> TestDomainLifecycle::isUpdated(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return (obj->flags() & core::kDomainUpdated) != 0;
}

Result<bool> TestDomainLifecycle::getAutostart(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return (obj->flags() & core::kDomainAutostart) != 0;
}

Status TestDomainLifecycle::setAutostart(const DomainRef& dom, bool autostart) {
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    job->setFlag(job, core::kDomainAutostart, autostart);
    return ok();
}

Result<std::string> TestDomainLifecycle::getHostname(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainGetHostname"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    NODEVIRT_TRY(checkActive(*obj));
    return std::string("testhost");
}

Result<SecurityLabel> TestDomainLifecycle::getSecurityLabel(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    if (!obj->active()) return SecurityLabel{};
    return SecurityLabel{"libvirt-test", true};
}

Result<std::vector<std::string>> TestDomainLifecycle::getMessages(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainMessageDeprecation | lv::kDomainMessageTainting,
                            "testDomainGetMessages"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return std::vector<std::string>{};
}

Result<std::pair<int64_t, unsigned>> TestDomainLifecycle::getTime(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainGetTime"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    if (!obj->active()) return fail(testError(ErrorCode::kOperationInvalid, "domain is not running"));
    return std::make_pair(kGuestTime, 0u);
}

Result<std::pair<std::string, DataStreamPtr>> TestDomainLifecycle::screenshot(const DomainRef& dom,
                                                                              unsigned /*screen*/,
                                                                              unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainScreenshot"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    auto png = testScreenshotPng();
    uint64_t size = png->size();
    return std::make_pair(std::string("image/png"),
                          DataStreamPtr(std::make_unique<MemorySourceStream>(std::move(png), 0, size)));
}

}  // namespace nodevirt::drivers::test
