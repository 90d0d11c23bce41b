#include "drivers/test/test_context.h"

#include <algorithm>
#include <fmt/format.h>

namespace nodevirt::drivers::test {

void TestContext::addCallback(int id) {
    std::lock_guard lock(mutex_);
    callbacks_.push_back(id);
}

bool TestContext::removeCallback(int id) {
    std::lock_guard lock(mutex_);
    auto it = std::find(callbacks_.begin(), callbacks_.end(), id);
    if (it == callbacks_.end()) return false;
    callbacks_.erase(it);
    return true;
}

void TestContext::addAutodestroy(const Uuid& uuid) {
    std::lock_guard lock(mutex_);
    autodestroy_.push_back(uuid);
}

void TestContext::takeForClose(std::vector<int>& callbacks, std::vector<Uuid>& autodestroy) {
    std::lock_guard lock(mutex_);
    callbacks.swap(callbacks_);
    autodestroy.swap(autodestroy_);
}

Error testError(ErrorCode code, std::string_view detail) {
    return Error::make(code, ErrorDomain::kTest, detail);
}

Status checkFlags(unsigned flags, unsigned allowed, std::string_view function) {
    if (flags & ~allowed) return fail(unsupportedFlags(flags & ~allowed, function, ErrorDomain::kTest));
    return ok();
}

Status checkExclusive(unsigned flags, unsigned a, std::string_view a_name, unsigned b,
                      std::string_view b_name, ErrorDomain domain) {
    if ((flags & a) && (flags & b)) {
        return fail(Error::raw(ErrorCode::kInvalidArg, domain,
                               fmt::format("Flags '{}' and '{}' are mutually exclusive", a_name,
                                           b_name)));
    }
    return ok();
}

Result<core::DomainObjPtr> findDomain(TestState& state, const driver::DomainRef& ref) {
    core::DomainObjPtr obj = state.domains.findByUuid(ref.uuid);
    if (!obj) {
        return fail(testError(ErrorCode::kNoDomain,
                              fmt::format("no domain with matching uuid '{}' ({})",
                                          ref.uuid.toString(), ref.name)));
    }
    return obj;
}

Result<core::JobGuard> beginDomainJob(TestState& state, const driver::DomainRef& ref) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(state, ref));
    auto job = core::beginJob(obj);
    if (!job && job.error().code == ErrorCode::kNoDomain) {
        return fail(testError(ErrorCode::kNoDomain,
                              fmt::format("no domain with matching uuid '{}' ({})",
                                          ref.uuid.toString(), ref.name)));
    }
    return job;
}

}  // namespace nodevirt::drivers::test
