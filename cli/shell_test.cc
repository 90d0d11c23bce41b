#include "cli/shell.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/command_util.h"
#include "cli/json_output.h"
#include "cli/line_reader.h"
#include "cli/registry.h"

namespace nodevirt::cli {
namespace {

bool say(Context& ctx, const ParsedCommand& cmd) {
    ctx.print(*cmd.raw("text") + "\n");
    return true;
}

bool fail(Context& ctx, const ParsedCommand&) {
    return failWith(ctx, Error::make(ErrorCode::kInternalError, ErrorDomain::kNone, "boom"),
                    "Failed to do it");
}

bool quit(Context& ctx, const ParsedCommand&) {
    ctx.exitRequested() = true;
    return true;
}

bool json(Context& ctx, const ParsedCommand& cmd) {
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"a", 1}});
    } else {
        ctx.print("a: 1\n");
    }
    return true;
}

class ShellTest : public ::testing::Test {
protected:
    ShellTest() : ctx_(out_, err_, reg_), shell_(ctx_) {
        reg_.add({"say", CommandGroup::kShell, "", "", {dataOpt("text", "")}, say, kCmdNoConnect});
        reg_.add({"fail", CommandGroup::kShell, "", "", {}, fail, kCmdNoConnect});
        reg_.add({"quit", CommandGroup::kShell, "", "", {}, quit, kCmdNoConnect});
        reg_.add({"info", CommandGroup::kShell, "", "", {jsonOption()}, json, kCmdNoConnect});
    }

    std::ostringstream out_, err_;
    CommandRegistry reg_;
    Context ctx_;
    Shell shell_;
};

TEST_F(ShellTest, BlankLineAfterEveryCommand) {
    EXPECT_TRUE(shell_.runString("say a; say b"));
    EXPECT_EQ(out_.str(), "a\n\nb\n\n");
    EXPECT_EQ(err_.str(), "");
}

TEST_F(ShellTest, ParseErrorRunsNothing) {
    EXPECT_FALSE(shell_.runString("say a; bogus; say b"));
    EXPECT_EQ(out_.str(), "");
    EXPECT_EQ(err_.str(), "error: unknown command: 'bogus'\n");
}

TEST_F(ShellTest, FailureReportsBothLinesAndTheLineGoesOn) {
    EXPECT_TRUE(shell_.runString("fail; say ok"));
    EXPECT_EQ(out_.str(), "\nok\n\n");
    EXPECT_EQ(err_.str(), "error: Failed to do it\nerror: internal error: boom\n");
}

TEST_F(ShellTest, LastCommandDecides) {
    EXPECT_FALSE(shell_.runString("say ok; fail"));
    EXPECT_TRUE(shell_.runString("fail; say ok"));
    EXPECT_TRUE(shell_.runString(""));
}

TEST_F(ShellTest, QuitStopsTheLine) {
    EXPECT_TRUE(shell_.runString("say a; quit; say b"));
    EXPECT_EQ(out_.str(), "a\n\n");
}

TEST_F(ShellTest, QuietDropsTheBlankLines) {
    ctx_.flags().quiet = true;
    EXPECT_TRUE(shell_.runString("say a; fail; say b"));
    EXPECT_EQ(out_.str(), "a\nb\n");
}

TEST_F(ShellTest, JsonOutputHasNoTrailingBlankLine) {
    EXPECT_TRUE(shell_.runString("info --json; info"));
    EXPECT_EQ(out_.str(), "{\n  \"a\": 1\n}\na: 1\n\n");
}

TEST_F(ShellTest, ArgvWordsFormOneCommand) {
    EXPECT_TRUE(shell_.runArgv({"say", "a;b"}));
    EXPECT_EQ(out_.str(), "a;b\n\n");
}

TEST_F(ShellTest, InteractiveLoopRunsLinesUntilQuit) {
    std::istringstream in("say one\nbogus\nquit\nsay never\n");
    std::ostringstream echo;
    StreamLineReader reader(in, echo);
    EXPECT_EQ(shell_.runInteractive(reader), 0);
    EXPECT_EQ(echo.str(), "nodevirt # say one\nnodevirt # bogus\nnodevirt # quit\n");
    EXPECT_EQ(out_.str(), std::string(welcomeBanner()) + "one\n\n\n");
    EXPECT_EQ(err_.str(), "error: unknown command: 'bogus'\n");
}

}  // namespace
}  // namespace nodevirt::cli
