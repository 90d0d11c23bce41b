// pool-create-as: create (start) a transient pool from options instead of an XML file.
#include "cli/commands/pool/pool_commands.h"
#include "cli/commands/pool/pool_xml.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) { return runPoolAs(ctx, cmd, true); }

}  // namespace

CommandDef poolCreateAsCommand() {
    return {"pool-create-as", CommandGroup::kPool, "create a pool from a set of args",
            "Starts a transient pool from the options (--print-xml shows the XML).",
            poolAsOptions(true), run};
}

}  // namespace nodevirt::cli
