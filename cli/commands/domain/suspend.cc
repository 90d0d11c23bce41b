// suspend: pause a running domain (its memory stays allocated).
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    return runDomainAction(
        ctx, cmd, [](const Domain& d) { return d.suspend(); }, "Domain '{}' suspended\n",
        "Failed to suspend domain '{}'");
}

}  // namespace

CommandDef suspendCommand() {
    return {"suspend", CommandGroup::kDomain, "suspend a domain",
            "Pauses a running domain; resume continues it.", {domainOpt()}, run};
}

}  // namespace nodevirt::cli
