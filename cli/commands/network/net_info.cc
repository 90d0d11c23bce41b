// net-info: basic information about a virtual network.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto net = lookupNetwork(ctx, cmd);
    if (!net) return false;
    auto line = [](std::string_view label, std::string_view value) {
        return fmt::format("{:<15} {}\n", label, value);
    };
    Json json{{"name", net->name()}, {"uuid", net->uuidString()}};
    std::string out = line("Name:", net->name()) + line("UUID:", net->uuidString());
    if (auto active = net->isActive()) {
        out += line("Active:", yesNo(*active));
        json["active"] = *active;
    }
    auto persistent = net->isPersistent();
    out += line("Persistent:", persistent ? yesNo(*persistent) : "unknown");
    json["persistent"] = persistent ? Json(*persistent) : Json();
    auto autostart = net->autostart();
    out += line("Autostart:", autostart ? yesNo(*autostart) : "no autostart");
    json["autostart"] = autostart ? Json(*autostart) : Json();
    auto bridge = net->bridgeName();
    if (bridge) out += line("Bridge:", *bridge);
    json["bridge"] = bridge ? Json(*bridge) : Json();
    if (wantJson(ctx, cmd)) {
        printJson(ctx, json);
    } else {
        ctx.print(out);
    }
    return true;
}

}  // namespace

CommandDef netInfoCommand() {
    return {"net-info", CommandGroup::kNetwork, "network information",
            "Prints the state, persistence, autostart and bridge of a virtual network.",
            {dataOpt("network", "network name or UUID"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
