// Number parsing with the rules virsh applies to option values: base 10, optional leading
// blanks and sign, the whole text must be consumed, no silent overflow; sizes may carry a
// unit suffix (b, k, KiB, MB, G, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "nodevirt/error.h"

namespace nodevirt::cli {

std::optional<int> parseInt(std::string_view text);
std::optional<int64_t> parseLlong(std::string_view text);
// Non-negative only ("-1" is rejected).
std::optional<unsigned> parseUint(std::string_view text);
std::optional<uint64_t> parseUlong(std::string_view text);

// The leading unsigned number of `text` and the rest (the unit), or nullopt when `text` does
// not start with digits (after blanks and an optional '+') or is negative or overflows.
struct NumberWithSuffix {
    uint64_t value = 0;
    std::string suffix;
};
std::optional<NumberWithSuffix> parseNumberPrefix(std::string_view text);

// Multiplies `value` by the unit `suffix` (empty: `scale`); binary units for "k", "KiB",
// decimal for "KB"; bytes for "b"/"byte"/"bytes". Errors are libvirt's: unknown suffix
// (invalid argument) and "value too large" (numerical overflow) when above `max`.
struct ScaleResult {
    std::optional<uint64_t> bytes;
    std::optional<Error> error;
};
ScaleResult scaleInteger(uint64_t value, std::string_view suffix, uint64_t scale, uint64_t max);

}  // namespace nodevirt::cli
