#include "rpc/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <memory>

namespace nodevirt::rpc {
namespace {

TEST(WorkerPoolTest, RunsJobsAndGrowsOnlyWithConcurrency) {
    WorkerPool pool(4);
    std::atomic<int> done{0};
    for (int i = 0; i < 100; ++i) {
        auto owned = std::make_unique<int>(i);  // move-only capture
        ASSERT_TRUE(pool.submit([&done, p = std::move(owned)] { done += *p >= 0 ? 1 : 0; }));
    }
    pool.stop();
    EXPECT_EQ(done.load(), 100);
    EXPECT_LE(pool.threads(), 4u);
    EXPECT_FALSE(pool.submit([] {}));
}

TEST(WorkerPoolTest, BlockedJobsUseSeparateThreadsUpToTheLimit) {
    WorkerPool pool(3);
    std::mutex mu;
    std::condition_variable cv;
    int started = 0;
    bool release = false;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(pool.submit([&] {
            std::unique_lock lock(mu);
            ++started;
            cv.notify_all();
            cv.wait_for(lock, std::chrono::seconds(10), [&] { return release; });
        }));
    }
    {
        std::unique_lock lock(mu);
        ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return started == 3; }));
        EXPECT_EQ(pool.threads(), 3u);
        EXPECT_FALSE(pool.idle());
        release = true;
        cv.notify_all();
    }
    pool.stop();
    EXPECT_EQ(started, 5);
    EXPECT_TRUE(pool.idle());
}

}  // namespace
}  // namespace nodevirt::rpc
