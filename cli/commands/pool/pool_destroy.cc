// pool-destroy: stop a pool.
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
    if (auto st = pool->destroy(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to destroy pool {}", name));
    }
    ctx.printExtra(fmt::format("Pool {} destroyed\n", name));
    return true;
}

}  // namespace

CommandDef poolDestroyCommand() {
    return {"pool-destroy", CommandGroup::kPool, "destroy (stop) a pool", "Stops an active pool; the data stays.",
            {dataOpt("pool", "pool name or UUID")}, run};
}

}  // namespace nodevirt::cli
