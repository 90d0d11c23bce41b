// secret-dumpxml: the XML attributes of a secret.
#include "cli/command_util.h"
#include "cli/commands/secret/secret_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto secret = lookupSecret(ctx, cmd);
    if (!secret) return false;
    auto xml = secret->xmlDesc();
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef secretDumpxmlCommand() {
    return {"secret-dumpxml", CommandGroup::kSecret, "secret attributes in XML",
            "Prints the XML description of a secret (not its value).",
            {dataOpt("secret", "secret UUID"), xpathOption(), wrapOption()}, run};
}

}  // namespace nodevirt::cli
