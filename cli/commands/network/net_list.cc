// net-list: the virtual networks, as a table or as names / UUIDs.
#include <strings.h>

#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

unsigned listFlags(const ParsedCommand& cmd) {
    unsigned flags = lv::kConnectListNetworksActive;
    if (cmd.has("inactive")) flags = lv::kConnectListNetworksInactive;
    if (cmd.has("all")) flags = lv::kConnectListNetworksActive | lv::kConnectListNetworksInactive;
    if (cmd.has("persistent")) flags |= lv::kConnectListNetworksPersistent;
    if (cmd.has("transient")) flags |= lv::kConnectListNetworksTransient;
    if (cmd.has("autostart")) flags |= lv::kConnectListNetworksAutostart;
    if (cmd.has("no-autostart")) flags |= lv::kConnectListNetworksNoAutostart;
    return flags;
}

std::string autostartText(const Network& n) {
    auto a = n.autostart();
    return a ? std::string(yesNo(*a)) : std::string("no autostart");
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    const int shown = (cmd.has("table") ? 1 : 0) + (cmd.has("name") ? 1 : 0) + (cmd.has("uuid") ? 1 : 0);
    if (shown > 1) {
        ctx.error("Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    auto nets = ctx.conn().listAllNetworks(listFlags(cmd));
    if (!nets) return failWith(ctx, nets.error(), "Failed to list networks");
    std::sort(nets->begin(), nets->end(), [](const Network& a, const Network& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    if (wantJson(ctx, cmd)) {
        auto arr = nlohmann::ordered_json::array();
        for (const Network& n : *nets) {
            auto active = n.isActive();
            auto persistent = n.isPersistent();
            auto autostart = n.autostart();
            arr.push_back({{"name", n.name()},
                           {"uuid", n.uuidString()},
                           {"active", active ? nlohmann::ordered_json(*active) : nullptr},
                           {"persistent", persistent ? nlohmann::ordered_json(*persistent) : nullptr},
                           {"autostart", autostart ? nlohmann::ordered_json(*autostart) : nullptr}});
        }
        printJson(ctx, {{"networks", arr}});
        return true;
    }
    if (cmd.has("name") || cmd.has("uuid")) {
        std::string out;
        for (const Network& n : *nets) out += (cmd.has("uuid") ? n.uuidString() : n.name()) + "\n";
        ctx.print(out);
        return true;
    }
    Table table({"Name", "State", "Autostart", "Persistent"});
    for (const Network& n : *nets) {
        auto active = n.isActive();
        auto persistent = n.isPersistent();
        table.addRow({n.name(), active && *active ? "active" : "inactive", autostartText(n),
                      std::string(yesNo(persistent && *persistent))});
    }
    ctx.print(table.render(!ctx.flags().quiet));
    return true;
}

}  // namespace

CommandDef netListCommand() {
    return {"net-list", CommandGroup::kNetwork, "list networks",
            "Lists the active virtual networks, or with --all also the inactive ones.",
            {boolOpt("inactive", "list inactive networks"),
             boolOpt("all", "list inactive and active networks"),
             boolOpt("persistent", "list persistent networks"),
             boolOpt("transient", "list transient networks"),
             boolOpt("autostart", "list networks that start at boot"),
             boolOpt("no-autostart", "list networks that do not start at boot"),
             boolOpt("uuid", "print UUIDs only"), boolOpt("name", "print names only"),
             boolOpt("table", "print a table (the default)"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
