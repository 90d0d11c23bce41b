// detach-disk: detach the disk with the given target (or source) from a domain.
#include <pugixml.hpp>
#include <sstream>

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
    std::optional<std::string> target;
    if (!cmd.getString(ctx, "target", target)) return false;
    // The persistent definition when only the config changes.
    const bool config_only = (*flags & lv::kDomainAffectConfig) != 0 && (*flags & lv::kDomainAffectLive) == 0;
    auto xml = dom->xmlDesc(config_only ? lv::kDomainXmlInactive : 0);
    if (!xml) return failWith(ctx, xml.error());
    pugi::xml_document doc;
    if (!doc.load_string(xml->c_str())) {
        ctx.error("Failed to parse domain XML");
        return false;
    }
    pugi::xml_node found;
    for (const auto& x : doc.select_nodes("/domain/devices/disk")) {
        const pugi::xml_node disk = x.node();
        const std::string source = xpathString(
            disk, "string(./source/@file|./source/@dev|./source/@dir|./source/@name|./source/@volume)");
        if (disk.child("target").attribute("dev").value() == *target || source == *target) {
            found = disk;
            break;
        }
    }
    if (!found) {
        ctx.error(fmt::format("No disk found whose source path or target is {}", *target));
        return false;
    }
    std::ostringstream os;
    found.print(os, "  ", pugi::format_indent | pugi::format_attribute_single_quote);
    if (cmd.has("print-xml")) {
        ctx.print(os.str());
        return true;
    }
    if (auto st = dom->detachDevice(os.str(), *flags); !st) {
        return failWith(ctx, st.error(), "Failed to detach disk");
    }
    ctx.printExtra("Disk detached successfully\n");
    return true;
}

}  // namespace

CommandDef detachDiskCommand() {
    return {"detach-disk", CommandGroup::kDomain, "detach disk device",
            "Detaches the disk whose target (or source path) is given.",
            {domainOpt(), dataOpt("target", "the target device name or source path"),
             boolOpt("persistent", "change the definition too"), configOpt(), liveOpt(),
             currentOpt(), boolOpt("print-xml", "print the XML of the disk instead")},
            run};
}

}  // namespace nodevirt::cli
