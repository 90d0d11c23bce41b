#include "drivers/test/test_driver.h"

#include "drivers/test/facets.h"
#include "drivers/test/facets_infra.h"
#include "drivers/test/domain_common.h"

namespace nodevirt::drivers::test {
namespace {

class TestConnection : public driver::Connection {
public:
    TestConnection(TestStatePtr state, std::string uri, std::shared_ptr<DefaultNodeHolder> holder)
        : ctx_(std::move(state), std::move(uri)),
          holder_(std::move(holder)),
          connect_(ctx_),
          lifecycle_(ctx_),
          config_(ctx_),
          devices_(ctx_),
          stats_(ctx_),
          snapshots_(ctx_),
          networks_(ctx_),
          storage_(ctx_),
          node_devices_(ctx_),
          secrets_(ctx_),
          interfaces_(ctx_),
          events_(ctx_) {}
    ~TestConnection() override { close(); }

    ConnectOps& connect() override { return connect_; }
    DomainLifecycleOps& domainLifecycle() override { return lifecycle_; }
    DomainConfigOps& domainConfig() override { return config_; }
    DomainDeviceOps& domainDevices() override { return devices_; }
    DomainStatsOps& domainStats() override { return stats_; }
    DomainSnapshotOps& domainSnapshots() override { return snapshots_; }
    NetworkOps& networks() override { return networks_; }
    StorageOps& storage() override { return storage_; }
    NodeDeviceOps& nodeDevices() override { return node_devices_; }
    SecretOps& secrets() override { return secrets_; }
    InterfaceOps& interfaces() override { return interfaces_; }
    EventOps& events() override { return events_; }

    void close() override {
        std::call_once(closed_, [this] {
            std::vector<int> callbacks;
            std::vector<Uuid> autodestroy;
            ctx_.takeForClose(callbacks, autodestroy);
            for (int id : callbacks) ctx_.state().events.unsubscribe(id);
            for (const Uuid& uuid : autodestroy) destroyForClose(ctx_.state(), uuid);
            if (holder_) holder_->release();
        });
    }

private:
    TestContext ctx_;
    std::shared_ptr<DefaultNodeHolder> holder_;  // null for node-file connections
    std::once_flag closed_;
    TestConnect connect_;
    TestDomainLifecycle lifecycle_;
    TestDomainConfig config_;
    TestDomainDevices devices_;
    TestDomainStats stats_;
    TestSnapshots snapshots_;
    TestNetworks networks_;
    TestStorage storage_;
    TestNodeDevices node_devices_;
    TestSecrets secrets_;
    TestInterfaces interfaces_;
    TestEvents events_;
};

}  // namespace

Result<TestStatePtr> DefaultNodeHolder::acquire() {
    std::lock_guard lock(mutex_);
    if (!state_) {
        NODEVIRT_ASSIGN_OR_RETURN(state_, buildDefaultNode());
    }
    ++users_;
    return state_;
}

void DefaultNodeHolder::release() {
    std::lock_guard lock(mutex_);
    if (users_ > 0 && --users_ == 0) state_.reset();
}

int DefaultNodeHolder::users() const {
    std::lock_guard lock(mutex_);
    return users_;
}

bool TestConnectionFactory::accepts(const driver::Uri& uri) const {
    return uri.driver == "test" && !uri.isRemote();
}

Result<driver::ConnectionPtr> TestConnectionFactory::open(const driver::Uri& uri, unsigned /*flags*/) {
    const std::string& path = uri.path;
    if (path.empty() || path == "/") {
        return fail(testError(ErrorCode::kInvalidArg, "testOpen: supply a path or use test:///default"));
    }
    if (path == "/default") {
        NODEVIRT_ASSIGN_OR_RETURN(auto state, default_->acquire());
        return std::make_shared<TestConnection>(std::move(state), uri.toString(), default_);
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto state, loadNodeFile(path));
    return std::make_shared<TestConnection>(std::move(state), uri.toString(), nullptr);
}

}  // namespace nodevirt::drivers::test
