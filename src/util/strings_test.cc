#include "util/strings.h"

#include <gtest/gtest.h>

namespace nodevirt::str {
namespace {

TEST(StringsTest, ParseStrict) {
    EXPECT_EQ(parseInt("42"), 42);
    EXPECT_EQ(parseInt("-7"), -7);
    EXPECT_FALSE(parseInt("42x"));
    EXPECT_FALSE(parseInt(""));
    EXPECT_FALSE(parseInt("99999999999"));
    EXPECT_FALSE(parseUint64("-1"));
    EXPECT_EQ(parseUint64("18446744073709551615"), 18446744073709551615ull);
    EXPECT_FALSE(parseUint64("18446744073709551616"));
    EXPECT_EQ(parseUint("0x10", 0), 16u);
}

TEST(StringsTest, Units) {
    EXPECT_EQ(unitScale("KiB", 1), 1024u);
    EXPECT_EQ(unitScale("k", 1), 1024u);
    EXPECT_EQ(unitScale("KB", 1), 1000u);
    EXPECT_EQ(unitScale("MiB", 1), 1048576u);
    EXPECT_EQ(unitScale("bytes", 1), 1u);
    EXPECT_EQ(unitScale("", 1024), 1024u);
    EXPECT_FALSE(unitScale("parsecs", 1));
    EXPECT_EQ(scaleToUnit(1, "GiB", 1024, 1024), 1048576u);
    EXPECT_EQ(scaleToUnit(1000, "b", 1024, 1024), 1u);  // rounds up
    EXPECT_FALSE(scaleToUnit(1ull << 62, "EiB", 1024, 1024));
}

TEST(StringsTest, SplitJoinTrim) {
    auto parts = split("a,b,,c", ',');
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[2], "");
    EXPECT_EQ(join(parts, "-"), "a-b--c");
    EXPECT_EQ(trim("  x y \n"), "x y");
}

}  // namespace
}  // namespace nodevirt::str
