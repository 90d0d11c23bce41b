// net-create: start a transient network from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto net = ctx.conn().createNetworkXml(*xml, cmd.has("validate") ? lv::kNetworkCreateValidate : 0);
    if (!net) return failWith(ctx, net.error(), fmt::format("Failed to create network from {}", *file));
    ctx.printExtra(fmt::format("Network {} created from {}\n", net->name(), *file));
    return true;
}

}  // namespace

CommandDef netCreateCommand() {
    return {"net-create", CommandGroup::kNetwork, "create a network from an XML file",
            "Starts a transient network from an XML description.",
            {dataOpt("file", "XML file describing the network"),
             boolOpt("validate", "check the XML against the schema first")},
            run};
}

}  // namespace nodevirt::cli
