// resume: continue a paused domain.
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    return runDomainAction(
        ctx, cmd, [](const Domain& d) { return d.resume(); }, "Domain '{}' resumed\n",
        "Failed to resume domain '{}'");
}

}  // namespace

CommandDef resumeCommand() {
    return {"resume", CommandGroup::kDomain, "resume a domain",
            "Continues a domain paused by suspend.", {domainOpt()}, run};
}

}  // namespace nodevirt::cli
