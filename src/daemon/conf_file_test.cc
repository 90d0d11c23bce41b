#include "daemon/conf_file.h"

#include <gtest/gtest.h>

namespace nodevirt::daemon {
namespace {

TEST(ConfFileTest, ParsesLibvirtdSyntax) {
    auto conf = parseConf(
        "# comment\n"
        "max_clients = 20   # trailing comment\n"
        "unix_sock_dir = \"/tmp/x\"\n"
        "log_outputs='3:stderr'\n"
        "access_drivers = [ \"polkit\",\n"
        "   'nop' ]\n"
        "keepalive_interval = -1\n",
        "t.conf");
    ASSERT_TRUE(conf.has_value()) << conf.error().message;
    ASSERT_EQ(conf->entries.size(), 5u);
    EXPECT_EQ(conf->entries[0].key, "max_clients");
    EXPECT_EQ(conf->entries[0].value.number, 20);
    EXPECT_EQ(conf->entries[0].line, 2);
    EXPECT_EQ(conf->entries[1].value.kind, ConfValue::Kind::kString);
    EXPECT_EQ(conf->entries[1].value.text, "/tmp/x");
    EXPECT_EQ(conf->entries[2].value.text, "3:stderr");
    EXPECT_EQ(conf->entries[3].value.list, (std::vector<std::string>{"polkit", "nop"}));
    EXPECT_EQ(conf->entries[4].value.number, -1);
    EXPECT_EQ(conf->entries[4].line, 7);
}

TEST(ConfFileTest, ErrorsNameFileAndLine) {
    auto missing_eq = parseConf("a = 1\nb 2\n", "f.conf");
    ASSERT_FALSE(missing_eq.has_value());
    EXPECT_NE(missing_eq.error().message.find("f.conf:2"), std::string::npos)
        << missing_eq.error().message;
    auto unterminated = parseConf("x = \"abc\n", "f.conf");
    ASSERT_FALSE(unterminated.has_value());
    EXPECT_NE(unterminated.error().message.find("unterminated string"), std::string::npos);
    auto junk = parseConf("x = 12abc\n", "f.conf");
    ASSERT_FALSE(junk.has_value());
    EXPECT_NE(junk.error().message.find("12abc"), std::string::npos);
    EXPECT_FALSE(parseConf("x = [ \"a\" \"b\" ]\n", "f").has_value());
    EXPECT_FALSE(parseConf("x = [ 1 ]\n", "f").has_value());
    EXPECT_FALSE(parseConf("x = 1 2\n", "f").has_value());
    EXPECT_FALSE(parseConf("x =\n", "f").has_value());
    EXPECT_FALSE(parseConf("= 3\n", "f").has_value());
    EXPECT_FALSE(parseConf("l = [ \"a\",\n", "f").has_value());
}

TEST(ConfFileTest, EmptyAndCommentOnly) {
    auto conf = parseConf("\n# nothing\n\n", "f");
    ASSERT_TRUE(conf.has_value());
    EXPECT_TRUE(conf->entries.empty());
    EXPECT_FALSE(loadConf("/nonexistent/nodevirtd.conf").has_value());
}

}  // namespace
}  // namespace nodevirt::daemon
