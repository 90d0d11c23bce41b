// iface-mac: the MAC address of a host interface.
#include "cli/command_util.h"
#include "cli/commands/iface/iface_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> name;
    if (!cmd.getString(ctx, "interface", name)) return false;
    auto iface = ctx.conn().lookupInterfaceByName(*name);
    if (!iface) return failWith(ctx, iface.error(), "failed to get interface '" + *name + "'");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", iface->name()}, {"mac", iface->mac()}});
    } else {
        ctx.print(iface->mac() + "\n");
    }
    return true;
}

}  // namespace

CommandDef ifaceMacCommand() {
    return {"iface-mac", CommandGroup::kInterface, "convert an interface name to interface MAC address",
            "Prints the MAC address of the interface.",
            {dataOpt("interface", "interface name"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
