#include "conf/domain/cpu_set.h"

#include <gtest/gtest.h>

namespace nodevirt::conf {
namespace {

std::string canon(std::string_view text) {
    auto s = CpuSet::parse(text);
    return s ? s->toString() : "<invalid>";
}

TEST(CpuSetTest, CanonicalFormMatchesLibvirt) {
    // Each pair was checked against libvirt 9.0's <vcpu cpuset=…> output.
    EXPECT_EQ(canon("0-3,^2"), "0-1,3");
    EXPECT_EQ(canon("3,1,2,7-9,^8"), "1-3,7,9");
    EXPECT_EQ(canon("1,2,3,5,6,7,9"), "1-3,5-7,9");
    EXPECT_EQ(canon(" 1 , 2 "), "1-2");
    EXPECT_EQ(canon("1-1"), "1");
    EXPECT_EQ(canon("1,"), "1");
    EXPECT_EQ(canon("^1,1"), "1");
    EXPECT_EQ(canon("0-5,^3,^3"), "0-2,4-5");
    EXPECT_EQ(canon("1 -2"), "1-2");
    EXPECT_EQ(canon("01"), "1");
    EXPECT_EQ(canon("16383"), "16383");
}

TEST(CpuSetTest, RejectsWhatLibvirtRejects) {
    for (const char* bad : {"", "3-1", ",1", "1,,2", "1-3,^1-2", "a", " ^ 1,2", "1-2-3", "0x1",
                            "16384", "4294967295", "99999999999999999999"})
        EXPECT_FALSE(CpuSet::parse(bad)) << bad;
}

TEST(CpuSetTest, AllExcludedIsEmpty) {
    auto s = CpuSet::parse("^1");
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->empty());
    EXPECT_EQ(s->toString(), "");
}

TEST(CpuSetTest, Queries) {
    auto s = CpuSet::parse("0-3,8");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->count(), 5U);
    EXPECT_TRUE(s->contains(2));
    EXPECT_FALSE(s->contains(4));
    EXPECT_EQ(s->last(), 8U);
    EXPECT_EQ(CpuSet::range(2, 4).toString(), "2-4");
    EXPECT_TRUE(CpuSet::range(4, 2).empty());
    EXPECT_EQ(*CpuSet::parse("0-1"), CpuSet::range(0, 1));
}

}  // namespace
}  // namespace nodevirt::conf
