// net-name: the name of a network given by UUID.
#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto net = lookupNetwork(ctx, cmd, nullptr, "network", kByUuid);
    if (!net) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", net->name()}, {"uuid", net->uuidString()}});
    } else {
        ctx.print(net->name() + "\n");
    }
    return true;
}

}  // namespace

CommandDef netNameCommand() {
    return {"net-name", CommandGroup::kNetwork, "convert a network UUID to network name",
            "Prints the name of the network.", {dataOpt("network", "network UUID"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
