// vol-path: the path of a volume.
#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto vol = lookupVolume(ctx, cmd, nullptr, "vol", "pool");
    if (!vol) return false;
    auto v = vol->path();
    if (!v) return failWith(ctx, v.error());
    const std::string text = *v;
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"path", text}});
    } else {
        ctx.print(text + "\n");
    }
    return true;
}

}  // namespace

CommandDef volPathCommand() {
    return {"vol-path", CommandGroup::kVolume, "returns the volume path for a given volume name or key", "Prints the path of a volume.",
            {dataOpt("vol", "volume name, key or path"), stringOpt("pool", "pool name or UUID"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
