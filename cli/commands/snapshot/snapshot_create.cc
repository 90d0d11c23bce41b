// snapshot-create: create a snapshot from an XML file (or an empty description).
#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/snapshot/snapshot_flags.h"
#include "cli/commands/snapshot/snapshot_util.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = snapshotCreateFlags(cmd);
    if (cmd.has("redefine")) flags |= lv::kDomainSnapshotCreateRedefine;
    if (cmd.has("current")) flags |= lv::kDomainSnapshotCreateCurrent;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "xmlfile", file)) return false;
    std::string xml = "<domainsnapshot/>";
    if (file) {
        auto text = readFileArg(ctx, *file);
        if (!text) return false;
        xml = *text;
    }
    return createSnapshot(ctx, *dom, xml, flags, file);
}

}  // namespace

CommandDef snapshotCreateCommand() {
    std::vector<OptionDef> opts = {domainOpt(), stringOpt("xmlfile", "XML file describing the snapshot"),
                                   boolOpt("redefine", "redefine the metadata of an existing snapshot"),
                                   boolOpt("current", "with --redefine, make it the current snapshot")};
    appendSnapshotCreateOptions(opts, false);
    return {"snapshot-create", CommandGroup::kSnapshot, "Create a snapshot from XML",
            "Creates a snapshot from an XML description (without one: a snapshot with "
            "default settings).",
            std::move(opts), run};
}

}  // namespace nodevirt::cli
