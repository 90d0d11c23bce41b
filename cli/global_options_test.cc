#include "cli/global_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nodevirt::cli {
namespace {

using ::testing::ElementsAre;

GlobalParse parse(std::vector<std::string> args) {
    args.insert(args.begin(), "nodevirt");
    return parseGlobalOptions(args);
}

TEST(GlobalOptionsTest, ConnectForms) {
    for (auto args : std::vector<std::vector<std::string>>{
             {"-c", "test:///default", "uri"}, {"-ctest:///default", "uri"},
             {"--connect", "test:///default", "uri"}, {"--connect=test:///default", "uri"}}) {
        auto r = parse(args);
        ASSERT_TRUE(r.options) << r.error;
        EXPECT_EQ(r.options->uri, "test:///default");
        EXPECT_THAT(r.options->words, ElementsAre("uri"));
    }
}

TEST(GlobalOptionsTest, FlagsAndClusters) {
    auto r = parse({"-qrt", "--json", "list", "--all"});
    ASSERT_TRUE(r.options);
    EXPECT_TRUE(r.options->flags.quiet);
    EXPECT_TRUE(r.options->flags.readonly);
    EXPECT_TRUE(r.options->flags.timing);
    EXPECT_TRUE(r.options->flags.json);
    // Options after the command belong to the command.
    EXPECT_THAT(r.options->words, ElementsAre("list", "--all"));
    r = parse({"-qc", "test:///default"});
    ASSERT_TRUE(r.options);
    EXPECT_TRUE(r.options->flags.quiet);
    EXPECT_EQ(r.options->uri, "test:///default");
    EXPECT_TRUE(r.options->words.empty());
    r = parse({"--", "-x"});
    ASSERT_TRUE(r.options);
    EXPECT_THAT(r.options->words, ElementsAre("-x"));
}

TEST(GlobalOptionsTest, VirshErrors) {
    EXPECT_EQ(parse({"-Z"}).error, "unsupported option '-Z'. See --help.");
    EXPECT_EQ(parse({"--bogus"}).error, "unsupported option '--bogus'. See --help.");
    EXPECT_EQ(parse({"-c"}).error, "option '-c'/'--connect' requires an argument");
    EXPECT_EQ(parse({"--connect"}).error, "option '-c'/'--connect' requires an argument");
    EXPECT_EQ(parse({"-d", "abc"}).error, "option -d takes a numeric argument");
    EXPECT_EQ(parse({"-k", "abc"}).error, "Invalid value for option -k");
    EXPECT_EQ(parse({"-K", "-1"}).error, "option -K requires a positive integer argument");
    EXPECT_EQ(parse({"-e", "xx"}).error, "Invalid string 'xx' for escape sequence");
    EXPECT_TRUE(parse({"-e", "^A", "uri"}).options);
    EXPECT_TRUE(parse({"-e", "x", "uri"}).options);
    auto r = parse({"-d", "9", "uri"});
    ASSERT_TRUE(r.options);
    EXPECT_THAT(r.warnings, ElementsAre("ignoring debug level 9 out of range [0-4]"));
}

TEST(GlobalOptionsTest, VersionAndHelp) {
    EXPECT_EQ(parse({"-v", "uri"}).options->action, GlobalOptions::Action::kShortVersion);
    EXPECT_EQ(parse({"-V"}).options->action, GlobalOptions::Action::kLongVersion);
    EXPECT_EQ(parse({"--version"}).options->action, GlobalOptions::Action::kShortVersion);
    EXPECT_EQ(parse({"--version=long"}).options->action, GlobalOptions::Action::kLongVersion);
    EXPECT_EQ(parse({"-h"}).options->action, GlobalOptions::Action::kHelp);
    EXPECT_NE(usageText("nodevirt").find("--json"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::cli
