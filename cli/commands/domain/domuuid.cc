// domuuid: convert a domain name or id to domain UUID.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    // A UUID needs no conversion: only ids and names are looked up.
    auto dom = lookupDomain(ctx, cmd, nullptr, kById | kByName);
    if (!dom) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, domainIdentityJson(*dom));
    } else {
        ctx.print(dom->uuidString() + "\n");
    }
    return true;
}

}  // namespace

CommandDef domuuidCommand() {
    return {"domuuid", CommandGroup::kDomain, "convert a domain name or id to domain UUID", "Prints the UUID of the domain.",
            {domainOpt("domain id or name"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
