#include "core/snapshot_tree.h"

#include <gtest/gtest.h>

#include "driver/libvirt_constants.h"

namespace nodevirt::core {
namespace {

using Names = std::vector<std::string>;

Names names(const std::vector<const SnapshotTree::Node*>& nodes) {
    Names out;
    for (const auto* n : nodes) out.push_back(n->name);
    return out;
}

// s1 -> s2 -> s3, s1 -> s4 (shut off), s5 root (disk-only, external)
SnapshotTree sample() {
    SnapshotTree t;
    t.add({"s1", "", 1, false, 1, nullptr});
    t.add({"s2", "s1", 1, false, 2, nullptr});
    t.add({"s3", "s2", 3, false, 3, nullptr});
    t.add({"s4", "s1", 5, false, 4, nullptr});
    t.add({"s5", "", kSnapshotStateDiskSnapshot, true, 5, nullptr});
    t.setCurrent("s3");
    return t;
}

TEST(SnapshotTreeTest, ChildrenDescendantsRoots) {
    SnapshotTree t = sample();
    EXPECT_EQ(names(t.children("s1")), (Names{"s2", "s4"}));
    EXPECT_EQ(t.countDescendants("s1"), 3u);
    EXPECT_EQ(names(t.list(0, std::nullopt)), (Names{"s1", "s2", "s3", "s4", "s5"}));
    EXPECT_EQ(names(t.list(lv::kDomainSnapshotListRoots, std::nullopt)), (Names{"s1", "s5"}));
    EXPECT_EQ(names(t.list(0, std::string("s1"))), (Names{"s2", "s4"}));
    auto desc = names(t.list(lv::kDomainSnapshotListDescendants, std::string("s1")));
    std::sort(desc.begin(), desc.end());
    EXPECT_EQ(desc, (Names{"s2", "s3", "s4"}));
    EXPECT_EQ(t.currentNode()->name, "s3");
}

TEST(SnapshotTreeTest, Filters) {
    using namespace lv;
    SnapshotTree t = sample();
    EXPECT_EQ(names(t.list(kDomainSnapshotListLeaves, std::nullopt)), (Names{"s3", "s4", "s5"}));
    EXPECT_EQ(names(t.list(kDomainSnapshotListNoLeaves, std::nullopt)), (Names{"s1", "s2"}));
    EXPECT_EQ(t.list(kDomainSnapshotListLeaves | kDomainSnapshotListNoLeaves, std::nullopt).size(),
              5u);
    EXPECT_EQ(names(t.list(kDomainSnapshotListInactive, std::nullopt)), (Names{"s4"}));
    EXPECT_EQ(names(t.list(kDomainSnapshotListDiskOnly, std::nullopt)), (Names{"s5"}));
    EXPECT_EQ(names(t.list(kDomainSnapshotListActive, std::nullopt)), (Names{"s1", "s2", "s3"}));
    EXPECT_EQ(names(t.list(kDomainSnapshotListExternal, std::nullopt)), (Names{"s5"}));
    EXPECT_EQ(t.list(kDomainSnapshotListInternal, std::nullopt).size(), 4u);
    EXPECT_TRUE(t.list(kDomainSnapshotListNoMetadata, std::nullopt).empty());
    EXPECT_EQ(t.list(kDomainSnapshotListMetadata, std::nullopt).size(), 5u);
}

TEST(SnapshotTreeTest, TopologicalPutsParentsFirst) {
    SnapshotTree t;
    // Redefinition may add a child before its parent.
    t.add({"child", "root", 1, false, 2, nullptr});
    t.add({"root", "", 1, false, 1, nullptr});
    EXPECT_EQ(names(t.list(lv::kDomainSnapshotListTopological, std::nullopt)),
              (Names{"root", "child"}));
}

TEST(SnapshotTreeTest, RemoveOneReparentsChildren) {
    SnapshotTree t = sample();
    t.removeOne("s2");
    EXPECT_EQ(t.find("s3")->parent, "s1");
    EXPECT_EQ(t.size(), 4u);
    t.removeOne("s3");
    EXPECT_EQ(t.current(), "");
}

TEST(SnapshotTreeTest, RemoveDescendants) {
    SnapshotTree t = sample();
    auto removed = t.removeDescendants("s1", true);
    EXPECT_EQ(removed.size(), 3u);
    EXPECT_EQ(names(t.list(0, std::nullopt)), (Names{"s1", "s5"}));
    EXPECT_EQ(t.current(), "");
    removed = t.removeDescendants("s1", false);
    EXPECT_EQ(removed, (Names{"s1"}));
    EXPECT_EQ(t.size(), 1u);
}

}  // namespace
}  // namespace nodevirt::core
