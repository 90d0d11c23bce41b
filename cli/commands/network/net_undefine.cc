// net-undefine: remove a network's persistent definition.
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
    if (auto st = net->undefine(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to undefine network {}", name));
    }
    ctx.printExtra(fmt::format("Network {} has been undefined\n", name));
    return true;
}

}  // namespace

CommandDef netUndefineCommand() {
    return {"net-undefine", CommandGroup::kNetwork, "undefine a persistent network", "Removes the persistent definition of a network (an active network must be destroyed first).",
            {dataOpt("network", "network name or UUID")}, run};
}

}  // namespace nodevirt::cli
