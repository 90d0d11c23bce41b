// net-dumpxml: the XML description of a virtual network.
#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto net = lookupNetwork(ctx, cmd);
    if (!net) return false;
    auto xml = net->xmlDesc(cmd.has("inactive") ? lv::kNetworkXmlInactive : 0);
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef netDumpxmlCommand() {
    return {"net-dumpxml", CommandGroup::kNetwork, "network information in XML",
            "Prints the XML description of a virtual network.",
            {dataOpt("network", "network name or UUID"),
             boolOpt("inactive", "the persistent definition"), xpathOption(), wrapOption()},
            run};
}

}  // namespace nodevirt::cli
