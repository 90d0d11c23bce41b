// snapshot-dumpxml: the XML description of a snapshot.
#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<std::string> name;
    if (!cmd.getString(ctx, "snapshotname", name)) return false;
    auto snap = dom->snapshotLookupByName(*name);
    if (!snap) return failWith(ctx, snap.error());
    auto xml = snap->xmlDesc(cmd.has("security-info") ? lv::kDomainSnapshotXmlSecure : 0);
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef snapshotDumpxmlCommand() {
    return {"snapshot-dumpxml", CommandGroup::kSnapshot, "Dump XML for a domain snapshot",
            "Prints the XML description of a snapshot.",
            {domainOpt(), dataOpt("snapshotname", "snapshot name"),
             boolOpt("security-info", "include secrets"), xpathOption(), wrapOption()},
            run};
}

}  // namespace nodevirt::cli
