// hostname: the host name of the hypervisor's node.
#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto name = ctx.conn().hostname();
    if (!name) return failWith(ctx, name.error(), "failed to get hostname");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"hostname", *name}});
    } else {
        ctx.print(*name + "\n");
    }
    return true;
}

}  // namespace

CommandDef hostnameCommand() {
    return {"hostname", CommandGroup::kHost, "print the hypervisor's host name",
            "Prints the host name of the node the connection is on.", {jsonOption()}, run};
}

}  // namespace nodevirt::cli
