// net-destroy: stop a network.
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
    if (auto st = net->destroy(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to destroy network {}", name));
    }
    ctx.printExtra(fmt::format("Network {} destroyed\n", name));
    return true;
}

}  // namespace

CommandDef netDestroyCommand() {
    return {"net-destroy", CommandGroup::kNetwork, "destroy (stop) a network", "Stops an active network; a transient network disappears.",
            {dataOpt("network", "network name or UUID")}, run};
}

}  // namespace nodevirt::cli
