#include "cli/commands/volume/volume_util.h"

#include "cli/numbers.h"

namespace nodevirt::cli {

std::optional<uint64_t> parseVolumeSize(std::string_view text) {
    auto n = parseNumberPrefix(text);
    if (!n) return std::nullopt;
    return scaleInteger(n->value, n->suffix, 1, UINT64_MAX).bytes;
}

}  // namespace nodevirt::cli
