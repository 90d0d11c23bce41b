#include "conf/common/mac_address.h"

#include <gtest/gtest.h>

namespace nodevirt::conf {
namespace {

TEST(MacAddressTest, ParseAndFormat) {
    auto m = MacAddress::parse("AA:bb:cc:dd:ee:ff");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->toString(), "aa:bb:cc:dd:ee:ff");
    EXPECT_EQ(MacAddress::parse("0:1:2:3:4:5")->toString(), "00:01:02:03:04:05");
    EXPECT_FALSE(MacAddress::parse("aa:bb:cc:dd:ee"));
    EXPECT_FALSE(MacAddress::parse("aa:bb:cc:dd:ee:ff:00"));
    EXPECT_FALSE(MacAddress::parse("aa:bb:cc:dd:ee:fg"));
    EXPECT_TRUE(MacAddress::parse("01:00:00:00:00:00")->isMulticast());
}

TEST(MacAddressTest, GenerateUsesPrefix) {
    auto m = MacAddress::generate();
    EXPECT_EQ(m.bytes()[0], 0x52);
    EXPECT_EQ(m.bytes()[1], 0x54);
    EXPECT_EQ(m.bytes()[2], 0x00);
    EXPECT_FALSE(m.isMulticast());
}

}  // namespace
}  // namespace nodevirt::conf
