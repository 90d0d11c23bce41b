// maxvcpus: the largest vcpu count a domain may have on this connection.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> type;
    if (!cmd.getString(ctx, "type", type)) return false;
    auto n = ctx.conn().maxVcpus(type);
    if (!n) return failWith(ctx, n.error());
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"max_vcpus", *n}});
    } else {
        ctx.print(fmt::format("{}\n", *n));
    }
    return true;
}

}  // namespace

CommandDef maxvcpusCommand() {
    return {"maxvcpus", CommandGroup::kHost, "connection vcpu maximum",
            "Prints the maximum number of virtual CPUs a domain of the given type may have.",
            {stringOpt("type", "domain type"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
