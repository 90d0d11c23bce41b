// domiflist: the network interfaces of a domain, from its XML.
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

std::string orDash(const std::string& s) { return s.empty() ? "-" : s; }

nlohmann::ordered_json orNull(const std::string& s) {
    return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    const unsigned flags = cmd.has("inactive") ? lv::kDomainXmlInactive : 0;
    pugi::xml_document doc;
    if (!loadDomainXml(ctx, cmd, flags, doc)) return false;
    Table table({"Interface", "Type", "Source", "Model", "MAC"});
    auto json = nlohmann::ordered_json::array();
    for (const auto& x : doc.select_nodes("/domain/devices/interface")) {
        const pugi::xml_node iface = x.node();
        const std::string type = iface.attribute("type").value();
        const std::string source = xpathString(
            iface,
            "string(./source/@bridge|./source/@dev|./source/@network|./source/@name|./source/@path)");
        const std::string target = iface.child("target").attribute("dev").value();
        const std::string model = iface.child("model").attribute("type").value();
        const std::string mac = iface.child("mac").attribute("address").value();
        table.addRow({orDash(target), type, orDash(source), orDash(model), orDash(mac)});
        json.push_back({{"interface", orNull(target)}, {"type", type}, {"source", orNull(source)},
                        {"model", orNull(model)}, {"mac", orNull(mac)}});
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"interfaces", json}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

}  // namespace

CommandDef domiflistCommand() {
    return {"domiflist", CommandGroup::kMonitor, "list all domain virtual interfaces",
            "Lists the network interfaces of a domain: target device, type, source, model, MAC.",
            {domainOpt(), boolOpt("inactive", "from the persistent definition"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
