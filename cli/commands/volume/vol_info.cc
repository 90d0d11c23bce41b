// vol-info: type and sizes of a storage volume.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto vol = lookupVolume(ctx, cmd);
    if (!vol) return false;
    const bool physical = cmd.has("physical");
    std::string out = fmt::format("{:<15} {}\n", "Name:", vol->name());
    auto info = vol->info(physical ? lv::kStorageVolGetPhysical : 0);
    if (!info) {
        ctx.print(out);
        return failWith(ctx, info.error());
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", vol->name()},
                        {"key", vol->key()},
                        {"pool", vol->poolName()},
                        {"type", volumeTypeName(info->type)},
                        {"capacity", info->capacity},
                        {physical ? "physical" : "allocation", info->allocation}});
        return true;
    }
    const bool bytes = cmd.has("bytes");
    auto size = [&](uint64_t v) { return bytes ? fmt::format("{} bytes", v) : prettyCapacity(v); };
    out += fmt::format("{:<15} {}\n", "Type:", volumeTypeName(info->type));
    out += fmt::format("{:<15} {}\n", "Capacity:", size(info->capacity));
    out += fmt::format("{:<15} {}\n", physical ? "Physical:" : "Allocation:", size(info->allocation));
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef volInfoCommand() {
    return {"vol-info", CommandGroup::kVolume, "storage vol information",
            "Prints the type, capacity and allocation of a volume (by name with --pool, key "
            "or path).",
            {dataOpt("vol", "volume name, key or path"), stringOpt("pool", "pool name or UUID"),
             boolOpt("bytes", "sizes in bytes"),
             boolOpt("physical", "the physical size instead of the allocation"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
