// vol-delete: delete a volume.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto vol = lookupVolume(ctx, cmd, &name);
    if (!vol) return false;
    const unsigned flags = cmd.has("delete-snapshots") ? lv::kStorageVolDeleteWithSnapshots : 0;
    if (auto st = vol->remove(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to delete vol {}", name));
    }
    ctx.printExtra(fmt::format("Vol {} deleted\n", name));
    return true;
}

}  // namespace

CommandDef volDeleteCommand() {
    return {"vol-delete", CommandGroup::kVolume, "delete a vol",
            "Deletes a volume and its data.",
            {dataOpt("vol", "volume name, key or path"), stringOpt("pool", "pool name or UUID"),
             boolOpt("delete-snapshots", "also delete the volume's snapshots")},
            run};
}

}  // namespace nodevirt::cli
