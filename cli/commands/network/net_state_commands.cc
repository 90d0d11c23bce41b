// net-start, net-destroy, net-undefine: one call on one network, one line of output.
#include <fmt/format.h>

#include <string_view>

#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

// What one command does: the call, the verb of its error line and the end of its done line.
struct Start {
    static constexpr std::string_view kVerb = "start", kDone = "started";
    static Status act(const Network& n) { return n.create(); }
};
struct Destroy {
    static constexpr std::string_view kVerb = "destroy", kDone = "destroyed";
    static Status act(const Network& n) { return n.destroy(); }
};
struct Undefine {
    static constexpr std::string_view kVerb = "undefine", kDone = "has been undefined";
    static Status act(const Network& n) { return n.undefine(); }
};

template <typename Action>
bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto net = lookupNetwork(ctx, cmd, &name);
    if (!net) return false;
    if (auto st = Action::act(*net); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to {} network {}", Action::kVerb, name));
    }
    ctx.printExtra(fmt::format("Network {} {}\n", name, Action::kDone));
    return true;
}

std::vector<OptionDef> networkArg() { return {dataOpt("network", "network name or UUID")}; }

}  // namespace

CommandDef netStartCommand() {
    return {"net-start", CommandGroup::kNetwork, "start a (previously defined) inactive network",
            "Starts an inactive network.", networkArg(), run<Start>};
}

CommandDef netDestroyCommand() {
    return {"net-destroy", CommandGroup::kNetwork, "destroy (stop) a network",
            "Stops an active network; a transient network disappears.", networkArg(), run<Destroy>};
}

CommandDef netUndefineCommand() {
    return {"net-undefine", CommandGroup::kNetwork, "undefine a persistent network",
            "Removes the persistent definition of a network (an active network must be destroyed "
            "first).",
            networkArg(), run<Undefine>};
}

}  // namespace nodevirt::cli
