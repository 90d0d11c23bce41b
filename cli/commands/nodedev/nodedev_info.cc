// nodedev-info: parent, state and persistence of a host device.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/nodedev/nodedev_commands.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dev = lookupNodeDevice(ctx, cmd);
    if (!dev) return false;
    auto parent = dev->parent();
    auto active = dev->isActive();
    auto persistent = dev->isPersistent();
    auto autostart = dev->autostart();
    if (!active) return failWith(ctx, active.error());
    if (!persistent) return failWith(ctx, persistent.error());
    const std::string parent_name = parent && *parent ? **parent : std::string();
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", dev->name()}, {"parent", parent_name.empty() ? Json() : Json(parent_name)},
                        {"active", *active}, {"persistent", *persistent},
                        {"autostart", autostart ? Json(*autostart) : Json()}});
        return true;
    }
    auto line = [](std::string_view label, std::string_view value) {
        return fmt::format("{:<15} {}\n", label, value);
    };
    ctx.print(line("Name:", dev->name()) + line("Parent:", parent_name) +
              line("Active:", yesNo(*active)) + line("Persistent:", yesNo(*persistent)) +
              line("Autostart:", autostart ? yesNo(*autostart) : "no autostart"));
    return true;
}

}  // namespace

CommandDef nodedevInfoCommand() {
    return {"nodedev-info", CommandGroup::kNodeDevice, "node device information",
            "Prints the parent, state, persistence and autostart of a host device.",
            {dataOpt("device", "device name"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
