// attach-device: attach device from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    return runDeviceChange(
        ctx, cmd, [](const Domain& d, const std::string& xml, unsigned flags) {
            return d.attachDevice(xml, flags);
        },
        "attach");
}

}  // namespace

CommandDef attachDeviceCommand() {
    return {"attach-device", CommandGroup::kDomain, "attach device from an XML file",
            "Adds the device described by an XML file to the domain (live, --config or both).",
            deviceChangeOptions(false), run};
}

}  // namespace nodevirt::cli
