// domname: convert a domain id or UUID to domain name.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    // A name needs no conversion: only ids and UUIDs are looked up.
    auto dom = lookupDomain(ctx, cmd, nullptr, kById | kByUuid);
    if (!dom) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, domainIdentityJson(*dom));
    } else {
        ctx.print(dom->name() + "\n");
    }
    return true;
}

}  // namespace

CommandDef domnameCommand() {
    return {"domname", CommandGroup::kDomain, "convert a domain id or UUID to domain name", "Prints the name of the domain.",
            {domainOpt("domain id or UUID"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
