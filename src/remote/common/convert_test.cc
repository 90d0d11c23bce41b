#include "remote/common/convert.h"

#include <gtest/gtest.h>

namespace nodevirt::remote {
namespace {

Uuid uuidOf(const char* text) { return *Uuid::parse(text); }

TEST(ConvertTest, ReferencesRoundTrip) {
    driver::DomainRef dom{"test", uuidOf("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1};
    EXPECT_EQ(fromWire(toWire(dom)).name, "test");
    EXPECT_EQ(fromWire(toWire(dom)).uuid, dom.uuid);
    EXPECT_EQ(toWire(dom).id, 1);
    driver::StorageVolRef vol{"default-pool", "v1", "/default-pool/v1"};
    protocol::NonnullStorageVol w = toWire(vol);
    EXPECT_EQ(w.pool, "default-pool");
    EXPECT_EQ(w.key, "/default-pool/v1");
    driver::SecretRef sec{uuidOf("00000000-0000-0000-0000-000000000001"), 2, "vol"};
    EXPECT_EQ(fromWire(toWire(sec)).usage_id, "vol");
    EXPECT_EQ(fromWire(toWire(sec)).usage_type, 2);
    driver::DomainSnapshotRef snap{"s1", dom};
    EXPECT_EQ(toWire(snap).dom.name, "test");
    std::vector<driver::NetworkRef> nets{{"a", {}}, {"b", {}}};
    auto wire = toWireList(nets);
    ASSERT_EQ(wire.size(), 2u);
    EXPECT_EQ(fromWireList(wire)[1].name, "b");
}

TEST(ConvertTest, TypedParamsKeepTypes) {
    TypedParams params{{"i", int32_t{-3}},   {"u", uint32_t{7}},  {"l", int64_t{-9}},
                       {"ul", uint64_t{1} << 40}, {"d", 2.5},     {"b", true},
                       {"s", std::string("x")}};
    auto wire = toWireParams(params);
    ASSERT_EQ(wire.size(), 7u);
    EXPECT_EQ(wire[5].value.discriminant(), 6);
    EXPECT_EQ(std::get<protocol::TypedParamValue::kB>(wire[5].value.value), 1);
    EXPECT_EQ(wire[6].value.discriminant(), 7);
    Result<TypedParams> back = fromWireParams(wire);
    ASSERT_TRUE(back.has_value());
    for (size_t i = 0; i < params.size(); ++i) {
        EXPECT_EQ((*back)[i].field, params[i].field);
        EXPECT_EQ((*back)[i].value, params[i].value);
    }
}

TEST(ConvertTest, StringParamsNeedStringOkay) {
    TypedParams params{{"weight", uint32_t{50}}, {"name", std::string("x")}};
    EXPECT_EQ(toWireParams(params, false).size(), 1u);
    EXPECT_EQ(toWireParams(params, true).size(), 2u);
}

TEST(ConvertTest, OverlongParamNameRejected) {
    protocol::TypedParam p;
    p.field = std::string(80, 'a');
    p.value.value.emplace<protocol::TypedParamValue::kI>(1);
    Result<TypedParam> r = fromWire(p);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInternalError);
    p.field.resize(79);
    EXPECT_TRUE(fromWire(p).has_value());
}

TEST(ConvertTest, CpumapBitsLeastSignificantFirst) {
    std::vector<bool> map{true, false, false, true, false, false, false, false, true};
    std::string bytes = packCpumap(map, cpumapLength(map.size()));
    ASSERT_EQ(bytes.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0x09);
    EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0x01);
    EXPECT_EQ(unpackCpumap(bytes, 9), map);
    // Short input reads as zeros; a longer map is truncated to maplen.
    EXPECT_EQ(unpackCpumap("", 3), std::vector<bool>(3, false));
    EXPECT_EQ(packCpumap(map, 1).size(), 1u);
}

}  // namespace
}  // namespace nodevirt::remote
