#include <atomic>
#include <thread>

#include "driver/libvirt_constants.h"
#include "drivers/test/test_fixture.h"

namespace nodevirt::drivers::test {
namespace {

using SharedStateTest = TestDriverTest;

TEST_F(SharedStateTest, ConnectionsShareTheDefaultNodeWhileOneIsOpen) {
    defineMin("vm", 1);
    auto second = open("test:///default");
    EXPECT_TRUE(second->domainLifecycle().lookupByName("vm"));
    conn_->close();
    conn_ = nullptr;
    // Still one user: the state lives on.
    EXPECT_TRUE(second->domainLifecycle().lookupByName("vm"));
    second->close();
    // Everybody left: the next open starts from the pristine node.
    conn_ = open("test:///default");
    EXPECT_FALSE(conn_->domainLifecycle().lookupByName("vm"));
    EXPECT_EQ(dom("test").id, 1);
}

TEST_F(SharedStateTest, SeparateFactoriesAreSeparateProcessesInEffect) {
    defineMin("vm", 1);
    TestConnectionFactory other_factory;
    auto uri = driver::Uri::parse("test:///default");
    auto other = other_factory.open(*uri, 0);
    ASSERT_TRUE(other);
    EXPECT_FALSE((*other)->domainLifecycle().lookupByName("vm"));
    (*other)->close();
}

TEST_F(SharedStateTest, ConcurrentReadersAndWriters) {
    std::vector<driver::DomainRef> doms;
    for (int i = 0; i < 8; ++i) doms.push_back(defineMin("vm" + std::to_string(i), i + 1));
    std::atomic<bool> failed{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto& life = conn_->domainLifecycle();
            for (int round = 0; round < 50; ++round) {
                const auto& d = doms[static_cast<size_t>((t + round) % doms.size())];
                auto r = life.create(d, 0);
                if (r) {
                    if (!life.destroy(d, 0)) failed = true;
                } else if (r.error().code != ErrorCode::kInternalError) {
                    failed = true;  // only "already running" is expected under contention
                }
                if (!life.listAll(0) || !life.getInfo(d)) failed = true;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_FALSE(failed);
    for (const auto& d : doms) EXPECT_EQ(state(d).state, DomainState::kShutoff);
}

}  // namespace
}  // namespace nodevirt::drivers::test
