// update-device: update device from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    return runDeviceChange(
        ctx, cmd, [](const Domain& d, const std::string& xml, unsigned flags) {
            return d.updateDevice(xml, flags);
        },
        "update");
}

}  // namespace

CommandDef updateDeviceCommand() {
    return {"update-device", CommandGroup::kDomain, "update device from an XML file",
            "Changes a device of the domain (e.g. the medium of a CD-ROM) to match an XML file.",
            deviceChangeOptions(true), run};
}

}  // namespace nodevirt::cli
