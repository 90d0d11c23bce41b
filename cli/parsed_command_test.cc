#include "cli/parsed_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/context.h"
#include "cli/registry.h"

namespace nodevirt::cli {
namespace {

class ParsedCommandTest : public ::testing::Test {
protected:
    ParsedCommandTest() : ctx_(out_, err_, reg_) {
        def_.name = "x";
        def_.options = {{"name", OptionType::kString, 0, ""},
                        {"opt", OptionType::kString, kOptEmptyOk, ""},
                        {"count", OptionType::kInt, 0, ""},
                        {"size", OptionType::kInt, 0, ""}};
    }
    ParsedCommand with(size_t index, std::string value) {
        ParsedCommand cmd(&def_);
        cmd.add(index, std::move(value));
        return cmd;
    }

    std::ostringstream out_, err_;
    CommandRegistry reg_;
    Context ctx_;
    CommandDef def_;
};

TEST_F(ParsedCommandTest, StringsRejectEmptyUnlessAllowed) {
    std::optional<std::string> v;
    EXPECT_TRUE(ParsedCommand(&def_).getString(ctx_, "name", v));
    EXPECT_FALSE(v);
    EXPECT_FALSE(with(0, "").getString(ctx_, "name", v));
    EXPECT_EQ(err_.str(), "error: Failed to get option 'name': Option argument is empty\n");
    EXPECT_TRUE(with(1, "").getString(ctx_, "opt", v));
    EXPECT_EQ(v, "");
}

TEST_F(ParsedCommandTest, Integers) {
    std::optional<int> i;
    EXPECT_TRUE(with(2, "-12").getInt(ctx_, "count", i));
    EXPECT_EQ(i, -12);
    EXPECT_FALSE(with(2, "12x").getInt(ctx_, "count", i));
    EXPECT_EQ(err_.str(), "error: Numeric value '12x' for <count> option is malformed or out of range\n");
    std::optional<unsigned> u;
    EXPECT_FALSE(with(2, "-1").getUint(ctx_, "count", u));
    EXPECT_TRUE(with(2, "4294967295").getUint(ctx_, "count", u));
    EXPECT_EQ(u, 4294967295u);
    EXPECT_FALSE(with(2, "4294967296").getUint(ctx_, "count", u));
}

TEST_F(ParsedCommandTest, ScaledValuesAndTheirErrors) {
    std::optional<uint64_t> v;
    EXPECT_TRUE(with(3, "512M").getScaled(ctx_, "size", 1024, UINT64_MAX, v));
    EXPECT_EQ(v, 512ull << 20);
    EXPECT_TRUE(with(3, "1024").getScaled(ctx_, "size", 1024, UINT64_MAX, v));
    EXPECT_EQ(v, 1024ull * 1024);
    EXPECT_FALSE(with(3, "abc").getScaled(ctx_, "size", 1024, UINT64_MAX, v));
    EXPECT_FALSE(ctx_.lastError());
    EXPECT_FALSE(with(3, "10X").getScaled(ctx_, "size", 1024, UINT64_MAX, v));
    ASSERT_TRUE(ctx_.lastError());
    EXPECT_EQ(ctx_.lastError()->message, "invalid argument: unknown suffix 'X'");
    EXPECT_EQ(err_.str(),
              "error: Scaled numeric value 'abc' for <size> option is malformed or out of range\n"
              "error: Scaled numeric value '10X' for <size> option is malformed or out of range\n");
}

}  // namespace
}  // namespace nodevirt::cli
