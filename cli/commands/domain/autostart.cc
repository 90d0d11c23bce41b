// autostart: start the domain (or not) when the host boots.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    const bool enable = !cmd.has("disable");
    if (auto st = dom->setAutostart(enable); !st) {
        return failWith(ctx, st.error(),
                        fmt::format("Failed to {}mark domain '{}' as autostarted",
                                    enable ? "" : "un", name));
    }
    ctx.printExtra(fmt::format("Domain '{}' {}marked as autostarted\n", name, enable ? "" : "un"));
    return true;
}

}  // namespace

CommandDef autostartCommand() {
    return {"autostart", CommandGroup::kDomain, "autostart a domain",
            "Marks the domain to be started when the host boots (--disable: unmarks it).",
            {domainOpt(), boolOpt("disable", "do not start the domain at boot")}, run};
}

}  // namespace nodevirt::cli
