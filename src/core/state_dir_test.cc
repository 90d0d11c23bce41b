#include "core/state_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "util/file_io.h"

namespace nodevirt::core {
namespace {

class StateDirTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/nodevirt-statedir-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        root_ = tmpl;
    }
    void TearDown() override { std::filesystem::remove_all(root_); }
    std::string root_;
};

TEST_F(StateDirTest, SaveLoadRemove) {
    StateDir dir(root_ + "/qemu");
    ASSERT_TRUE(dir.init());
    ASSERT_TRUE(dir.save("b", "<domain>b</domain>"));
    ASSERT_TRUE(dir.save("a", "<domain>a</domain>"));
    ASSERT_TRUE(dir.save("a", "<domain>a2</domain>"));  // overwrite
    auto loaded = dir.loadAll();
    ASSERT_EQ(loaded.entries.size(), 2u);
    EXPECT_EQ(loaded.entries[0].name, "a");
    EXPECT_EQ(loaded.entries[0].content, "<domain>a2</domain>");
    EXPECT_EQ(loaded.entries[1].name, "b");
    EXPECT_TRUE(loaded.problems.empty());
    ASSERT_TRUE(dir.remove("a"));
    ASSERT_TRUE(dir.remove("a"));  // absent is fine
    EXPECT_EQ(dir.loadAll().entries.size(), 1u);
}

TEST_F(StateDirTest, AutostartMarkers) {
    StateDir dir(root_);
    ASSERT_TRUE(dir.init());
    EXPECT_FALSE(dir.isAutostart("a"));
    ASSERT_TRUE(dir.setAutostart("a", true));
    EXPECT_TRUE(dir.isAutostart("a"));
    ASSERT_TRUE(dir.remove("a"));
    EXPECT_FALSE(dir.isAutostart("a"));
    // Markers are not configs.
    EXPECT_TRUE(dir.loadAll().entries.empty());
}

TEST_F(StateDirTest, RejectsNamesThatAreNotFileNames) {
    StateDir dir(root_);
    EXPECT_FALSE(dir.save("../evil", "x"));
    EXPECT_FALSE(dir.save("", "x"));
    EXPECT_FALSE(dir.save(".hidden", "x"));
    auto r = dir.save("a/b", "x");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArg);
}

TEST_F(StateDirTest, MissingDirectoryLoadsEmpty) {
    StateDir dir(root_ + "/none");
    auto loaded = dir.loadAll();
    EXPECT_TRUE(loaded.entries.empty());
    EXPECT_TRUE(loaded.problems.empty());
}

}  // namespace
}  // namespace nodevirt::core
