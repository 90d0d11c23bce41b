// vol-list: the volumes of a pool (--details: type and sizes).
#include <strings.h>

#include <algorithm>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "cli/table.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd);
    if (!pool) return false;
    auto vols = pool->listAllVolumes();
    if (!vols) return failWith(ctx, vols.error(), "Failed to list volumes");
    std::sort(vols->begin(), vols->end(), [](const StorageVolume& a, const StorageVolume& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    const bool details = cmd.has("details");
    Table table(details ? std::vector<std::string>{"Name", "Path", "Type", "Capacity", "Allocation"}
                        : std::vector<std::string>{"Name", "Path"});
    auto arr = Json::array();
    for (const StorageVolume& v : *vols) {
        auto path = v.path();
        const std::string path_text = path ? *path : std::string();
        Json j{{"name", v.name()}, {"path", path ? Json(*path) : Json()}, {"key", v.key()}};
        auto info = v.info();
        if (info) {
            j["type"] = volumeTypeName(info->type);
            j["capacity"] = info->capacity;
            j["allocation"] = info->allocation;
        }
        arr.push_back(std::move(j));
        if (!details) {
            table.addRow({v.name(), path_text});
        } else if (info) {
            table.addRow({v.name(), path_text, std::string(volumeTypeName(info->type)),
                          prettyCapacity(info->capacity), prettyCapacity(info->allocation)});
        } else {
            table.addRow({v.name(), path_text, "unknown", "unknown", "unknown"});
        }
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"volumes", arr}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

}  // namespace

CommandDef volListCommand() {
    return {"vol-list", CommandGroup::kVolume, "list vols",
            "Lists the volumes of a storage pool: name and path (--details adds type and sizes).",
            {dataOpt("pool", "pool name or UUID"), boolOpt("details", "add type and sizes"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
