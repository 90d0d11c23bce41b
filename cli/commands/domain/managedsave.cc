// managedsave: save a running domain's state where the next start will restore it.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "running", "paused")) return false;
    unsigned flags = 0;
    if (cmd.has("bypass-cache")) flags |= lv::kDomainSaveBypassCache;
    if (cmd.has("running")) flags |= lv::kDomainSaveRunning;
    if (cmd.has("paused")) flags |= lv::kDomainSavePaused;
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    if (auto st = dom->managedSave(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to save domain '{}' state", name));
    }
    // virsh ends its job progress display with a newline before the message.
    ctx.printExtra(fmt::format("\nDomain '{}' state saved by libvirt\n", name));
    return true;
}

}  // namespace

CommandDef managedsaveCommand() {
    return {"managedsave", CommandGroup::kDomain, "managed save of a domain state",
            "Saves the running domain's state and stops it; the next start restores it.",
            {domainOpt(), boolOpt("bypass-cache", "avoid the file system cache when saving"),
             boolOpt("running", "be running after the next start"),
             boolOpt("paused", "be paused after the next start"),
             boolOpt("verbose", "show progress")},
            run};
}

}  // namespace nodevirt::cli
