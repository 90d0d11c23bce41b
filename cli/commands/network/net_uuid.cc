// net-uuid: the UUID of a network given by name.
#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto net = lookupNetwork(ctx, cmd, nullptr, "network", kByName);
    if (!net) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", net->name()}, {"uuid", net->uuidString()}});
    } else {
        ctx.print(net->uuidString() + "\n");
    }
    return true;
}

}  // namespace

CommandDef netUuidCommand() {
    return {"net-uuid", CommandGroup::kNetwork, "convert a network name to network UUID",
            "Prints the UUID of the network.", {dataOpt("network", "network name"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
