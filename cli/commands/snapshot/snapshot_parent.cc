// snapshot-parent: the name of a snapshot's parent.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/snapshot/snapshot_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto snap = lookupSnapshot(ctx, cmd, *dom, "snapshotname", true);
    if (!snap) return false;
    std::optional<std::string> parent;
    if (!snapshotParentName(ctx, *snap, parent)) return false;
    if (!parent) {
        ctx.error(fmt::format("snapshot '{}' has no parent", snap->name()));
        return false;
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", snap->name()}, {"parent", *parent}});
    } else {
        ctx.print(*parent);  // no newline, as in virsh
    }
    return true;
}

}  // namespace

CommandDef snapshotParentCommand() {
    return {"snapshot-parent", CommandGroup::kSnapshot, "Get the name of the parent of a snapshot",
            "Prints the name of the snapshot's parent.",
            {domainOpt(), stringOpt("snapshotname", "snapshot name"),
             boolOpt("current", "the current snapshot"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
