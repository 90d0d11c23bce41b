// uri: the canonical URI of the connection.
#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto uri = ctx.conn().uri();
    if (!uri) return failWith(ctx, uri.error(), "failed to get URI");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"uri", *uri}});
    } else {
        ctx.print(*uri + "\n");
    }
    return true;
}

}  // namespace

CommandDef uriCommand() {
    return {"uri", CommandGroup::kHost, "print the canonical URI of the connection",
            "Prints the URI the connection was opened with, as the driver names it.",
            {jsonOption()}, run};
}

}  // namespace nodevirt::cli
