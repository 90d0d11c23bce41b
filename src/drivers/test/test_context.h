// TestContext: what the facets of one test-driver connection share: the node state, the URI
// the client opened, and what this connection registered (event callbacks, domains to destroy
// when it closes). Plus the lookup/job helpers with the test driver's error wording.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "core/domain_obj_list.h"
#include "drivers/test/test_state.h"
#include "util/result.h"

namespace nodevirt::drivers::test {

class TestContext {
public:
    TestContext(TestStatePtr state, std::string uri)
        : state_(std::move(state)), uri_(std::move(uri)) {}

    [[nodiscard]] TestState& state() const { return *state_; }
    [[nodiscard]] const TestStatePtr& statePtr() const { return state_; }
    [[nodiscard]] const std::string& uri() const { return uri_; }

    // Event callbacks registered through this connection (deregistered on close).
    void addCallback(int id);
    bool removeCallback(int id);
    // Domains created with VIR_DOMAIN_START_AUTODESTROY by this connection.
    void addAutodestroy(const Uuid& uuid);
    // Hands over everything to release at close, exactly once.
    void takeForClose(std::vector<int>& callbacks, std::vector<Uuid>& autodestroy);

private:
    TestStatePtr state_;
    std::string uri_;
    std::mutex mutex_;
    std::vector<int> callbacks_;
    std::vector<Uuid> autodestroy_;
};

// An error raised by the test driver itself (VIR_FROM_TEST).
Error testError(ErrorCode code, std::string_view detail = {});
// "unsupported flags (0x..) in function NAME" when `flags` has bits outside `allowed`.
Status checkFlags(unsigned flags, unsigned allowed, std::string_view function);
// libvirt's public-API check for two flags that exclude each other (VIR_FROM_DOMAIN).
Status checkExclusive(unsigned flags, unsigned a, std::string_view a_name, unsigned b,
                      std::string_view b_name, ErrorDomain domain = ErrorDomain::kDomain);

// The domain a client reference names (by uuid), or "Domain not found: no domain with
// matching uuid 'U' (NAME)".
Result<core::DomainObjPtr> findDomain(TestState& state, const driver::DomainRef& ref);
// findDomain() plus the domain's job.
Result<core::JobGuard> beginDomainJob(TestState& state, const driver::DomainRef& ref);

}  // namespace nodevirt::drivers::test
