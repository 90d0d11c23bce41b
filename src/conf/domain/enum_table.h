// String tables for XML enumerations: every XML spelling of an enum lives in exactly one
// constexpr table, indexed by the enum's value, so parsing and formatting cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nodevirt::conf {

template <typename E, size_t N>
struct EnumTable {
    std::array<std::string_view, N> names;

    [[nodiscard]] constexpr std::string_view name(E value) const {
        auto i = static_cast<size_t>(value);
        return i < N ? names[i] : std::string_view();
    }
    [[nodiscard]] constexpr std::optional<E> parse(std::string_view text) const {
        for (size_t i = 0; i < N; ++i)
            if (!names[i].empty() && names[i] == text) return static_cast<E>(i);
        return std::nullopt;
    }
    // "'a', 'b', 'c'" for error messages.
    [[nodiscard]] std::string list() const {
        std::string out;
        for (size_t i = 0; i < N; ++i) {
            if (names[i].empty()) continue;
            if (!out.empty()) out += ", ";
            out += '\'';
            out += names[i];
            out += '\'';
        }
        return out;
    }
};

// makeEnumTable<Color>("red", "green"): entry i is the spelling of Color(i). An empty
// spelling marks a value that has no XML form (e.g. "unset").
template <typename E, typename... Names>
constexpr EnumTable<E, sizeof...(Names)> makeEnumTable(Names... names) {
    return EnumTable<E, sizeof...(Names)>{{std::string_view(names)...}};
}

}  // namespace nodevirt::conf
