// snapshot-current: print the current snapshot (XML or --name), or make one current.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool makeCurrent(Context& ctx, const ParsedCommand& cmd, const Domain& dom, const std::string& name) {
    if (cmd.has("security-info")) {
        ctx.error("--security-info incompatible with --snapshotname");
        return false;
    }
    auto snap = dom.snapshotLookupByName(name);
    if (!snap) return failWith(ctx, snap.error());
    auto xml = snap->xmlDesc(lv::kDomainSnapshotXmlSecure);
    if (!xml) return failWith(ctx, xml.error());
    // Redefining the snapshot with its own XML and CURRENT makes it current.
    unsigned flags = lv::kDomainSnapshotCreateRedefine | lv::kDomainSnapshotCreateCurrent;
    if (xml->find("<state>disk-snapshot</state>") != std::string::npos) {
        flags |= lv::kDomainSnapshotCreateDiskOnly;
    }
    if (auto again = dom.snapshotCreateXml(*xml, flags); !again) return failWith(ctx, again.error());
    ctx.printExtra(fmt::format("Snapshot {} set as current", name));
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "name", "snapshotname")) return false;
    std::string domname;
    auto dom = lookupDomain(ctx, cmd, &domname);
    if (!dom) return false;
    std::optional<std::string> snapname;
    if (!cmd.getString(ctx, "snapshotname", snapname)) return false;
    if (snapname) return makeCurrent(ctx, cmd, *dom, *snapname);
    auto has = dom->hasCurrentSnapshot();
    if (!has) return failWith(ctx, has.error());
    if (!*has) {
        ctx.error(fmt::format("domain '{}' has no current snapshot", domname));
        return false;
    }
    auto snap = dom->currentSnapshot();
    if (!snap) return failWith(ctx, snap.error());
    if (cmd.has("name")) {
        ctx.print(snap->name());  // no newline, as in virsh
        return true;
    }
    auto xml = snap->xmlDesc(cmd.has("security-info") ? lv::kDomainSnapshotXmlSecure : 0);
    if (!xml) return failWith(ctx, xml.error());
    ctx.print(*xml);
    return true;
}

}  // namespace

CommandDef snapshotCurrentCommand() {
    return {"snapshot-current", CommandGroup::kSnapshot, "Get or set the current snapshot",
            "Prints the XML (or --name) of the current snapshot, or makes --snapshotname the "
            "current one.",
            {domainOpt(), boolOpt("name", "print the name only"),
             boolOpt("security-info", "include secrets in the XML"),
             stringOpt("snapshotname", "the snapshot to make current")},
            run};
}

}  // namespace nodevirt::cli
