// pool-undefine: remove a pool's definition.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto pool = lookupPool(ctx, cmd, &name);
    if (!pool) return false;
    if (auto st = pool->undefine(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to undefine pool {}", name));
    }
    ctx.printExtra(fmt::format("Pool {} has been undefined\n", name));
    return true;
}

}  // namespace

CommandDef poolUndefineCommand() {
    return {"pool-undefine", CommandGroup::kPool, "undefine an inactive pool", "Removes the persistent definition of an inactive pool.",
            {dataOpt("pool", "pool name or UUID")}, run};
}

}  // namespace nodevirt::cli
