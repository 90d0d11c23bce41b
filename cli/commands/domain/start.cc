// start: boot a defined, inactive domain.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

unsigned startFlags(const ParsedCommand& cmd) {
    unsigned flags = 0;
    if (cmd.has("paused")) flags |= lv::kDomainStartPaused;
    if (cmd.has("autodestroy")) flags |= lv::kDomainStartAutodestroy;
    if (cmd.has("bypass-cache")) flags |= lv::kDomainStartBypassCache;
    if (cmd.has("force-boot")) flags |= lv::kDomainStartForceBoot;
    if (cmd.has("reset-nvram")) flags |= lv::kDomainStartResetNvram;
    return flags;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    // Inactive domains have no id: only names and UUIDs are looked up.
    auto dom = lookupDomain(ctx, cmd, nullptr, kByName | kByUuid);
    if (!dom) return false;
    if (dom->id() >= 0) {
        ctx.error("Domain is already active");
        return false;
    }
    if (cmd.has("pass-fds")) {
        ctx.error("passing file descriptors is not supported by this client");
        return false;
    }
    unsigned flags = startFlags(cmd);
    if ((flags & lv::kDomainStartForceBoot) != 0) {
        if (auto st = dom->create(flags); st) {
            ctx.printExtra(fmt::format("Domain '{}' started\n", dom->name()));
            return true;
        } else if (st.error().code != ErrorCode::kNoSupport &&
                   st.error().code != ErrorCode::kInvalidArg) {
            return failWith(ctx, st.error());
        }
        // Older servers: emulate a forced boot by dropping the managed save image first.
        if (auto has = dom->hasManagedSaveImage(); has && *has) {
            if (auto rm = dom->managedSaveRemove(); !rm) return failWith(ctx, rm.error());
        }
        flags &= ~lv::kDomainStartForceBoot;
    }
    if (auto st = dom->create(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to start domain '{}'", dom->name()));
    }
    ctx.printExtra(fmt::format("Domain '{}' started\n", dom->name()));
    if (cmd.has("console")) {
        ctx.error("console: not supported by this client");
        return false;
    }
    return true;
}

}  // namespace

CommandDef startCommand() {
    return {"start", CommandGroup::kDomain, "start a (previously defined) inactive domain",
            "Boots an inactive domain; a managed save image, if any, is restored instead "
            "unless --force-boot.",
            {domainOpt("name or UUID of the inactive domain"),
             boolOpt("console", "attach to the console after starting"),
             boolOpt("paused", "leave the domain paused"),
             boolOpt("autodestroy", "destroy the domain when this client disconnects"),
             boolOpt("bypass-cache", "avoid the file system cache when restoring"),
             boolOpt("force-boot", "boot, discarding any managed save image"),
             stringOpt("pass-fds", "pass file descriptors N,M,... to the guest"),
             boolOpt("reset-nvram", "start from a pristine NVRAM template")},
            run};
}

}  // namespace nodevirt::cli
