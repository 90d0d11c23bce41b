// destroy: stop a domain immediately.
#include "nodevirt/constants.h"
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = 0;
    if (cmd.has("graceful")) flags |= lv::kDomainDestroyGraceful;
    if (cmd.has("remove-logs")) flags |= lv::kDomainDestroyRemoveLogs;
    return runDomainAction(
        ctx, cmd, [&](const Domain& d) { return d.destroy(flags); },
        "Domain '{}' destroyed\n", "Failed to destroy domain '{}'");
}

}  // namespace

CommandDef destroyCommand() {
    return {"destroy", CommandGroup::kDomain, "destroy (stop) a domain",
            "Stops the domain at once, like pulling the power cord; the definition stays.",
            {domainOpt(), boolOpt("graceful", "only terminate gracefully"),
             boolOpt("remove-logs", "also remove the domain's logs")},
            run};
}

}  // namespace nodevirt::cli
