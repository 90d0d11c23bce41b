#include "cli/typed_params.h"

#include <cstdlib>

#include <fmt/format.h>

#include "cli/numbers.h"

namespace nodevirt::cli {

std::string typedParamText(const TypedParam& p) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                return v ? "yes" : "no";
            } else if constexpr (std::is_same_v<T, double>) {
                return fmt::format("{:f}", v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else {
                return std::to_string(v);
            }
        },
        p.value);
}

nlohmann::ordered_json typedParamJson(const TypedParam& p) {
    return std::visit([](const auto& v) { return nlohmann::ordered_json(v); }, p.value);
}

std::optional<TypedParam> typedParamFromText(const TypedParam& like, const std::string& text) {
    TypedParam out{like.field, {}};
    switch (like.type()) {
        case TypedParamType::kInt: {
            auto v = parseInt(text);
            if (!v) return std::nullopt;
            out.value = static_cast<int32_t>(*v);
            return out;
        }
        case TypedParamType::kUint: {
            auto v = parseUint(text);
            if (!v) return std::nullopt;
            out.value = static_cast<uint32_t>(*v);
            return out;
        }
        case TypedParamType::kLlong: {
            auto v = parseLlong(text);
            if (!v) return std::nullopt;
            out.value = *v;
            return out;
        }
        case TypedParamType::kUllong: {
            auto v = parseUlong(text);
            if (!v) return std::nullopt;
            out.value = *v;
            return out;
        }
        case TypedParamType::kDouble: {
            char* end = nullptr;
            const double d = std::strtod(text.c_str(), &end);
            if (text.empty() || end == nullptr || *end != '\0') return std::nullopt;
            out.value = d;
            return out;
        }
        case TypedParamType::kBoolean:
            if (text == "1" || text == "yes" || text == "true") {
                out.value = true;
            } else if (text == "0" || text == "no" || text == "false") {
                out.value = false;
            } else {
                return std::nullopt;
            }
            return out;
        case TypedParamType::kString: out.value = text; return out;
    }
    return std::nullopt;
}

}  // namespace nodevirt::cli
