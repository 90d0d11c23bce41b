#include "protocol/typed_params.h"

#include <fmt/format.h>

#include <type_traits>

namespace nodevirt::protocol {

TypedParam toWireParam(const nodevirt::TypedParam& param) {
    TypedParam wire;
    wire.field = param.field;
    std::visit(
        [&wire](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int32_t>) {
                wire.value.value.emplace<TypedParamValue::kI>(v);
            } else if constexpr (std::is_same_v<T, uint32_t>) {
                wire.value.value.emplace<TypedParamValue::kUi>(v);
            } else if constexpr (std::is_same_v<T, int64_t>) {
                wire.value.value.emplace<TypedParamValue::kL>(v);
            } else if constexpr (std::is_same_v<T, uint64_t>) {
                wire.value.value.emplace<TypedParamValue::kUl>(v);
            } else if constexpr (std::is_same_v<T, double>) {
                wire.value.value.emplace<TypedParamValue::kD>(v);
            } else if constexpr (std::is_same_v<T, bool>) {
                wire.value.value.emplace<TypedParamValue::kB>(v ? 1 : 0);
            } else {
                wire.value.value.emplace<TypedParamValue::kS>(v);
            }
        },
        param.value);
    return wire;
}

std::vector<TypedParam> toWireParams(const nodevirt::TypedParams& params) {
    std::vector<TypedParam> out;
    out.reserve(params.size());
    for (const auto& p : params) out.push_back(toWireParam(p));
    return out;
}

Result<nodevirt::TypedParam> fromWireParam(const TypedParam& wire) {
    if (wire.field.size() >= kTypedParamFieldLength) {
        return fail(Error::make(ErrorCode::kInternalError, ErrorDomain::kRpc,
                                fmt::format("Parameter {} too big for destination", wire.field)));
    }
    nodevirt::TypedParam param;
    param.field = wire.field;
    const auto& v = wire.value.value;
    switch (v.index()) {
        case TypedParamValue::kI:
            param.value = std::get<TypedParamValue::kI>(v);
            break;
        case TypedParamValue::kUi:
            param.value = std::get<TypedParamValue::kUi>(v);
            break;
        case TypedParamValue::kL:
            param.value = std::get<TypedParamValue::kL>(v);
            break;
        case TypedParamValue::kUl:
            param.value = std::get<TypedParamValue::kUl>(v);
            break;
        case TypedParamValue::kD:
            param.value = std::get<TypedParamValue::kD>(v);
            break;
        case TypedParamValue::kB:
            param.value = std::get<TypedParamValue::kB>(v) != 0;
            break;
        default:
            param.value = std::get<TypedParamValue::kS>(v);
            break;
    }
    return param;
}

Result<nodevirt::TypedParams> fromWireParams(const std::vector<TypedParam>& params) {
    nodevirt::TypedParams out;
    out.reserve(params.size());
    for (const auto& p : params) {
        NODEVIRT_ASSIGN_OR_RETURN(nodevirt::TypedParam param, fromWireParam(p));
        out.push_back(std::move(param));
    }
    return out;
}

}  // namespace nodevirt::protocol
