// vol-resize: change the capacity of a volume (absolute, or --delta relative).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/commands/volume/volume_util.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = 0;
    if (cmd.has("allocate")) flags |= lv::kStorageVolResizeAllocate;
    if (cmd.has("delta")) flags |= lv::kStorageVolResizeDelta;
    if (cmd.has("shrink")) flags |= lv::kStorageVolResizeShrink;
    std::string name;
    auto vol = lookupVolume(ctx, cmd, &name);
    if (!vol) return false;
    std::optional<std::string> text;
    if (!cmd.getString(ctx, "capacity", text)) return false;
    std::string size_text = *text;
    if (!size_text.empty() && size_text[0] == '-') {
        // A negative size shrinks by that amount.
        size_text.erase(0, 1);
        if (!cmd.has("shrink")) {
            ctx.error("negative size requires --shrink");
            return false;
        }
        flags |= lv::kStorageVolResizeDelta;
    }
    auto capacity = parseVolumeSize(size_text);
    if (!capacity) {
        ctx.error(fmt::format("Malformed size {}", *text));
        return false;
    }
    const bool delta = (flags & lv::kStorageVolResizeDelta) != 0;
    if (auto st = vol->resize(*capacity, flags); !st) {
        return failWith(ctx, st.error(),
                        fmt::format("Failed to change size of volume '{}' {} {}", name,
                                    delta ? "by" : "to", size_text));
    }
    ctx.printExtra(fmt::format("Size of volume '{}' successfully changed {} {}\n", name,
                               delta ? "by" : "to", size_text));
    return true;
}

}  // namespace

CommandDef volResizeCommand() {
    return {"vol-resize", CommandGroup::kVolume, "resize a vol",
            "Changes the capacity of a volume (bytes unless a unit is given; --delta adds, a "
            "negative size with --shrink removes).",
            {dataOpt("vol", "volume name, key or path"), dataOpt("capacity", "the new capacity"),
             stringOpt("pool", "pool name or UUID"), boolOpt("allocate", "allocate the new space"),
             boolOpt("delta", "change the capacity by this amount"),
             boolOpt("shrink", "allow shrinking")},
            run};
}

}  // namespace nodevirt::cli
