// net-start: start an inactive network.
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
    if (auto st = net->create(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to start network {}", name));
    }
    ctx.printExtra(fmt::format("Network {} started\n", name));
    return true;
}

}  // namespace

CommandDef netStartCommand() {
    return {"net-start", CommandGroup::kNetwork, "start a (previously defined) inactive network", "Starts an inactive network.",
            {dataOpt("network", "network name or UUID")}, run};
}

}  // namespace nodevirt::cli
