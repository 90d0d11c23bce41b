// vol-create: create a volume in a pool from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd);
    if (!pool) return false;
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    unsigned flags = 0;
    if (cmd.has("prealloc-metadata")) flags |= lv::kStorageVolCreatePreallocMetadata;
    if (cmd.has("validate")) flags |= lv::kStorageVolCreateValidate;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto vol = pool->createVolumeXml(*xml, flags);
    if (!vol) return failWith(ctx, vol.error(), fmt::format("Failed to create vol from {}", *file));
    ctx.printExtra(fmt::format("Vol {} created from {}\n", vol->name(), *file));
    return true;
}

}  // namespace

CommandDef volCreateCommand() {
    return {"vol-create", CommandGroup::kVolume, "create a vol from an XML file",
            "Creates a volume in the pool from an XML description.",
            {dataOpt("pool", "pool name or UUID"), dataOpt("file", "XML file describing the volume"),
             boolOpt("prealloc-metadata", "preallocate metadata (qcow2)"),
             boolOpt("validate", "check the XML against the schema first")},
            run};
}

}  // namespace nodevirt::cli
