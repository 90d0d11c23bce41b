#include "cli/line_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace nodevirt::cli {
namespace {

TEST(StreamLineReaderTest, EchoesPromptAndLine) {
    std::istringstream in("uri\nlist --all\n");
    std::ostringstream out;
    StreamLineReader r(in, out);
    EXPECT_EQ(r.readLine("p # "), "uri");
    EXPECT_EQ(r.readLine("p # "), "list --all");
    EXPECT_FALSE(r.readLine("p # "));
    EXPECT_EQ(out.str(), "p # uri\np # list --all\np # ");
}

LineEditor::Action feedAll(LineEditor& e, std::string_view keys) {
    LineEditor::Action last = LineEditor::Action::kNone;
    for (char c : keys) last = e.feed(c);
    return last;
}

TEST(LineEditorTest, InsertMoveAndDelete) {
    std::vector<std::string> history;
    LineEditor e(history);
    feedAll(e, "lst");
    feedAll(e, "\x1b[D\x1b[D");  // left twice
    feedAll(e, "i");
    EXPECT_EQ(e.text(), "list");
    EXPECT_EQ(e.cursor(), 2u);
    feedAll(e, "\x05\x7f");  // end, backspace
    EXPECT_EQ(e.text(), "lis");
    feedAll(e, "\x01\x0b");  // home, kill to end
    EXPECT_EQ(e.text(), "");
    EXPECT_EQ(feedAll(e, "\x7f"), LineEditor::Action::kBell);
    feedAll(e, "dom info");
    feedAll(e, "\x17");  // delete word
    EXPECT_EQ(e.text(), "dom ");
    EXPECT_EQ(e.feed('\r'), LineEditor::Action::kAccept);
}

TEST(LineEditorTest, CtrlDEndsOnlyAnEmptyLine) {
    std::vector<std::string> history;
    LineEditor e(history);
    EXPECT_EQ(e.feed(0x04), LineEditor::Action::kEof);
    feedAll(e, "ab\x01");
    EXPECT_EQ(e.feed(0x04), LineEditor::Action::kRedraw);
    EXPECT_EQ(e.text(), "b");
}

TEST(LineEditorTest, HistoryBrowsing) {
    std::vector<std::string> history{"first", "second"};
    LineEditor e(history);
    feedAll(e, "new");
    feedAll(e, "\x1b[A");
    EXPECT_EQ(e.text(), "second");
    feedAll(e, "\x1b[A");
    EXPECT_EQ(e.text(), "first");
    EXPECT_EQ(feedAll(e, "\x1b[A"), LineEditor::Action::kBell);
    feedAll(e, "\x1b[B\x1b[B");
    EXPECT_EQ(e.text(), "new");
}

TEST(LineEditorTest, DeleteKeySequence) {
    std::vector<std::string> history;
    LineEditor e(history);
    feedAll(e, "abc\x01\x1b[3~");
    EXPECT_EQ(e.text(), "bc");
}

}  // namespace
}  // namespace nodevirt::cli
