// snapshot-delete: delete a snapshot (and optionally its descendants).
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
    if (cmd.has("children")) flags |= lv::kDomainSnapshotDeleteChildren;
    if (cmd.has("children-only")) flags |= lv::kDomainSnapshotDeleteChildrenOnly;
    if (cmd.has("metadata")) flags |= lv::kDomainSnapshotDeleteMetadataOnly;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto snap = lookupSnapshot(ctx, cmd, *dom, "snapshotname", true);
    if (!snap) return false;
    if (auto st = snap->remove(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to delete snapshot {}", snap->name()));
    }
    if (cmd.has("children-only")) {
        ctx.printExtra(fmt::format("Domain snapshot {} children deleted\n", snap->name()));
    } else {
        ctx.printExtra(fmt::format("Domain snapshot {} deleted\n", snap->name()));
    }
    return true;
}

}  // namespace

CommandDef snapshotDeleteCommand() {
    return {"snapshot-delete", CommandGroup::kSnapshot, "Delete a domain snapshot",
            "Deletes a snapshot; its children move to its parent unless --children deletes them "
            "too.",
            {domainOpt(), stringOpt("snapshotname", "snapshot name"),
             boolOpt("current", "the current snapshot"),
             boolOpt("children", "also delete the descendants"),
             boolOpt("children-only", "delete the descendants only"),
             boolOpt("metadata", "delete only libvirt's metadata")},
            run};
}

}  // namespace nodevirt::cli
