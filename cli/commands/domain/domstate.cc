// domstate: the state of a domain, optionally with the reason it is in it.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto st = queryDomainState(ctx, *dom);
    if (!st) return false;
    const std::string_view state = domainStateName(st->state);
    const std::string_view reason = domainStateReasonName(st->state, st->reason);
    if (wantJson(ctx, cmd)) {
        auto doc = domainIdentityJson(*dom);
        doc["state"] = state;
        doc["reason"] = reason;
        printJson(ctx, doc);
    } else if (cmd.has("reason")) {
        ctx.print(fmt::format("{} ({})\n", state, reason));
    } else {
        ctx.print(fmt::format("{}\n", state));
    }
    return true;
}

}  // namespace

CommandDef domstateCommand() {
    return {"domstate", CommandGroup::kMonitor, "domain state",
            "Prints the state of a domain (running, paused, shut off, ...).",
            {domainOpt(), boolOpt("reason", "also print why the domain is in that state"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
