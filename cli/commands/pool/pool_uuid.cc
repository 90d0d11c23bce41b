// pool-uuid: the UUID of a pool given by name.
#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd, nullptr, "pool", kByName);
    if (!pool) return false;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", pool->name()}, {"uuid", pool->uuidString()}});
    } else {
        ctx.print(pool->uuidString() + "\n");
    }
    return true;
}

}  // namespace

CommandDef poolUuidCommand() {
    return {"pool-uuid", CommandGroup::kPool, "convert a pool name to pool UUID",
            "Prints the UUID of the pool.", {dataOpt("pool", "pool name"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
