// pool-delete: delete a pool's storage.
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
    if (auto st = pool->remove(); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to delete pool {}", name));
    }
    ctx.printExtra(fmt::format("Pool {} deleted\n", name));
    return true;
}

}  // namespace

CommandDef poolDeleteCommand() {
    return {"pool-delete", CommandGroup::kPool, "delete a pool", "Deletes the pool's underlying storage (the opposite of pool-build).",
            {dataOpt("pool", "pool name or UUID")}, run};
}

}  // namespace nodevirt::cli
