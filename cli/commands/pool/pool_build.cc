// pool-build: build a pool's storage.
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
    if (cmd.has("no-overwrite")) flags |= lv::kStoragePoolBuildNoOverwrite;
    if (cmd.has("overwrite")) flags |= lv::kStoragePoolBuildOverwrite;
    std::string name;
    auto pool = lookupPool(ctx, cmd, &name);
    if (!pool) return false;
    if (auto st = pool->build(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to build pool {}", name));
    }
    ctx.printExtra(fmt::format("Pool {} built\n", name));
    return true;
}

}  // namespace

CommandDef poolBuildCommand() {
    return {"pool-build", CommandGroup::kPool, "build a pool", "Builds the pool's underlying storage (e.g. creates the directory).",
            {dataOpt("pool", "pool name or UUID"),
             boolOpt("no-overwrite", "do not overwrite existing data"),
             boolOpt("overwrite", "overwrite existing data")}, run};
}

}  // namespace nodevirt::cli
