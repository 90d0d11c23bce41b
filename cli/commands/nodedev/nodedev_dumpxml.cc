// nodedev-dumpxml: the XML description of a host device.
#include "cli/command_util.h"
#include "cli/commands/nodedev/nodedev_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dev = lookupNodeDevice(ctx, cmd);
    if (!dev) return false;
    auto xml = dev->xmlDesc();
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef nodedevDumpxmlCommand() {
    return {"nodedev-dumpxml", CommandGroup::kNodeDevice, "node device details in XML",
            "Prints the XML description of a host device.",
            {dataOpt("device", "device name or wwn pair in 'wwnn,wwpn' format"), xpathOption(),
             wrapOption()},
            run};
}

}  // namespace nodevirt::cli
