#include "cli/commands/snapshot/snapshot_util.h"

#include <fmt/format.h>

#include "cli/command_util.h"

namespace nodevirt::cli {

std::optional<DomainSnapshot> lookupSnapshot(Context& ctx, const ParsedCommand& cmd, const Domain& dom,
                                             std::string_view option, bool exclusive) {
    const bool current = cmd.has("current");
    std::optional<std::string> name;
    if (!cmd.getString(ctx, option, name)) return std::nullopt;
    if (exclusive && current && name) {
        ctx.error(fmt::format("--{} and --current are mutually exclusive", option));
        return std::nullopt;
    }
    Result<DomainSnapshot> snap = name ? dom.snapshotLookupByName(*name) : Result<DomainSnapshot>();
    if (!name) {
        if (!current) {
            ctx.error(fmt::format("--{} or --current is required", option));
            return std::nullopt;
        }
        snap = dom.currentSnapshot();
    }
    if (!snap) {
        failWith(ctx, snap.error());
        return std::nullopt;
    }
    return std::move(*snap);
}

bool snapshotParentName(Context& ctx, const DomainSnapshot& snap, std::optional<std::string>& parent) {
    parent.reset();
    auto p = snap.parent();
    if (p) {
        parent = p->name();
        return true;
    }
    // A root snapshot has no parent: that is not a failure.
    if (p.error().code == ErrorCode::kNoDomainSnapshot) return true;
    ctx.setLastError(p.error());
    return false;
}

bool createSnapshot(Context& ctx, const Domain& dom, const std::string& xml, unsigned flags,
                    const std::optional<std::string>& from) {
    auto snap = dom.snapshotCreateXml(xml, flags);
    if (!snap) return failWith(ctx, snap.error());
    // No final newline, as in virsh.
    if (from) {
        ctx.printExtra(fmt::format("Domain snapshot {} created from '{}'", snap->name(), *from));
    } else {
        ctx.printExtra(fmt::format("Domain snapshot {} created", snap->name()));
    }
    return true;
}

}  // namespace nodevirt::cli
