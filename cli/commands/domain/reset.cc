// reset: hard-reset a domain, as the reset button would.
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    return runDomainAction(
        ctx, cmd, [](const Domain& d) { return d.reset(); }, "Domain '{}' was reset\n",
        "Failed to reset domain '{}'");
}

}  // namespace

CommandDef resetCommand() {
    return {"reset", CommandGroup::kDomain, "reset a domain",
            "Resets the domain immediately, without asking the guest.", {domainOpt()}, run};
}

}  // namespace nodevirt::cli
