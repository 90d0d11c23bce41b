// sysinfo: the host's SMBIOS description as XML.
#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand&) {
    auto info = ctx.conn().sysinfo();
    if (!info) return failWith(ctx, info.error(), "failed to get sysinfo");
    ctx.print(*info);
    return true;
}

}  // namespace

CommandDef sysinfoCommand() {
    return {"sysinfo", CommandGroup::kHost, "print the hypervisor sysinfo",
            "Prints the system information (SMBIOS) of the host as XML.", {}, run};
}

}  // namespace nodevirt::cli
