// The version of the nodevirt CLI (printed by -v, -V and the `version` command).
#pragma once

#include <string_view>

namespace nodevirt::cli {

inline constexpr std::string_view kCliVersion = "0.1.0";

}  // namespace nodevirt::cli
