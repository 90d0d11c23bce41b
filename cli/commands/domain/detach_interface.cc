// detach-interface: detach a network interface of a given type (and MAC) from a domain.
#include <pugixml.hpp>
#include <sstream>
#include <strings.h>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!deviceOptionsExclusive(ctx, cmd)) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto flags = deviceAffectFlags(ctx, cmd, *dom);
    if (!flags) return false;
    std::optional<std::string> type, mac;
    if (!cmd.getString(ctx, "type", type) || !cmd.getString(ctx, "mac", mac)) return false;
    const bool config_only = (*flags & lv::kDomainAffectConfig) != 0 && (*flags & lv::kDomainAffectLive) == 0;
    auto xml = dom->xmlDesc(config_only ? lv::kDomainXmlInactive : 0);
    if (!xml) return failWith(ctx, xml.error());
    pugi::xml_document doc;
    if (!doc.load_string(xml->c_str())) {
        ctx.error("Failed to parse domain XML");
        return false;
    }
    std::vector<pugi::xml_node> matches;
    for (const auto& x : doc.select_nodes("/domain/devices/interface")) {
        const pugi::xml_node iface = x.node();
        if (iface.attribute("type").value() != *type) continue;
        if (mac && strcasecmp(iface.child("mac").attribute("address").value(), mac->c_str()) != 0) continue;
        matches.push_back(iface);
    }
    if (matches.empty()) {
        ctx.error(mac ? fmt::format("No interface with MAC address {} was found", *mac)
                      : fmt::format("No interface found whose type is {}", *type));
        return false;
    }
    if (matches.size() > 1) {
        ctx.error(fmt::format("Domain has {} interfaces. Please specify which one to detach using --mac",
                              matches.size()));
        return false;
    }
    std::ostringstream os;
    matches[0].print(os, "  ", pugi::format_indent | pugi::format_attribute_single_quote);
    if (cmd.has("print-xml")) {
        ctx.print(os.str());
        return true;
    }
    if (auto st = dom->detachDevice(os.str(), *flags); !st) {
        return failWith(ctx, st.error(), "Failed to detach interface");
    }
    ctx.printExtra("Interface detached successfully\n");
    return true;
}

}  // namespace

CommandDef detachInterfaceCommand() {
    return {"detach-interface", CommandGroup::kDomain, "detach network interface",
            "Detaches the interface of the given type (and MAC address, when several match).",
            {domainOpt(), dataOpt("type", "interface type (network, bridge, ...)"),
             stringOpt("mac", "MAC address of the interface"),
             boolOpt("persistent", "change the definition too"), configOpt(), liveOpt(),
             currentOpt(), boolOpt("print-xml", "print the XML of the interface instead")},
            run};
}

}  // namespace nodevirt::cli
