// connect: close the current connection and open another (or the same URI again).
#include "cli/command_util.h"
#include "cli/commands/shell/shell_commands.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> name;
    if (!cmd.getString(ctx, "name", name)) return false;
    // Reconnecting to the current URI keeps its read-only mode unless --readonly is given.
    bool readonly = cmd.has("readonly");
    if (!readonly && !name) readonly = ctx.flags().readonly;
    ctx.closeConnection();
    const std::string uri = name ? *name : ctx.requestedUri();
    auto conn = Connection::open(uri, readonly ? OpenFlags::kReadOnly : OpenFlags::kNone);
    if (!conn) return failWith(ctx, conn.error(), "failed to connect to the hypervisor");
    ctx.setConnection(std::move(*conn));
    if (name) ctx.requestedUri() = *name;
    ctx.flags().readonly = readonly;
    return true;
}

}  // namespace

CommandDef connectCommand() {
    return {"connect", CommandGroup::kShell, "(re)connect to hypervisor",
            "Closes the current connection and opens the given URI (default: the current "
            "one).",
            {stringOpt("name", "hypervisor connection URI"),
             boolOpt("readonly", "open a read-only connection")},
            run, kCmdNoConnect};
}

}  // namespace nodevirt::cli
