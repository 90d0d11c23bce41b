// iface-dumpxml: the XML description of a host interface.
#include "cli/command_util.h"
#include "cli/commands/iface/iface_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"

namespace nodevirt::cli {
namespace {

constexpr unsigned kXmlInactive = 1;  // VIR_INTERFACE_XML_INACTIVE

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto iface = lookupInterface(ctx, cmd);
    if (!iface) return false;
    auto xml = iface->xmlDesc(cmd.has("inactive") ? kXmlInactive : 0);
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef ifaceDumpxmlCommand() {
    return {"iface-dumpxml", CommandGroup::kInterface, "interface information in XML",
            "Prints the XML description of a host interface.",
            {dataOpt("interface", "interface name or MAC address"),
             boolOpt("inactive", "the persistent definition"), xpathOption(), wrapOption()},
            run};
}

}  // namespace nodevirt::cli
