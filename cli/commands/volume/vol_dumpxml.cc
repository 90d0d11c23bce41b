// vol-dumpxml: the XML description of a storage volume.
#include "cli/command_util.h"
#include "cli/commands/volume/volume_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto vol = lookupVolume(ctx, cmd);
    if (!vol) return false;
    auto xml = vol->xmlDesc();
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef volDumpxmlCommand() {
    return {"vol-dumpxml", CommandGroup::kVolume, "vol information in XML",
            "Prints the XML description of a storage volume.",
            {dataOpt("vol", "volume name, key or path"), stringOpt("pool", "pool name or UUID"),
             xpathOption(), wrapOption()},
            run};
}

}  // namespace nodevirt::cli
