// iface-list: the host's network interfaces.
#include <strings.h>

#include <algorithm>

#include "cli/command_util.h"
#include "cli/commands/iface/iface_commands.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "all", "inactive")) return false;
    unsigned flags = lv::kConnectListInterfacesActive;
    if (cmd.has("inactive")) flags = lv::kConnectListInterfacesInactive;
    if (cmd.has("all")) flags = lv::kConnectListInterfacesActive | lv::kConnectListInterfacesInactive;
    auto ifaces = ctx.conn().listAllInterfaces(flags);
    if (!ifaces) return failWith(ctx, ifaces.error(), "Failed to list interfaces");
    std::sort(ifaces->begin(), ifaces->end(), [](const Interface& a, const Interface& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    Table table({"Name", "State", "MAC Address"});
    auto arr = nlohmann::ordered_json::array();
    for (const Interface& i : *ifaces) {
        auto active = i.isActive();
        const bool up = active && *active;
        table.addRow({i.name(), up ? "active" : "inactive", i.mac()});
        arr.push_back({{"name", i.name()}, {"active", up}, {"mac", i.mac()}});
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"interfaces", arr}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

}  // namespace

CommandDef ifaceListCommand() {
    return {"iface-list", CommandGroup::kInterface, "list physical host interfaces",
            "Lists the active host interfaces, or with --all also the inactive ones.",
            {boolOpt("inactive", "list inactive interfaces"),
             boolOpt("all", "list inactive and active interfaces"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
