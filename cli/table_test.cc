#include "cli/table.h"

#include <gtest/gtest.h>

namespace nodevirt::cli {
namespace {

TEST(TableTest, MatchesVirshLayout) {
    Table t({"Id", "Name", "State"});
    t.addRow({"1", "test", "running"});
    EXPECT_EQ(t.render(),
              " Id   Name   State\n"
              "----------------------\n"
              " 1    test   running\n");
}

TEST(TableTest, LastCellIsNotPadded) {
    Table t({"Id", "Name", "State", "Title"});
    t.addRow({"1", "test", "running", ""});
    t.addRow({"-", "a-long-name", "shut off", "Long one"});
    EXPECT_EQ(t.render(),
              " Id   Name          State      Title\n"
              "-----------------------------------------\n"
              " 1    test          running    \n"
              " -    a-long-name   shut off   Long one\n");
}

TEST(TableTest, EmptyTableAndQuiet) {
    Table t({"Name", "Path", "Type", "Capacity", "Allocation"});
    EXPECT_EQ(t.render(),
              " Name   Path   Type   Capacity   Allocation\n"
              "---------------------------------------------\n");
    t.addRow({"a", "b", "c", "d", "e"});
    EXPECT_EQ(t.render(false), " a   b   c   d   e\n");  // rows alone size the columns
}

TEST(TableTest, WidthCountsTerminalColumns) {
    EXPECT_EQ(displayWidth("abc"), 3u);
    EXPECT_EQ(displayWidth("\xc3\xa9t\xc3\xa9"), 3u);     // été
    EXPECT_EQ(displayWidth("\xe6\x97\xa5\xe6\x9c\xac"), 4u);  // 日本
    EXPECT_EQ(displayWidth("e\xcc\x81"), 1u);             // e + combining acute
    EXPECT_EQ(displayWidth("\xff"), 1u);                  // invalid byte
    Table t({"N"});
    t.addRow({"\xe6\x97\xa5"});
    EXPECT_EQ(t.render(), " N\n-----\n \xe6\x97\xa5\n");
}

}  // namespace
}  // namespace nodevirt::cli
