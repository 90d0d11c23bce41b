// Helpers shared by the snapshot commands: finding the snapshot a command names (by
// --snapshotname or --current), its parent, and creating one from XML with virsh's message.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/context.h"
#include "cli/parsed_command.h"
#include "nodevirt/domain.h"

namespace nodevirt::cli {

// The snapshot named by option `option`, or the current one with --current. `exclusive`:
// naming one and giving --current is an error.
std::optional<DomainSnapshot> lookupSnapshot(Context& ctx, const ParsedCommand& cmd, const Domain& dom,
                                             std::string_view option, bool exclusive);

// The parent's name; nullopt for a root. False (with the error kept) when the query failed.
bool snapshotParentName(Context& ctx, const DomainSnapshot& snap, std::optional<std::string>& parent);

// Creates the snapshot and prints "Domain snapshot NAME created[ from 'FILE']".
bool createSnapshot(Context& ctx, const Domain& dom, const std::string& xml, unsigned flags,
                    const std::optional<std::string>& from);

}  // namespace nodevirt::cli
