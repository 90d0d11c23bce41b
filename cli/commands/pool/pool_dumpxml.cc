// pool-dumpxml: the XML description of a storage pool.
#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd);
    if (!pool) return false;
    auto xml = pool->xmlDesc(cmd.has("inactive") ? lv::kStorageXmlInactive : 0);
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef poolDumpxmlCommand() {
    return {"pool-dumpxml", CommandGroup::kPool, "pool information in XML",
            "Prints the XML description of a storage pool.",
            {dataOpt("pool", "pool name or UUID"), boolOpt("inactive", "the persistent definition"),
             xpathOption(), wrapOption()},
            run};
}

}  // namespace nodevirt::cli
