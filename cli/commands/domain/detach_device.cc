// detach-device: detach device from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    return runDeviceChange(
        ctx, cmd, [](const Domain& d, const std::string& xml, unsigned flags) {
            return d.detachDevice(xml, flags);
        },
        "detach");
}

}  // namespace

CommandDef detachDeviceCommand() {
    return {"detach-device", CommandGroup::kDomain, "detach device from an XML file",
            "Removes the device described by an XML file from the domain.",
            deviceChangeOptions(false), run};
}

}  // namespace nodevirt::cli
