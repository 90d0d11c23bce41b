// domblkinfo: capacity, allocation and physical size of a domain's disks.
#include <fmt/format.h>
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "cli/table.h"

namespace nodevirt::cli {
namespace {

// virsh's --human size: three decimals, binary units.
std::string humanSize(uint64_t bytes) {
    static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = static_cast<double>(bytes);
    size_t unit = 0;
    while (v >= 1024.0 && unit + 1 < std::size(kUnits)) {
        v /= 1024.0;
        ++unit;
    }
    return fmt::format("{:.3f} {}", v, kUnits[unit]);
}

std::string size(uint64_t v, bool human) { return human ? humanSize(v) : std::to_string(v); }

nlohmann::ordered_json infoJson(const std::string& target, const BlockInfo& b) {
    return {{"target", target}, {"capacity", b.capacity}, {"allocation", b.allocation},
            {"physical", b.physical}};
}

bool runAll(Context& ctx, const Domain& dom, bool human, bool json) {
    auto xml = dom.xmlDesc(0);
    if (!xml) return failWith(ctx, xml.error());
    pugi::xml_document doc;
    if (!doc.load_string(xml->c_str())) {
        ctx.error("Failed to parse domain XML");
        return false;
    }
    Table table({"Target", "Capacity", "Allocation", "Physical"});
    auto arr = nlohmann::ordered_json::array();
    for (const auto& x : doc.select_nodes("/domain/devices/disk")) {
        const std::string target = x.node().child("target").attribute("dev").value();
        if (target.empty()) continue;
        auto info = dom.blockInfo(target);
        if (!info) {
            // A disk without a medium (empty cdrom) has no sizes.
            if (!x.node().child("source")) {
                table.addRow({target, "-", "-", "-"});
                continue;
            }
            return failWith(ctx, info.error());
        }
        table.addRow({target, size(info->capacity, human), size(info->allocation, human),
                      size(info->physical, human)});
        arr.push_back(infoJson(target, *info));
    }
    if (json) {
        printJson(ctx, {{"disks", arr}});
    } else {
        ctx.print(table.render(!ctx.flags().quiet));
    }
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    const bool human = cmd.has("human");
    const bool json = wantJson(ctx, cmd);
    if (cmd.has("all")) return runAll(ctx, *dom, human, json);
    std::optional<std::string> device;
    if (!cmd.getString(ctx, "device", device)) return false;
    if (!device) {
        ctx.error("command 'domblkinfo' requires <device> option");
        return false;
    }
    auto info = dom->blockInfo(*device);
    if (!info) return failWith(ctx, info.error());
    if (json) {
        printJson(ctx, infoJson(*device, *info));
        return true;
    }
    ctx.print(fmt::format("{:<15} {}\n", "Capacity:", size(info->capacity, human)) +
              fmt::format("{:<15} {}\n", "Allocation:", size(info->allocation, human)) +
              fmt::format("{:<15} {}\n", "Physical:", size(info->physical, human)));
    return true;
}

}  // namespace

CommandDef domblkinfoCommand() {
    return {"domblkinfo", CommandGroup::kMonitor, "domain block device size information",
            "Prints the capacity, allocation and physical size of a disk, or of all disks.",
            {domainOpt(), stringOpt("device", "the disk (target name or source path)"),
             boolOpt("human", "sizes with units"), boolOpt("all", "every disk of the domain"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
