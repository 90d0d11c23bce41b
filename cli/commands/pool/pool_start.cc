// pool-start: start an inactive pool.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "overwrite", "no-overwrite")) return false;
    unsigned flags = 0;
    if (cmd.has("build")) flags |= lv::kStoragePoolCreateWithBuild;
    if (cmd.has("overwrite")) flags |= lv::kStoragePoolCreateWithBuildOverwrite;
    if (cmd.has("no-overwrite")) flags |= lv::kStoragePoolCreateWithBuildNoOverwrite;
    std::string name;
    auto pool = lookupPool(ctx, cmd, &name);
    if (!pool) return false;
    if (auto st = pool->create(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to start pool {}", name));
    }
    ctx.printExtra(fmt::format("Pool {} started\n", name));
    return true;
}

}  // namespace

CommandDef poolStartCommand() {
    return {"pool-start", CommandGroup::kPool, "start a (previously defined) inactive pool", "Starts an inactive pool (--build builds it first).",
            {dataOpt("pool", "pool name or UUID"),
             boolOpt("build", "build the pool first"),
             boolOpt("no-overwrite", "do not overwrite existing data"),
             boolOpt("overwrite", "overwrite existing data")}, run};
}

}  // namespace nodevirt::cli
