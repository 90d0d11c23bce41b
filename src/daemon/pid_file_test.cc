#include "daemon/pid_file.h"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace nodevirt::daemon {
namespace {

class PidFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        char tmpl[] = "/tmp/nodevirt-pidtest-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        path_ = dir_ + "/d.pid";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string dir_, path_;
};

TEST_F(PidFileTest, WritesPidAndRemovesOnExit) {
    {
        auto pf = PidFile::acquire(path_);
        ASSERT_TRUE(pf.has_value()) << pf.error().message;
        std::ifstream in(path_);
        pid_t pid = 0;
        in >> pid;
        EXPECT_EQ(pid, getpid());
    }
    EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(PidFileTest, StaleFileIsTakenOver) {
    std::ofstream(path_) << "999999\n";
    auto pf = PidFile::acquire(path_);
    ASSERT_TRUE(pf.has_value()) << pf.error().message;
    std::ifstream in(path_);
    pid_t pid = 0;
    in >> pid;
    EXPECT_EQ(pid, getpid());
}

TEST_F(PidFileTest, LockedFileIsRefused) {
    // fcntl locks are per process: the holder must be another process.
    int ready[2], done[2];
    ASSERT_EQ(pipe(ready), 0);
    ASSERT_EQ(pipe(done), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto pf = PidFile::acquire(path_);
        char c = pf.has_value() ? 'y' : 'n';
        (void)!write(ready[1], &c, 1);
        (void)!read(done[0], &c, 1);
        _exit(0);
    }
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    ASSERT_EQ(c, 'y');
    auto pf = PidFile::acquire(path_);
    ASSERT_FALSE(pf.has_value());
    EXPECT_NE(pf.error().message.find("another nodevirtd (pid " + std::to_string(child)),
              std::string::npos)
        << pf.error().message;
    (void)!write(done[1], "x", 1);
    int status = 0;
    waitpid(child, &status, 0);
    for (int fd : {ready[0], ready[1], done[0], done[1]}) close(fd);
}

}  // namespace
}  // namespace nodevirt::daemon
