// Small string helpers shared by every module: trimming, splitting, strict number parsing
// (no silent truncation or overflow), and libvirt's scaled size units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nodevirt::str {

std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
std::string toLower(std::string_view s);

// Strict parsers: the whole string must be a number in range (leading '+' allowed for
// unsigned, "0x" prefix accepted when base is 0). nullopt otherwise.
std::optional<int64_t> parseInt64(std::string_view s, int base = 10);
std::optional<uint64_t> parseUint64(std::string_view s, int base = 10);
std::optional<int> parseInt(std::string_view s, int base = 10);
std::optional<unsigned> parseUint(std::string_view s, int base = 10);
std::optional<double> parseDouble(std::string_view s);

// Multiplier for a libvirt size unit ("b", "bytes", "KB", "k", "KiB", "MB", "M", "MiB",
// ... up to "E"/"EiB"); an empty unit means `default_scale`. nullopt for unknown units.
std::optional<uint64_t> unitScale(std::string_view unit, uint64_t default_scale);

// value * scale(unit), rounded up to a multiple of `round_to` bytes, then divided back to
// `result_scale`; nullopt on overflow or unknown unit.
std::optional<uint64_t> scaleToUnit(uint64_t value, std::string_view unit, uint64_t default_scale,
                                    uint64_t result_scale);

}  // namespace nodevirt::str
