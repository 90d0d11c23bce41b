// capabilities: the hypervisor's capabilities XML.
#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand&) {
    auto caps = ctx.conn().capabilities();
    if (!caps) return failWith(ctx, caps.error(), "failed to get capabilities");
    ctx.print(*caps + "\n");
    return true;
}

}  // namespace

CommandDef capabilitiesCommand() {
    return {"capabilities", CommandGroup::kHost, "capabilities",
            "Prints the capabilities of the hypervisor and the node as XML.", {}, run};
}

}  // namespace nodevirt::cli
