// pool-create: start a transient pool from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "overwrite", "no-overwrite")) return false;
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    unsigned flags = 0;
    if (cmd.has("build")) flags |= lv::kStoragePoolCreateWithBuild;
    if (cmd.has("overwrite")) flags |= lv::kStoragePoolCreateWithBuildOverwrite;
    if (cmd.has("no-overwrite")) flags |= lv::kStoragePoolCreateWithBuildNoOverwrite;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto pool = ctx.conn().createStoragePoolXml(*xml, flags);
    if (!pool) return failWith(ctx, pool.error(), fmt::format("Failed to create pool from {}", *file));
    ctx.printExtra(fmt::format("Pool {} created from {}\n", pool->name(), *file));
    return true;
}

}  // namespace

CommandDef poolCreateCommand() {
    return {"pool-create", CommandGroup::kPool, "create a pool from an XML file",
            "Starts a transient storage pool from an XML description.",
            {dataOpt("file", "XML file describing the pool"), boolOpt("build", "build the pool first"),
             boolOpt("no-overwrite", "do not overwrite existing data"),
             boolOpt("overwrite", "overwrite existing data")},
            run};
}

}  // namespace nodevirt::cli
