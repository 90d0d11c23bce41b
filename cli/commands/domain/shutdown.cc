// shutdown: ask a domain to shut down.
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = parseShutdownModes(ctx, cmd, false);
    if (!flags) return false;
    return runDomainAction(
        ctx, cmd, [&](const Domain& d) { return d.shutdown(*flags); },
        "Domain '{}' is being shutdown\n", "Failed to shutdown domain '{}'");
}

}  // namespace

CommandDef shutdownCommand() {
    return {"shutdown", CommandGroup::kDomain, "gracefully shutdown a domain",
            "Asks the guest to shut down; --mode chooses how (acpi, agent, initctl, signal, "
            "paravirt; several separated by commas).",
            {domainOpt(), stringOpt("mode", "how to ask: acpi|agent|initctl|signal|paravirt")},
            run};
}

}  // namespace nodevirt::cli
