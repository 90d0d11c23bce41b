// domhostname: the host name the guest reports.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

constexpr unsigned kSourceLease = 1;  // VIR_DOMAIN_GET_HOSTNAME_LEASE
constexpr unsigned kSourceAgent = 2;  // VIR_DOMAIN_GET_HOSTNAME_AGENT

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<std::string> source;
    if (!cmd.getString(ctx, "source", source)) return false;
    unsigned flags = 0;
    if (source) {
        if (*source == "lease") {
            flags = kSourceLease;
        } else if (*source == "agent") {
            flags = kSourceAgent;
        } else {
            ctx.error(fmt::format("Unknown data source '{}'", *source));
            return false;
        }
    }
    auto name = dom->hostname(flags);
    if (!name) return failWith(ctx, name.error(), "failed to get hostname");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"hostname", *name}});
    } else {
        ctx.print(*name + "\n");
    }
    return true;
}

}  // namespace

CommandDef domhostnameCommand() {
    return {"domhostname", CommandGroup::kDomain, "print the domain's hostname",
            "Prints the host name of the guest, from the guest agent or DHCP leases.",
            {domainOpt(), stringOpt("source", "where to get it: lease or agent"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
