// domblklist: the block devices of a domain, from its XML.
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    const unsigned flags = cmd.has("inactive") ? lv::kDomainXmlInactive : 0;
    pugi::xml_document doc;
    if (!loadDomainXml(ctx, cmd, flags, doc)) return false;
    const bool details = cmd.has("details");
    Table table(details ? std::vector<std::string>{"Type", "Device", "Target", "Source"}
                        : std::vector<std::string>{"Target", "Source"});
    auto json = nlohmann::ordered_json::array();
    for (const auto& x : doc.select_nodes("/domain/devices/disk")) {
        const pugi::xml_node disk = x.node();
        const std::string type = disk.attribute("type").value();
        const std::string device = disk.attribute("device").value();
        if (details && (type.empty() || device.empty())) {
            ctx.print("unable to query block list details");
            return false;
        }
        const std::string target = disk.child("target").attribute("dev").value();
        if (target.empty()) {
            ctx.error("unable to query block list");
            return false;
        }
        std::string source = xpathString(
            disk, "string(./source/@file|./source/@dev|./source/@dir|./source/@name|./source/@volume)");
        json.push_back({{"type", type}, {"device", device}, {"target", target},
                        {"source", source.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(source)}});
        if (source.empty()) source = "-";
        if (details) {
            table.addRow({type, device, target, source});
        } else {
            table.addRow({target, source});
        }
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"disks", json}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

}  // namespace

CommandDef domblklistCommand() {
    return {"domblklist", CommandGroup::kMonitor, "list all domain blocks",
            "Lists the disks of a domain: target and source (--details adds type and device).",
            {domainOpt(), boolOpt("inactive", "from the persistent definition"),
             boolOpt("details", "add the Type and Device columns"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
