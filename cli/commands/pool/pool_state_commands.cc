// pool-destroy, pool-delete, pool-refresh, pool-undefine: one call on one pool, one line of
// output. (pool-start and pool-build take flags and have files of their own.)
#include <fmt/format.h>

#include <string_view>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

// What one command does: the call, the verb of its error line and the end of its done line.
struct Destroy {
    static constexpr std::string_view kVerb = "destroy", kDone = "destroyed";
    static Status act(const StoragePool& p) { return p.destroy(); }
};
struct Delete {
    static constexpr std::string_view kVerb = "delete", kDone = "deleted";
    static Status act(const StoragePool& p) { return p.remove(); }
};
struct Refresh {
    static constexpr std::string_view kVerb = "refresh", kDone = "refreshed";
    static Status act(const StoragePool& p) { return p.refresh(); }
};
struct Undefine {
    static constexpr std::string_view kVerb = "undefine", kDone = "has been undefined";
    static Status act(const StoragePool& p) { return p.undefine(); }
};

template <typename Action>
bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto pool = lookupPool(ctx, cmd, &name);
    if (!pool) return false;
    if (auto st = Action::act(*pool); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to {} pool {}", Action::kVerb, name));
    }
    ctx.printExtra(fmt::format("Pool {} {}\n", name, Action::kDone));
    return true;
}

std::vector<OptionDef> poolArg() { return {dataOpt("pool", "pool name or UUID")}; }

}  // namespace

CommandDef poolDestroyCommand() {
    return {"pool-destroy", CommandGroup::kPool, "destroy (stop) a pool",
            "Stops an active pool; the data stays.", poolArg(), run<Destroy>};
}

CommandDef poolDeleteCommand() {
    return {"pool-delete", CommandGroup::kPool, "delete a pool",
            "Deletes the pool's underlying storage (the opposite of pool-build).", poolArg(),
            run<Delete>};
}

CommandDef poolRefreshCommand() {
    return {"pool-refresh", CommandGroup::kPool, "refresh a pool", "Rescans the pool's volumes.",
            poolArg(), run<Refresh>};
}

CommandDef poolUndefineCommand() {
    return {"pool-undefine", CommandGroup::kPool, "undefine an inactive pool",
            "Removes the persistent definition of an inactive pool.", poolArg(), run<Undefine>};
}

}  // namespace nodevirt::cli
