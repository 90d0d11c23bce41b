// Helpers shared by the pool commands: pool type names as list filters, and whether a pool
// state has sizes to show.
#pragma once

#include <optional>
#include <string_view>

namespace nodevirt::cli {

// The VIR_CONNECT_LIST_STORAGE_POOLS_<TYPE> bit of a pool type name ("dir", "netfs"...).
std::optional<unsigned> poolTypeFlag(std::string_view type);

// Running and degraded pools report capacity, allocation and available space.
inline bool poolHasSizes(int state) { return state == 2 || state == 3; }

}  // namespace nodevirt::cli
