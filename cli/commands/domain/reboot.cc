// reboot: ask a domain to reboot.
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = parseShutdownModes(ctx, cmd, true);
    if (!flags) return false;
    return runDomainAction(
        ctx, cmd, [&](const Domain& d) { return d.reboot(*flags); },
        "Domain '{}' is being rebooted\n", "Failed to reboot domain '{}'");
}

}  // namespace

CommandDef rebootCommand() {
    return {"reboot", CommandGroup::kDomain, "reboot a domain",
            "Asks the guest to reboot; --mode chooses how (acpi, agent, initctl, signal, "
            "paravirt; several separated by commas).",
            {domainOpt(), stringOpt("mode", "how to ask: acpi|agent|initctl|signal|paravirt")},
            run};
}

}  // namespace nodevirt::cli
