// quit / exit: leave the shell (in a command string: stop running further commands).
#include "cli/command_util.h"
#include "cli/commands/shell/shell_commands.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand&) {
    ctx.exitRequested() = true;
    return true;
}

}  // namespace

CommandDef quitCommand() {
    return {"quit", CommandGroup::kShell, "quit this interactive terminal",
            "Leaves the interactive shell.", {}, run, kCmdNoConnect};
}

CommandDef exitCommand() {
    return {"exit", CommandGroup::kShell, "quit this interactive terminal",
            "Leaves the interactive shell.", {}, run, kCmdNoConnect};
}

}  // namespace nodevirt::cli
