// managedsave-remove: discard a domain's managed save image.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    auto has = dom->hasManagedSaveImage();
    if (!has) return failWith(ctx, has.error(), "Failed to check for domain managed save image");
    // Both messages come without a final newline, as in virsh.
    if (!*has) {
        ctx.printExtra(fmt::format("Domain '{}' has no manage save image; removal skipped", name));
        return true;
    }
    if (auto st = dom->managedSaveRemove(); !st) {
        return failWith(ctx, st.error(),
                        fmt::format("Failed to remove managed save image for domain '{}'", name));
    }
    ctx.printExtra(fmt::format("Removed managedsave image for domain '{}'", name));
    return true;
}

}  // namespace

CommandDef managedsaveRemoveCommand() {
    return {"managedsave-remove", CommandGroup::kDomain, "Remove managed save of a domain",
            "Deletes the managed save image, so the next start boots afresh.", {domainOpt()},
            run};
}

}  // namespace nodevirt::cli
