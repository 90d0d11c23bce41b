// pool-refresh: rescan a pool.
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
    if (auto st = pool->refresh(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to refresh pool {}", name));
    }
    ctx.printExtra(fmt::format("Pool {} refreshed\n", name));
    return true;
}

}  // namespace

CommandDef poolRefreshCommand() {
    return {"pool-refresh", CommandGroup::kPool, "refresh a pool", "Rescans the pool's volumes.",
            {dataOpt("pool", "pool name or UUID")}, run};
}

}  // namespace nodevirt::cli
