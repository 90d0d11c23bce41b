#include "cli/numbers.h"

#include <gtest/gtest.h>

namespace nodevirt::cli {
namespace {

TEST(NumbersTest, Int) {
    EXPECT_EQ(parseInt("42"), 42);
    EXPECT_EQ(parseInt(" -7"), -7);
    EXPECT_EQ(parseInt("+7"), 7);
    EXPECT_EQ(parseInt("2147483647"), 2147483647);
    EXPECT_EQ(parseInt("-2147483648"), -2147483647 - 1);
    EXPECT_FALSE(parseInt("2147483648"));
    EXPECT_FALSE(parseInt(""));
    EXPECT_FALSE(parseInt("1 "));
    EXPECT_FALSE(parseInt("0x10"));
    EXPECT_FALSE(parseInt("-"));
}

TEST(NumbersTest, Llong) {
    EXPECT_EQ(parseLlong("-9223372036854775808"), INT64_MIN);
    EXPECT_EQ(parseLlong("9223372036854775807"), INT64_MAX);
    EXPECT_FALSE(parseLlong("9223372036854775808"));
    EXPECT_EQ(parseLlong("-1"), -1);
    EXPECT_FALSE(parseLlong("1x"));
}

TEST(NumbersTest, Unsigned) {
    EXPECT_EQ(parseUlong("18446744073709551615"), UINT64_MAX);
    EXPECT_FALSE(parseUlong("18446744073709551616"));
    EXPECT_FALSE(parseUlong("-1"));
    EXPECT_EQ(parseUint("0"), 0u);
}

TEST(NumbersTest, Prefix) {
    auto n = parseNumberPrefix("10GiB");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->value, 10u);
    EXPECT_EQ(n->suffix, "GiB");
    EXPECT_FALSE(parseNumberPrefix("G"));
    EXPECT_FALSE(parseNumberPrefix("-5"));
}

TEST(NumbersTest, Scale) {
    EXPECT_EQ(scaleInteger(1, "", 1024, UINT64_MAX).bytes, 1024u);
    EXPECT_EQ(scaleInteger(1, "k", 1, UINT64_MAX).bytes, 1024u);
    EXPECT_EQ(scaleInteger(1, "KiB", 1, UINT64_MAX).bytes, 1024u);
    EXPECT_EQ(scaleInteger(1, "KB", 1, UINT64_MAX).bytes, 1000u);
    EXPECT_EQ(scaleInteger(3, "G", 1, UINT64_MAX).bytes, 3ull << 30);
    EXPECT_EQ(scaleInteger(2, "e", 1, UINT64_MAX).bytes, 2ull << 60);
    EXPECT_EQ(scaleInteger(7, "bytes", 1024, UINT64_MAX).bytes, 7u);
    auto bad = scaleInteger(1, "X", 1, UINT64_MAX);
    EXPECT_FALSE(bad.bytes);
    ASSERT_TRUE(bad.error);
    EXPECT_EQ(bad.error->message, "invalid argument: unknown suffix 'X'");
    EXPECT_FALSE(scaleInteger(1, "KiBx", 1, UINT64_MAX).bytes);
    auto big = scaleInteger(16, "E", 1, UINT64_MAX);
    ASSERT_TRUE(big.error);
    EXPECT_EQ(big.error->message, "numerical overflow: value too large: 16E");
    EXPECT_EQ(scaleInteger(0, "E", 1, 10).bytes, 0u);
}

}  // namespace
}  // namespace nodevirt::cli
