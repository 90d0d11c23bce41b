// pool-autostart: start the pool (or not) when the host boots.
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
    const bool enable = !cmd.has("disable");
    const char* un = enable ? "" : "un";
    if (auto st = pool->setAutostart(enable); !st) {
        return failWith(ctx, st.error(), fmt::format("failed to {}mark pool {} as autostarted", un, name));
    }
    ctx.printExtra(fmt::format("Pool {} {}marked as autostarted\n", name, un));
    return true;
}

}  // namespace

CommandDef poolAutostartCommand() {
    return {"pool-autostart", CommandGroup::kPool, "autostart a pool",
            "Marks the pool to be started when the host boots (--disable: unmarks it).",
            {dataOpt("pool", "pool name or UUID"), boolOpt("disable", "do not start the pool at boot")},
            run};
}

}  // namespace nodevirt::cli
