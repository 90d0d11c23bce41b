// pool-name: the name of a pool given by UUID.
#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd, nullptr, "pool", kByUuid);
    if (!pool) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", pool->name()}, {"uuid", pool->uuidString()}});
    } else {
        ctx.print(pool->name() + "\n");
    }
    return true;
}

}  // namespace

CommandDef poolNameCommand() {
    return {"pool-name", CommandGroup::kPool, "convert a pool UUID to pool name",
            "Prints the name of the pool.", {dataOpt("pool", "pool UUID"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
