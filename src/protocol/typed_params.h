// Conversion between the public typed parameter (nodevirt::TypedParam, include/nodevirt/
// types.h) and the wire's remote_typed_param, with libvirt's check that a field name fits
// VIR_TYPED_PARAM_FIELD_LENGTH (80 bytes including the NUL).
#pragma once

#include <vector>

#include "nodevirt/types.h"
#include "protocol/generated/types.h"
#include "util/result.h"

namespace nodevirt::protocol {

inline constexpr size_t kTypedParamFieldLength = 80;

TypedParam toWireParam(const nodevirt::TypedParam& param);
std::vector<TypedParam> toWireParams(const nodevirt::TypedParams& params);

// Fails for a field name of 80 bytes or more, as libvirt's deserializer does.
Result<nodevirt::TypedParam> fromWireParam(const TypedParam& param);
Result<nodevirt::TypedParams> fromWireParams(const std::vector<TypedParam>& params);

}  // namespace nodevirt::protocol
