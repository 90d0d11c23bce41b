// vol-name: the name of a volume.
#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto vol = lookupVolume(ctx, cmd, nullptr, "vol", "");
    if (!vol) return false;
    const std::string text = vol->name();
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"name", text}});
    } else {
        ctx.print(text + "\n");
    }
    return true;
}

}  // namespace

CommandDef volNameCommand() {
    return {"vol-name", CommandGroup::kVolume, "returns the volume name for a given volume key or path", "Prints the name of a volume given by key or path.",
            {dataOpt("vol", "volume name, key or path"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
