#include "util/uuid.h"

#include <gtest/gtest.h>

namespace nodevirt {
namespace {

TEST(UuidTest, RoundTrip) {
    auto u = Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->toString(), "6695eb01-f6a4-8304-79aa-97f2502e193f");
    EXPECT_EQ(u->bytes()[0], 0x66);
}

TEST(UuidTest, AcceptsLooseForms) {
    auto a = Uuid::parse("6695EB01F6A4830479AA97F2502E193F");
    auto b = Uuid::parse("  6695eb01-f6a4-8304-79aa-97f2502e193f\n");
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(*a, *b);
}

TEST(UuidTest, RejectsBadInput) {
    EXPECT_FALSE(Uuid::parse(""));
    EXPECT_FALSE(Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193"));
    EXPECT_FALSE(Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f0"));
    EXPECT_FALSE(Uuid::parse("zz95eb01-f6a4-8304-79aa-97f2502e193f"));
}

TEST(UuidTest, GenerateIsVersion4AndDistinct) {
    Uuid a = Uuid::generate();
    Uuid b = Uuid::generate();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.bytes()[6] >> 4, 4);
    EXPECT_FALSE(a.isNull());
}

}  // namespace
}  // namespace nodevirt
