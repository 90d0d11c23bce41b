// vol-pool: the pool a volume (given by key or path) belongs to.
#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto vol = lookupVolume(ctx, cmd, nullptr, "vol", "");
    if (!vol) return false;
    auto pool = vol->pool();
    if (!pool) return failWith(ctx, pool.error(), "failed to get parent pool");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", pool->name()}, {"uuid", pool->uuidString()}});
    } else {
        ctx.print((cmd.has("uuid") ? pool->uuidString() : pool->name()) + "\n");
    }
    return true;
}

}  // namespace

CommandDef volPoolCommand() {
    return {"vol-pool", CommandGroup::kVolume, "returns the storage pool for a given volume key or path",
            "Prints the name (or --uuid) of the pool a volume belongs to.",
            {dataOpt("vol", "volume key or path"), boolOpt("uuid", "print the pool's UUID"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
