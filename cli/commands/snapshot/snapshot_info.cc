// snapshot-info: facts about one snapshot.
#include <fmt/format.h>
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/snapshot/snapshot_util.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

// "external" when the memory or any disk is saved outside the image, else "internal".
std::string location(const pugi::xml_node& root) {
    if (std::string_view(root.child("memory").attribute("snapshot").value()) == "external") {
        return "external";
    }
    for (const auto& d : root.child("disks").children("disk")) {
        if (std::string_view(d.attribute("snapshot").value()) == "external") return "external";
    }
    return "internal";
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto snap = lookupSnapshot(ctx, cmd, *dom, "snapshotname", true);
    if (!snap) return false;
    auto line = [](std::string_view label, std::string_view value) {
        return fmt::format("{:<15} {}\n", label, value);
    };
    auto current = snap->isCurrent();
    if (!current) return failWith(ctx, current.error());
    auto xml = snap->xmlDesc();
    if (!xml) return failWith(ctx, xml.error());
    pugi::xml_document doc;
    doc.load_string(xml->c_str());
    const pugi::xml_node root = doc.child("domainsnapshot");
    std::optional<std::string> parent;
    if (!snapshotParentName(ctx, *snap, parent)) return false;
    auto children = snap->numChildren();
    auto descendants = snap->numChildren(lv::kDomainSnapshotListDescendants);
    if (!children) return failWith(ctx, children.error());
    if (!descendants) return failWith(ctx, descendants.error());
    auto metadata = snap->hasMetadata();
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", snap->name()}, {"domain", dom->name()}, {"current", *current},
                        {"state", root.child_value("state")}, {"location", location(root)},
                        {"parent", parent ? Json(*parent) : Json()}, {"children", *children},
                        {"descendants", *descendants},
                        {"metadata", metadata ? Json(*metadata) : Json()}});
        return true;
    }
    std::string out = line("Name:", snap->name()) + line("Domain:", dom->name());
    out += line("Current:", yesNo(*current));
    out += line("State:", root.child_value("state"));
    out += line("Location:", location(root));
    out += line("Parent:", parent ? *parent : "-");
    out += fmt::format("{:<15} {}\n", "Children:", *children);
    out += fmt::format("{:<15} {}\n", "Descendants:", *descendants);
    if (metadata) out += line("Metadata:", yesNo(*metadata));
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef snapshotInfoCommand() {
    return {"snapshot-info", CommandGroup::kSnapshot, "snapshot information",
            "Prints whether a snapshot is current, its state, location, parent and children.",
            {domainOpt(), stringOpt("snapshotname", "snapshot name"),
             boolOpt("current", "the current snapshot"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
