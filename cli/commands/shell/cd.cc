// cd / pwd: the shell's working directory (cd only in the interactive shell).
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/shell/shell_commands.h"

namespace nodevirt::cli {
namespace {

bool runCd(Context& ctx, const ParsedCommand& cmd) {
    if (!ctx.flags().interactive) {
        ctx.error("cd: command valid only in interactive mode");
        return false;
    }
    std::optional<std::string> dir;
    if (!cmd.getString(ctx, "dir", dir)) return false;
    if (!dir) {
        const char* home = std::getenv("HOME");
        dir = home != nullptr && *home ? home : "/";
    }
    if (::chdir(dir->c_str()) != 0) {
        ctx.error(fmt::format("cd: {}: {}", std::strerror(errno), *dir));
        return false;
    }
    return true;
}

bool runPwd(Context& ctx, const ParsedCommand&) {
    char buf[PATH_MAX];
    if (::getcwd(buf, sizeof buf) == nullptr) {
        ctx.error(fmt::format("pwd: cannot get current directory: {}", std::strerror(errno)));
        return false;
    }
    ctx.print(fmt::format("{}\n", buf));
    return true;
}

}  // namespace

CommandDef cdCommand() {
    return {"cd", CommandGroup::kShell, "change the current directory",
            "Changes the working directory of the interactive shell.",
            {stringOpt("dir", "the directory (default: $HOME, else /)")}, runCd, kCmdNoConnect};
}

CommandDef pwdCommand() {
    return {"pwd", CommandGroup::kShell, "print the current directory",
            "Prints the working directory.", {}, runPwd, kCmdNoConnect};
}

}  // namespace nodevirt::cli
