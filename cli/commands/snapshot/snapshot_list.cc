// snapshot-list: a domain's snapshots as a table, names, or a tree.
#include <strings.h>

#include <algorithm>
#include <ctime>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/snapshot/snapshot_commands.h"
#include "cli/commands/snapshot/snapshot_tree.h"
#include "cli/commands/snapshot/snapshot_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

struct Filter {
    const char* option;
    unsigned flag;
};
constexpr Filter kFilters[] = {
    {"leaves", lv::kDomainSnapshotListLeaves},     {"no-leaves", lv::kDomainSnapshotListNoLeaves},
    {"metadata", lv::kDomainSnapshotListMetadata}, {"no-metadata", lv::kDomainSnapshotListNoMetadata},
    {"inactive", lv::kDomainSnapshotListInactive}, {"active", lv::kDomainSnapshotListActive},
    {"disk-only", lv::kDomainSnapshotListDiskOnly}, {"internal", lv::kDomainSnapshotListInternal},
    {"external", lv::kDomainSnapshotListExternal}, {"topological", lv::kDomainSnapshotListTopological},
};

// virsh's own option checks; nullopt after an error.
std::optional<unsigned> listFlags(Context& ctx, const ParsedCommand& cmd) {
    const bool tree = cmd.has("tree");
    if (cmd.has("parent") && cmd.has("roots")) {
        ctx.error("--parent and --roots are mutually exclusive");
        return std::nullopt;
    }
    if (cmd.has("parent") && tree) {
        ctx.error("--parent and --tree are mutually exclusive");
        return std::nullopt;
    }
    unsigned flags = 0;
    if (cmd.has("roots")) {
        if (tree) {
            ctx.error("--roots and --tree are mutually exclusive");
            return std::nullopt;
        }
        if (cmd.has("from") || cmd.has("current")) {
            ctx.error("--roots and --from are mutually exclusive");
            return std::nullopt;
        }
        flags |= lv::kDomainSnapshotListRoots;
    }
    if (cmd.has("descendants") && !cmd.has("from") && !cmd.has("current")) {
        ctx.error("--descendants requires --from or --current");
        return std::nullopt;
    }
    for (const Filter& f : kFilters) {
        if (cmd.has(f.option)) flags |= f.flag;
    }
    return flags;
}

// The snapshots to show; with --from/--current the children (all descendants with
// --descendants or --tree) of that snapshot, plus the snapshot itself for --tree.
std::optional<std::vector<DomainSnapshot>> collect(Context& ctx, const ParsedCommand& cmd,
                                                   const Domain& dom, unsigned flags) {
    if (!cmd.has("from") && !cmd.has("current")) {
        auto all = dom.listAllSnapshots(flags);
        if (!all) {
            failWith(ctx, all.error());
            return std::nullopt;
        }
        return std::move(*all);
    }
    auto start = lookupSnapshot(ctx, cmd, dom, "from", true);
    if (!start) return std::nullopt;
    if (cmd.has("descendants") || cmd.has("tree")) flags |= lv::kDomainSnapshotListDescendants;
    auto children = start->listAllChildren(flags);
    if (!children) {
        failWith(ctx, children.error());
        return std::nullopt;
    }
    if (cmd.has("tree")) children->insert(children->begin(), *start);
    return std::move(*children);
}

struct Details {
    std::string state, parent;
    long long created = 0;
};

std::optional<Details> details(const DomainSnapshot& s) {
    auto xml = s.xmlDesc();
    if (!xml) return std::nullopt;
    pugi::xml_document doc;
    if (!doc.load_string(xml->c_str())) return std::nullopt;
    const pugi::xml_node root = doc.child("domainsnapshot");
    Details d{root.child_value("state"), root.child("parent").child_value("name"), 0};
    if (d.state.empty()) return std::nullopt;
    d.created = root.child("creationTime").text().as_llong();
    return d;
}

std::string localTime(long long secs) {
    const std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %z", &tm);
    return buf;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = listFlags(ctx, cmd);
    if (!flags) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto snaps = collect(ctx, cmd, *dom, *flags);
    if (!snaps) return false;
    if (!cmd.has("topological")) {
        std::stable_sort(snaps->begin(), snaps->end(), [](const DomainSnapshot& a, const DomainSnapshot& b) {
            return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
        });
    }
    if (cmd.has("tree")) return printSnapshotTree(ctx, *snaps, cmd.has("from") || cmd.has("current"));
    const bool json = wantJson(ctx, cmd);
    if (cmd.has("name") && !json) {
        std::string out;
        for (const DomainSnapshot& s : *snaps) out += s.name() + "\n";
        ctx.print(out);
        return true;
    }
    const bool with_parent = cmd.has("parent");
    Table table(with_parent ? std::vector<std::string>{"Name", "Creation Time", "State", "Parent"}
                            : std::vector<std::string>{"Name", "Creation Time", "State"});
    auto arr = Json::array();
    for (const DomainSnapshot& s : *snaps) {
        auto d = details(s);
        if (!d) continue;
        arr.push_back({{"name", s.name()}, {"creation_time", d->created}, {"state", d->state},
                       {"parent", d->parent.empty() ? Json() : Json(d->parent)}});
        if (with_parent) {
            table.addRow({s.name(), localTime(d->created), d->state, d->parent});
        } else {
            table.addRow({s.name(), localTime(d->created), d->state});
        }
    }
    if (json) {
        printJson(ctx, {{"snapshots", arr}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

}  // namespace

CommandDef snapshotListCommand() {
    return {"snapshot-list", CommandGroup::kSnapshot, "List snapshots for a domain",
            "Lists the snapshots of a domain (by name unless --topological); filters combine.",
            {domainOpt(), boolOpt("parent", "add a Parent column"),
             boolOpt("roots", "only snapshots without a parent"),
             boolOpt("leaves", "only snapshots without children"),
             boolOpt("no-leaves", "only snapshots with children"),
             boolOpt("metadata", "only snapshots with libvirt metadata"),
             boolOpt("no-metadata", "only snapshots without libvirt metadata"),
             boolOpt("inactive", "only snapshots of an inactive domain"),
             boolOpt("active", "only snapshots of a running domain"),
             boolOpt("disk-only", "only disk-only snapshots"),
             boolOpt("internal", "only internal snapshots"),
             boolOpt("external", "only external snapshots"),
             boolOpt("tree", "print the snapshots as a tree"),
             stringOpt("from", "only the children of this snapshot"),
             boolOpt("current", "only the children of the current snapshot"),
             boolOpt("descendants", "with --from: all descendants"),
             boolOpt("name", "print names only"),
             boolOpt("topological", "parents before children instead of by name"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
