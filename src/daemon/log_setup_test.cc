#include "daemon/log_setup.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "util/logging.h"

namespace nodevirt::daemon {
namespace {

TEST(LogSetupTest, ParsesOutputs) {
    auto outs = parseLogOutputs("  1:file:/var/log/x.log   3:stderr 2:syslog:nodevirtd 4:journald ");
    ASSERT_TRUE(outs.has_value()) << outs.error().message;
    ASSERT_EQ(outs->size(), 4u);
    EXPECT_EQ((*outs)[0].level, 1);
    EXPECT_EQ((*outs)[0].kind, LogOutput::Kind::kFile);
    EXPECT_EQ((*outs)[0].target, "/var/log/x.log");
    EXPECT_EQ((*outs)[1].kind, LogOutput::Kind::kStderr);
    EXPECT_EQ((*outs)[2].target, "nodevirtd");
    EXPECT_EQ((*outs)[3].kind, LogOutput::Kind::kJournald);
    EXPECT_TRUE(parseLogOutputs("").value().empty());
}

TEST(LogSetupTest, RejectsBadOutputs) {
    for (const char* bad : {"stderr", "0:stderr", "5:stderr", "x:stderr", "1:file", "1:file:rel",
                            "1:syslog", "1:pipe:/x", "1:stderr:extra"}) {
        EXPECT_FALSE(parseLogOutputs(bad).has_value()) << bad;
    }
}

TEST(LogSetupTest, FileOutputHonoursLevels) {
    char tmpl[] = "/tmp/nodevirt-logtest-XXXXXX";
    int fd = mkstemp(tmpl);
    ASSERT_GE(fd, 0);
    close(fd);
    std::string path = tmpl;
    ASSERT_TRUE(applyLogging(2, {{2, LogOutput::Kind::kFile, path}}).has_value());
    log::debug("hidden debug line");
    log::info("visible info line client=1");
    log::logger().flush();
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("visible info line client=1"), std::string::npos);
    EXPECT_EQ(text.str().find("hidden debug line"), std::string::npos);
    EXPECT_FALSE(applyLogging(2, {{1, LogOutput::Kind::kFile, "/dev/null/y.log"}}).has_value())
        << "a file under a non-directory cannot be opened, even by root";
    ASSERT_TRUE(applyLogging(3, {}).has_value());
    std::remove(path.c_str());
}

}  // namespace
}  // namespace nodevirt::daemon
