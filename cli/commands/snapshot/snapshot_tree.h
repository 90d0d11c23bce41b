// The --tree rendering of snapshot-list: each root, then its children indented with
// "  |" and "+- " lines, exactly as virsh draws device trees.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "nodevirt/domain.h"

namespace nodevirt::cli {

// Draws the forest given each node's name and parent index (nullopt for roots), in order.
std::string renderTree(const std::vector<std::string>& names,
                       const std::vector<std::optional<size_t>>& parents);

// Prints `snaps` as a tree; `from_start`: the first snapshot is the root of the listing.
bool printSnapshotTree(Context& ctx, const std::vector<DomainSnapshot>& snaps, bool from_start);

}  // namespace nodevirt::cli
