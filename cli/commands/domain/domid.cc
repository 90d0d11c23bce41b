// domid: convert a domain name or UUID to domain id.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    // An id already names a running domain: only names and UUIDs are looked up.
    auto dom = lookupDomain(ctx, cmd, nullptr, kByName | kByUuid);
    if (!dom) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, domainIdentityJson(*dom));
    } else {
        ctx.print(dom->id() >= 0 ? fmt::format("{}\n", dom->id()) : std::string("-\n"));
    }
    return true;
}

}  // namespace

CommandDef domidCommand() {
    return {"domid", CommandGroup::kDomain, "convert a domain name or UUID to domain id", "Prints the id of a running domain, '-' for an inactive one.",
            {domainOpt("domain name or UUID"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
