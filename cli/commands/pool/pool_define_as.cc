// pool-define-as: define a pool from options instead of an XML file.
#include "cli/commands/pool/pool_commands.h"
#include "cli/commands/pool/pool_xml.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) { return runPoolAs(ctx, cmd, false); }

}  // namespace

CommandDef poolDefineAsCommand() {
    return {"pool-define-as", CommandGroup::kPool, "define a pool from a set of args",
            "Defines an inactive persistent pool from the options (--print-xml shows the XML).",
            poolAsOptions(false), run};
}

}  // namespace nodevirt::cli
