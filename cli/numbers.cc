#include "cli/numbers.h"

#include <cctype>
#include <limits>

namespace nodevirt::cli {
namespace {

size_t skipBlanks(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return i;
}

// Digits of `s` from `i`, accumulated with overflow detection. Returns the end position, or
// npos when there are no digits or the value overflows.
size_t readDigits(std::string_view s, size_t i, uint64_t& value) {
    const size_t start = i;
    value = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
        const uint64_t digit = static_cast<uint64_t>(s[i] - '0');
        if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::string_view::npos;
        value = value * 10 + digit;
    }
    return i == start ? std::string_view::npos : i;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<int> parseInt(std::string_view text) {
    size_t i = skipBlanks(text);
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    uint64_t magnitude = 0;
    const size_t end = readDigits(text, i, magnitude);
    if (end != text.size()) return std::nullopt;
    const uint64_t limit = negative ? uint64_t{1} << 31 : (uint64_t{1} << 31) - 1;
    if (magnitude > limit) return std::nullopt;
    return negative ? static_cast<int>(-static_cast<int64_t>(magnitude)) : static_cast<int>(magnitude);
}

std::optional<int64_t> parseLlong(std::string_view text) {
    size_t i = skipBlanks(text);
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    uint64_t magnitude = 0;
    const size_t end = readDigits(text, i, magnitude);
    if (end != text.size()) return std::nullopt;
    const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    if (magnitude > limit) return std::nullopt;
    if (negative) return magnitude == (uint64_t{1} << 63) ? INT64_MIN : -static_cast<int64_t>(magnitude);
    return static_cast<int64_t>(magnitude);
}

std::optional<uint64_t> parseUlong(std::string_view text) {
    size_t i = skipBlanks(text);
    if (i < text.size() && text[i] == '+') ++i;
    uint64_t value = 0;
    const size_t end = readDigits(text, i, value);
    if (end != text.size()) return std::nullopt;
    return value;
}

std::optional<unsigned> parseUint(std::string_view text) {
    auto v = parseUlong(text);
    if (!v || *v > std::numeric_limits<unsigned>::max()) return std::nullopt;
    return static_cast<unsigned>(*v);
}

std::optional<NumberWithSuffix> parseNumberPrefix(std::string_view text) {
    size_t i = skipBlanks(text);
    if (i < text.size() && text[i] == '+') ++i;
    uint64_t value = 0;
    const size_t end = readDigits(text, i, value);
    if (end == std::string_view::npos) return std::nullopt;
    return NumberWithSuffix{value, std::string(text.substr(end))};
}

ScaleResult scaleInteger(uint64_t value, std::string_view suffix, uint64_t scale, uint64_t max) {
    auto unknown = [&] {
        return ScaleResult{std::nullopt,
                           Error::make(ErrorCode::kInvalidArg, ErrorDomain::kNone,
                                       "unknown suffix '" + std::string(suffix) + "'")};
    };
    if (suffix.empty()) {
        // `scale` is the unit of a bare number.
    } else if (equalsIgnoreCase(suffix, "b") || equalsIgnoreCase(suffix, "byte") ||
               equalsIgnoreCase(suffix, "bytes")) {
        scale = 1;
    } else {
        uint64_t base = 0;
        if (suffix.size() == 1 || equalsIgnoreCase(suffix.substr(1), "iB")) {
            base = 1024;
        } else if (suffix.size() == 2 && std::tolower(static_cast<unsigned char>(suffix[1])) == 'b') {
            base = 1000;
        } else {
            return unknown();
        }
        constexpr std::string_view kUnits = "kmgtpe";
        const size_t power = kUnits.find(static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[0]))));
        if (power == std::string_view::npos) return unknown();
        scale = 1;
        for (size_t p = 0; p <= power; ++p) scale *= base;
    }
    if (value != 0 && value > max / scale) {
        return ScaleResult{std::nullopt,
                           Error::make(ErrorCode::kOverflow, ErrorDomain::kNone,
                                       "value too large: " + std::to_string(value) + std::string(suffix))};
    }
    return ScaleResult{value * scale, std::nullopt};
}

}  // namespace nodevirt::cli
