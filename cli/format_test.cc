#include "cli/format.h"

#include <gtest/gtest.h>

namespace nodevirt::cli {
namespace {

TEST(FormatTest, StateNames) {
    EXPECT_EQ(domainStateName(DomainState::kRunning), "running");
    EXPECT_EQ(domainStateName(DomainState::kBlocked), "idle");
    EXPECT_EQ(domainStateName(DomainState::kShutoff), "shut off");
    EXPECT_EQ(domainStateName(DomainState::kShutdown), "in shutdown");
    EXPECT_EQ(domainStateName(static_cast<DomainState>(42)), "no state");
}

TEST(FormatTest, ReasonNames) {
    EXPECT_EQ(domainStateReasonName(DomainState::kRunning, 1), "booted");
    EXPECT_EQ(domainStateReasonName(DomainState::kRunning, 4), "from snapshot");
    EXPECT_EQ(domainStateReasonName(DomainState::kPaused, 1), "user");
    EXPECT_EQ(domainStateReasonName(DomainState::kShutoff, 5), "saved");
    EXPECT_EQ(domainStateReasonName(DomainState::kShutoff, 99), "unknown");
    EXPECT_EQ(domainStateReasonName(DomainState::kCrashed, 1), "panicked");
    EXPECT_EQ(domainStateReasonName(DomainState::kRunning, -1), "unknown");
}

TEST(FormatTest, PrettyCapacity) {
    EXPECT_EQ(prettyCapacity(0), "0.00 B");
    EXPECT_EQ(prettyCapacity(1023), "1023.00 B");
    EXPECT_EQ(prettyCapacity(1024), "1.00 KiB");
    EXPECT_EQ(prettyCapacity(10ull << 20), "10.00 MiB");
    EXPECT_EQ(prettyCapacity(100ull << 30), "100.00 GiB");
    EXPECT_EQ(prettyCapacity(106300440576ull), "99.00 GiB");
    EXPECT_EQ(prettyCapacity(UINT64_MAX), "16.00 EiB");
}

TEST(FormatTest, PoolAndVolumeNames) {
    EXPECT_EQ(poolStateName(0), "inactive");
    EXPECT_EQ(poolStateName(2), "running");
    EXPECT_EQ(poolStateName(9), "unknown");
    EXPECT_EQ(volumeTypeName(0), "file");
    EXPECT_EQ(volumeTypeName(3), "network");
}

TEST(FormatTest, PadRight) {
    EXPECT_EQ(padRight("Id:", 6), "Id:   ");
    EXPECT_EQ(padRight("toolong", 3), "toolong");
}

}  // namespace
}  // namespace nodevirt::cli
