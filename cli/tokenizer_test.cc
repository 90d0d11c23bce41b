#include "cli/tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace nodevirt::cli {
namespace {

using ::testing::ElementsAre;

// Splits into commands (lists of words); an error is returned as {{"ERROR", message}}.
std::vector<std::vector<std::string>> split(std::string_view line) {
    StringTokenizer t(line);
    std::vector<std::vector<std::string>> out(1);
    for (int guard = 0; guard < 1000; ++guard) {
        Token tok = t.next();
        if (tok.kind == TokenKind::kError) return {{"ERROR", tok.text}};
        if (tok.kind == TokenKind::kEnd) break;
        if (tok.kind == TokenKind::kCommandEnd) {
            out.emplace_back();
            continue;
        }
        out.back().push_back(tok.text);
    }
    std::erase_if(out, [](const auto& v) { return v.empty(); });
    return out;
}

using Cmds = std::vector<std::vector<std::string>>;

TEST(TokenizerTest, SplitsWordsAndCommands) {
    EXPECT_EQ(split("domid test; domid  test ;;domid\ttest"),
              (Cmds{{"domid", "test"}, {"domid", "test"}, {"domid", "test"}}));
    EXPECT_EQ(split("a\nb c"), (Cmds{{"a"}, {"b", "c"}}));
    EXPECT_TRUE(split("   ").empty());
}

TEST(TokenizerTest, QuotesProtectBlanksAndSemicolons) {
    EXPECT_EQ(split("echo 'a b;c' \"d e\""), (Cmds{{"echo", "a b;c", "d e"}}));
    EXPECT_EQ(split("domstate te\"st\""), (Cmds{{"domstate", "test"}}));
    EXPECT_EQ(split("echo 'it''s'"), (Cmds{{"echo", "its"}}));
    EXPECT_EQ(split("echo \"it's\""), (Cmds{{"echo", "it's"}}));
    EXPECT_EQ(split("echo ''"), (Cmds{{"echo", ""}}));
}

TEST(TokenizerTest, BackslashEscapesOutsideSingleQuotes) {
    EXPECT_EQ(split("echo a\\ b e\\;f"), (Cmds{{"echo", "a b", "e;f"}}));
    EXPECT_EQ(split("echo \"a\\\"b\""), (Cmds{{"echo", "a\"b"}}));
    EXPECT_EQ(split("echo 'a\\b'"), (Cmds{{"echo", "a\\b"}}));
    EXPECT_EQ(split("echo a\\\nb"), (Cmds{{"echo", "ab"}}));
}

TEST(TokenizerTest, CommentsRunToEndOfLine) {
    EXPECT_EQ(split("echo a # comment; echo b\necho c"), (Cmds{{"echo", "a"}, {"echo", "c"}}));
    EXPECT_EQ(split("echo a#b"), (Cmds{{"echo", "a#b"}}));
}

TEST(TokenizerTest, ReportsBadQuoting) {
    EXPECT_EQ(split("echo \"abc"), (Cmds{{"ERROR", "missing \""}}));
    EXPECT_EQ(split("echo abc\\"), (Cmds{{"ERROR", "dangling \\"}}));
    // An unterminated single quote runs to the end of the line.
    EXPECT_EQ(split("echo 'abc"), (Cmds{{"echo", "abc"}}));
}

TEST(TokenizerTest, ArgvWordsAreVerbatim) {
    ArgvTokenizer t({"echo", "a;b", "'c'"});
    std::vector<std::string> words;
    for (Token tok = t.next(); tok.kind == TokenKind::kArg; tok = t.next()) words.push_back(tok.text);
    EXPECT_THAT(words, ElementsAre("echo", "a;b", "'c'"));
    EXPECT_EQ(t.next().kind, TokenKind::kEnd);
}

}  // namespace
}  // namespace nodevirt::cli
