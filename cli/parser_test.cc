#include "cli/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nodevirt::cli {
namespace {

using ::testing::ElementsAre;

bool noop(Context&, const ParsedCommand&) { return true; }

class ParserTest : public ::testing::Test {
protected:
    void SetUp() override {
        reg_.add({"domstate", CommandGroup::kMonitor, "", "",
                  {{"domain", OptionType::kData, kOptRequired, ""},
                   {"reason", OptionType::kBool, 0, ""}},
                  noop});
        reg_.add({"setmem", CommandGroup::kDomain, "", "",
                  {{"domain", OptionType::kData, kOptRequired, ""},
                   {"size", OptionType::kInt, kOptRequired, ""},
                   {"kilobytes", OptionType::kAlias, 0, "size"},
                   {"live", OptionType::kBool, 0, ""}},
                  noop});
        reg_.add({"vol-info", CommandGroup::kVolume, "", "",
                  {{"vol", OptionType::kData, kOptRequired, ""},
                   {"pool", OptionType::kString, kOptNamedOnly, ""},
                   {"shareable", OptionType::kAlias, 0, "mode=shareable"},
                   {"mode", OptionType::kString, kOptNamedOnly, ""}},
                  noop});
        reg_.add({"echo", CommandGroup::kShell, "", "",
                  {{"shell", OptionType::kBool, 0, ""}, {"string", OptionType::kArgv, 0, ""}},
                  noop});
        reg_.add({"help", CommandGroup::kShell, "", "",
                  {{"command", OptionType::kString, 0, ""}}, noop});
    }

    tl::expected<std::vector<ParsedCommand>, std::string> parse(std::string_view line) {
        StringTokenizer t(line);
        return parseCommands(reg_, t);
    }
    std::string error(std::string_view line) {
        auto r = parse(line);
        return r ? std::string("<ok>") : r.error();
    }

    CommandRegistry reg_;
};

TEST_F(ParserTest, PositionalAndNamedForms) {
    for (const char* line : {"domstate test", "domstate --domain test", "domstate --domain=test",
                             "domstate --reason test", "domstate -- test",
                             "domstate --reason -- test"}) {
        auto r = parse(line);
        ASSERT_TRUE(r) << line << ": " << r.error();
        ASSERT_EQ(r->size(), 1u);
        ASSERT_NE((*r)[0].raw("domain"), nullptr) << line;
        EXPECT_EQ(*(*r)[0].raw("domain"), "test") << line;
    }
    auto r = parse("setmem --size=2048 test --live");
    ASSERT_TRUE(r);
    EXPECT_EQ(*(*r)[0].raw("domain"), "test");
    EXPECT_EQ(*(*r)[0].raw("size"), "2048");
    EXPECT_TRUE((*r)[0].has("live"));
    EXPECT_FALSE((*r)[0].has("reason"));
}

TEST_F(ParserTest, VirshErrorMessages) {
    EXPECT_EQ(error("bogus"), "unknown command: 'bogus'");
    EXPECT_EQ(error("domstate test; bogus; domstate test"), "unknown command: 'bogus'");
    EXPECT_EQ(error("domstate test --bogus"), "command 'domstate' doesn't support option --bogus");
    EXPECT_EQ(error("domstate --dom test"), "command 'domstate' doesn't support option --dom");
    EXPECT_EQ(error("domstate"), "command 'domstate' requires <domain> option");
    EXPECT_EQ(error("setmem test"), "command 'setmem' requires --size option");
    EXPECT_EQ(error("domstate --domain"), "expected syntax: --domain <string>");
    EXPECT_EQ(error("setmem test --size"), "expected syntax: --size <number>");
    EXPECT_EQ(error("domstate --domain; domstate test"), "expected syntax: --domain <string>");
    EXPECT_EQ(error("domstate test extra"), "unexpected data 'extra'");
    EXPECT_EQ(error("domstate test --domain test"), "option --domain already seen");
    EXPECT_EQ(error("domstate test --reason --reason"), "option --reason already seen");
    EXPECT_EQ(error("domstate test --reason=yes"), "invalid '=' after option --reason");
    EXPECT_EQ(error("echo \"x"), "missing \"");
}

TEST_F(ParserTest, OptionValueMayLookLikeAnOption) {
    auto r = parse("domstate --domain --reason");
    ASSERT_TRUE(r);
    EXPECT_EQ(*(*r)[0].raw("domain"), "--reason");
    EXPECT_FALSE((*r)[0].has("reason"));
}

TEST_F(ParserTest, NamedOnlyOptionsAreNotPositional) {
    EXPECT_EQ(error("vol-info v p"), "unexpected data 'p'");
    auto r = parse("vol-info v --pool p");
    ASSERT_TRUE(r);
    EXPECT_EQ(*(*r)[0].raw("pool"), "p");
}

TEST_F(ParserTest, Aliases) {
    auto r = parse("setmem test --kilobytes 10");
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(*(*r)[0].raw("size"), "10");
    r = parse("vol-info v --shareable");
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(*(*r)[0].raw("mode"), "shareable");
    EXPECT_EQ(error("vol-info v --shareable=x"), "invalid '=' after option --shareable");
    EXPECT_EQ(error("setmem test 1 --kilobytes 2"), "option --size already seen");
}

TEST_F(ParserTest, ArgvCollectsTheRest) {
    auto r = parse("echo a --shell b -- --c");
    ASSERT_TRUE(r) << r.error();
    EXPECT_THAT((*r)[0].all("string"), ElementsAre("a", "b", "--c"));
    EXPECT_TRUE((*r)[0].has("shell"));
    r = parse("echo --string x --string y z");
    ASSERT_TRUE(r) << r.error();
    EXPECT_THAT((*r)[0].all("string"), ElementsAre("x", "y", "z"));
}

TEST_F(ParserTest, EmptyCommandsAreSkipped) {
    auto r = parse(" ; domstate test;;  domstate test ; ");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->size(), 2u);
    r = parse("");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->empty());
}

TEST_F(ParserTest, DashDashHelpBecomesHelpCommand) {
    auto r = parse("domstate --help");
    ASSERT_TRUE(r) << r.error();
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0].name(), "help");
    EXPECT_EQ(*(*r)[0].raw("command"), "domstate");
}

TEST_F(ParserTest, HelpIgnoresUnknownOptionsAndExtraWords) {
    auto r = parse("help domstate extra --bogus");
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(*(*r)[0].raw("command"), "domstate");
}

TEST_F(ParserTest, NonOptionDashWordsAreData) {
    auto r = parse("domstate -x");
    ASSERT_TRUE(r);
    EXPECT_EQ(*(*r)[0].raw("domain"), "-x");
    r = parse("domstate --=x");
    ASSERT_TRUE(r);
    EXPECT_EQ(*(*r)[0].raw("domain"), "--=x");
}

TEST_F(ParserTest, ArgvModeDoesNotSplitOnSemicolon) {
    ArgvTokenizer t({"domstate", "test", ";"});
    auto r = parseCommands(reg_, t);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), "unexpected data ';'");
}

}  // namespace
}  // namespace nodevirt::cli
