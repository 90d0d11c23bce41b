// pool-define: a persistent (inactive) pool from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto pool = ctx.conn().defineStoragePoolXml(*xml, cmd.has("validate") ? lv::kStoragePoolDefineValidate : 0);
    if (!pool) return failWith(ctx, pool.error(), fmt::format("Failed to define pool from {}", *file));
    ctx.printExtra(fmt::format("Pool {} defined from {}\n", pool->name(), *file));
    return true;
}

}  // namespace

CommandDef poolDefineCommand() {
    return {"pool-define", CommandGroup::kPool, "define a persistent pool from an XML file",
            "Defines an inactive persistent storage pool, or replaces an existing definition.",
            {dataOpt("file", "XML file describing the pool"),
             boolOpt("validate", "check the XML against the schema first")},
            run};
}

}  // namespace nodevirt::cli
