// vol-key: the key of a volume.
#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto vol = lookupVolume(ctx, cmd, nullptr, "vol", "pool");
    if (!vol) return false;
    const std::string text = vol->key();
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"key", text}});
    } else {
        ctx.print(text + "\n");
    }
    return true;
}

}  // namespace

CommandDef volKeyCommand() {
    return {"vol-key", CommandGroup::kVolume, "returns the volume key for a given volume name or path", "Prints the key of a volume.",
            {dataOpt("vol", "volume name, key or path"), stringOpt("pool", "pool name or UUID"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
