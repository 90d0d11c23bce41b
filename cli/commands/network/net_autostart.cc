// net-autostart: start the network (or not) when the host boots.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto net = lookupNetwork(ctx, cmd, &name);
    if (!net) return false;
    const bool enable = !cmd.has("disable");
    const char* un = enable ? "" : "un";
    if (auto st = net->setAutostart(enable); !st) {
        return failWith(ctx, st.error(),
                        fmt::format("failed to {}mark network {} as autostarted", un, name));
    }
    ctx.printExtra(fmt::format("Network {} {}marked as autostarted\n", name, un));
    return true;
}

}  // namespace

CommandDef netAutostartCommand() {
    return {"net-autostart", CommandGroup::kNetwork, "autostart a network",
            "Marks the network to be started when the host boots (--disable: unmarks it).",
            {dataOpt("network", "network name or UUID"),
             boolOpt("disable", "do not start the network at boot")},
            run};
}

}  // namespace nodevirt::cli
