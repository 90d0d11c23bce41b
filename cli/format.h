// Wording shared by several commands: state and reason names as virsh prints them, sizes in
// binary units ("100.00 GiB"), yes/no words, and small JSON helpers for those values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "nodevirt/types.h"

namespace nodevirt::cli {

// "running", "idle", "paused", "in shutdown", "shut off", "crashed", "pmsuspended", "no state".
std::string_view domainStateName(DomainState state);
// The reason of a state change ("booted", "user", "from snapshot"...); "unknown" otherwise.
std::string_view domainStateReasonName(DomainState state, int reason);

// A size scaled to the largest binary unit below it: "0.00 B", "10.00 MiB", "2.00 GiB".
std::string prettyCapacity(uint64_t bytes);

// Storage pool states: "inactive", "building", "running", "degraded", "inaccessible".
std::string_view poolStateName(int state);
// Storage volume types: "file", "block", "dir", "network", "netdir", "ploop".
std::string_view volumeTypeName(int type);

inline std::string_view yesNo(bool b) { return b ? "yes" : "no"; }

// printf-style "%-Ns" for labels: `label` padded with spaces to `width` columns.
std::string padRight(std::string_view label, size_t width);

}  // namespace nodevirt::cli
