#include "core/object_list.h"

#include <gtest/gtest.h>

namespace nodevirt::core {
namespace {

struct FakeDef {
    std::string name;
};

TEST(ObjectListTest, FindModifyErase) {
    ObjectList<FakeDef, int> list;
    Uuid::Bytes b{};
    b[0] = 1;
    Uuid u1(b);
    list.locked([&](auto& objs) {
        objs.push_back(
            {"a", u1, std::make_shared<FakeDef>(FakeDef{"a"}), nullptr, true, true, false, 7});
    });
    auto a = list.byName("a");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->extra, 7);
    EXPECT_EQ(a->inactiveDef()->name, "a");
    EXPECT_TRUE(list.byUuid(u1));
    EXPECT_FALSE(list.byName("b"));
    list.locked([&](auto& objs) { decltype(list)::find(objs, "a")->autostart = true; });
    EXPECT_TRUE(list.byName("a")->autostart);
    // A copy taken earlier is not affected by later changes.
    EXPECT_FALSE(a->autostart);
    EXPECT_TRUE(list.locked([&](auto& objs) { return decltype(list)::erase(objs, u1); }));
    EXPECT_EQ(list.size(), 0u);
}

}  // namespace
}  // namespace nodevirt::core
