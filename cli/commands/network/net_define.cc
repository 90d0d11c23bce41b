// net-define: a persistent (inactive) network from an XML file.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/network/network_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool runDefine(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto net = ctx.conn().defineNetworkXml(*xml, cmd.has("validate") ? lv::kNetworkDefineValidate : 0);
    if (!net) return failWith(ctx, net.error(), fmt::format("Failed to define network from {}", *file));
    ctx.printExtra(fmt::format("Network {} defined from {}\n", net->name(), *file));
    return true;
}

}  // namespace

CommandDef netDefineCommand() {
    return {"net-define", CommandGroup::kNetwork, "define a persistent network from an XML file",
            "Defines an inactive persistent network, or replaces the definition of an existing "
            "one.",
            {dataOpt("file", "XML file describing the network"),
             boolOpt("validate", "check the XML against the schema first")},
            runDefine};
}

}  // namespace nodevirt::cli
