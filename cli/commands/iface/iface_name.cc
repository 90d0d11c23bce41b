// iface-name: the name of the host interface with a MAC address.
#include "cli/command_util.h"
#include "cli/commands/iface/iface_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> mac;
    if (!cmd.getString(ctx, "interface", mac)) return false;
    auto iface = ctx.conn().lookupInterfaceByMac(*mac);
    if (!iface) return failWith(ctx, iface.error(), "failed to get interface '" + *mac + "'");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", iface->name()}, {"mac", iface->mac()}});
    } else {
        ctx.print(iface->name() + "\n");
    }
    return true;
}

}  // namespace

CommandDef ifaceNameCommand() {
    return {"iface-name", CommandGroup::kInterface, "convert an interface MAC address to interface name",
            "Prints the name of the interface with the MAC address.",
            {dataOpt("interface", "interface MAC address"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
