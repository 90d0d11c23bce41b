#include "protocol/typed_params.h"

#include <gtest/gtest.h>

#include "protocol/payload.h"

namespace nodevirt::protocol {
namespace {

TEST(TypedParamsTest, EveryTypeRoundTripsThroughTheWire) {
    nodevirt::TypedParams params = {
        {"i", int32_t{-5}},         {"ui", uint32_t{7}}, {"l", -(int64_t{1} << 40)},
        {"ul", uint64_t{1} << 63},  {"d", 2.5},          {"b", true},
        {"s", std::string("text")},
    };
    std::vector<TypedParam> wire = toWireParams(params);
    ASSERT_EQ(wire.size(), 7U);
    for (size_t i = 0; i < wire.size(); ++i) {
        EXPECT_EQ(wire[i].value.discriminant(), static_cast<int32_t>(i + 1));
        EXPECT_EQ(static_cast<int32_t>(params[i].type()), wire[i].value.discriminant());
    }
    auto bytes = encodePayload(DomainSetMemoryParametersArgs{{}, wire, 0});
    ASSERT_TRUE(bytes);
    auto decoded = decodePayload<DomainSetMemoryParametersArgs>(*bytes);
    ASSERT_TRUE(decoded);
    auto back = fromWireParams(decoded->params);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        EXPECT_EQ((*back)[i].field, params[i].field);
        EXPECT_TRUE((*back)[i].value == params[i].value) << params[i].field;
    }
}

TEST(TypedParamsTest, BooleanIsAnyNonZeroInt) {
    TypedParam wire{"flag", {}};
    wire.value.value.emplace<TypedParamValue::kB>(5);
    auto param = fromWireParam(wire);
    ASSERT_TRUE(param);
    EXPECT_EQ(std::get<bool>(param->value), true);
    EXPECT_EQ(std::get<TypedParamValue::kB>(toWireParam(*param).value.value), 1);
}

TEST(TypedParamsTest, FieldNamesMustFitLibvirtsBuffer) {
    TypedParam ok{std::string(79, 'f'), {}};
    EXPECT_TRUE(fromWireParam(ok));
    TypedParam long_name{std::string(80, 'f'), {}};
    auto r = fromWireParams({ok, long_name});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInternalError);
    EXPECT_NE(r.error().message.find("too big for destination"), std::string::npos);
}

}  // namespace
}  // namespace nodevirt::protocol
