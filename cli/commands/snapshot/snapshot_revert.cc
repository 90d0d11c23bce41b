// snapshot-revert: return a domain to the state of a snapshot.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/snapshot/snapshot_util.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = 0;
    if (cmd.has("running")) flags |= lv::kDomainSnapshotRevertRunning;
    if (cmd.has("paused")) flags |= lv::kDomainSnapshotRevertPaused;
    if (cmd.has("reset-nvram")) flags |= lv::kDomainSnapshotRevertResetNvram;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto snap = lookupSnapshot(ctx, cmd, *dom, "snapshotname", true);
    if (!snap) return false;
    auto st = snap->revert(flags);
    // --force only retries a revert the server called risky.
    if (!st && cmd.has("force") && st.error().code == ErrorCode::kSnapshotRevertRisky) {
        st = snap->revert(flags | lv::kDomainSnapshotRevertForce);
    }
    if (!st) return failWith(ctx, st.error(), fmt::format("Failed to revert snapshot {}", snap->name()));
    ctx.printExtra(fmt::format("Domain snapshot {} reverted\n", snap->name()));
    return true;
}

}  // namespace

CommandDef snapshotRevertCommand() {
    return {"snapshot-revert", CommandGroup::kSnapshot, "Revert a domain to a snapshot",
            "Returns the domain to the state of a snapshot.",
            {domainOpt(), stringOpt("snapshotname", "snapshot name"),
             boolOpt("current", "the current snapshot"),
             boolOpt("running", "be running afterwards"), boolOpt("paused", "be paused afterwards"),
             boolOpt("force", "also do risky reverts"),
             boolOpt("reset-nvram", "start from a pristine NVRAM template")},
            run};
}

}  // namespace nodevirt::cli
