#include "conf/domain/devices.h"

#include <gtest/gtest.h>

namespace nodevirt::conf {
namespace {

DiskDef disk(const std::string& dst, std::optional<DiskBus> bus = std::nullopt) {
    DiskDef d;
    d.dst = dst;
    d.bus = bus;
    return d;
}

std::string order(const std::vector<DiskDef>& disks) {
    std::string out;
    for (const auto& d : disks) out += d.dst + " ";
    return out;
}

TEST(DiskNameIndexTest, LettersAreBase26) {
    EXPECT_EQ(diskNameToIndex("sda"), 0);
    EXPECT_EQ(diskNameToIndex("vdb"), 1);
    EXPECT_EQ(diskNameToIndex("hdz"), 25);
    EXPECT_EQ(diskNameToIndex("sdaa"), 26);
    EXPECT_EQ(diskNameToIndex("sdab"), 27);
    EXPECT_EQ(diskNameToIndex("xvdc"), 2);
    EXPECT_EQ(diskNameToIndex("ubda"), 0);
    EXPECT_EQ(diskNameToIndex("fdb"), 1);
    EXPECT_EQ(diskNameToIndex("hdz1"), 25);  // partition numbers are ignored
    EXPECT_EQ(diskNameToIndex("xyz"), -1);
    EXPECT_EQ(diskNameToIndex("sd"), -1);
    EXPECT_EQ(diskNameToIndex("sda-1"), -1);
    EXPECT_EQ(diskNameToIndex("sdaaaaaaaaaaaaaaaaaaaaa"), -1);
    EXPECT_EQ(diskBusFromName("hdc"), DiskBus::kIde);
    EXPECT_EQ(diskBusFromName("xvda"), DiskBus::kXen);
    EXPECT_EQ(diskBusFromName("mmcblk0"), std::nullopt);
}

TEST(InsertDiskTest, MatchesLibvirtOrdering) {
    // Each order below is what libvirt 9.0 printed after defining disks in input order.
    std::vector<DiskDef> disks;
    for (const char* n : {"vdb", "sdz", "hda", "vda"}) insertDisk(disks, disk(n));
    EXPECT_EQ(order(disks), "hda vda vdb sdz ");

    disks.clear();
    insertDisk(disks, disk("sdb", DiskBus::kScsi));
    insertDisk(disks, disk("sda", DiskBus::kScsi));
    insertDisk(disks, disk("hda"));
    insertDisk(disks, disk("vda"));
    EXPECT_EQ(order(disks), "sda sdb hda vda ");

    disks.clear();
    insertDisk(disks, disk("vda", DiskBus::kVirtio));
    insertDisk(disks, disk("vdb", DiskBus::kVirtio));
    insertDisk(disks, disk("sdc", DiskBus::kScsi));
    insertDisk(disks, disk("sdd"));
    insertDisk(disks, disk("fda"));
    insertDisk(disks, disk("sde", DiskBus::kScsi));
    insertDisk(disks, disk("sdf", DiskBus::kUsb));
    EXPECT_EQ(order(disks), "vda vdb sdc sde fda sdd sdf ");
}

TEST(InsertControllerTest, UnsetIndexGoesAfterItsType) {
    auto ctrl = [](ControllerType t, int32_t idx) {
        ControllerDef c;
        c.type = t;
        c.index = idx;
        return c;
    };
    std::vector<ControllerDef> list;
    insertController(list, ctrl(ControllerType::kUsb, 2));
    insertController(list, ctrl(ControllerType::kUsb, ControllerDef::kIndexUnset));
    insertController(list, ctrl(ControllerType::kUsb, 1));
    insertController(list, ctrl(ControllerType::kIde, 1));
    insertController(list, ctrl(ControllerType::kIde, 0));
    ASSERT_EQ(list.size(), 5U);
    EXPECT_EQ(list[0].index, 1);
    EXPECT_EQ(list[1].index, 2);
    EXPECT_EQ(list[2].index, ControllerDef::kIndexUnset);
    EXPECT_EQ(list[3].type, ControllerType::kIde);
    EXPECT_EQ(list[3].index, 0);
    EXPECT_EQ(list[4].index, 1);
}

}  // namespace
}  // namespace nodevirt::conf
