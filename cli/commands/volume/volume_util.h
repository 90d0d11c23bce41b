// Helpers shared by the volume commands: sizes as virsh reads them for volumes (bytes unless
// a unit suffix says otherwise).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace nodevirt::cli {

std::optional<uint64_t> parseVolumeSize(std::string_view text);

}  // namespace nodevirt::cli
