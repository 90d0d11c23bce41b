// Text and JSON forms of typed parameters (scheduler, memory and block parameters, stats),
// and parsing "field=value" assignments against the type a server reported for the field.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "nodevirt/types.h"

namespace nodevirt::cli {

// As virsh prints values: integers in decimal, doubles with six decimals, booleans yes/no.
std::string typedParamText(const TypedParam& p);
nlohmann::ordered_json typedParamJson(const TypedParam& p);

// A parameter named `field`, of the same type as `like`, holding `text`; nullopt when the
// text does not fit the type.
std::optional<TypedParam> typedParamFromText(const TypedParam& like, const std::string& text);

}  // namespace nodevirt::cli
