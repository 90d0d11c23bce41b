// freecell: free memory of the node or of its NUMA cells.
#include <fmt/format.h>
#include <pugixml.hpp>

#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"
#include "cli/numbers.h"

namespace nodevirt::cli {
namespace {

// The NUMA cell ids listed in the capabilities XML.
std::optional<std::vector<unsigned>> cellIds(Context& ctx) {
    auto caps = ctx.conn().capabilities();
    if (!caps) {
        ctx.setLastError(caps.error());
        ctx.error("unable to get node capabilities");
        return std::nullopt;
    }
    pugi::xml_document doc;
    if (!doc.load_string(caps->c_str())) {
        ctx.error("could not get information about NUMA topology");
        return std::nullopt;
    }
    std::vector<unsigned> ids;
    for (const auto& cell : doc.select_nodes("/capabilities/host/topology/cells/cell")) {
        auto id = parseUint(cell.node().attribute("id").value());
        if (!id) {
            ctx.error("conversion from string failed");
            return std::nullopt;
        }
        ids.push_back(*id);
    }
    return ids;
}

bool runAll(Context& ctx, bool json) {
    auto ids = cellIds(ctx);
    if (!ids) return false;
    std::vector<uint64_t> free_bytes;
    for (unsigned id : *ids) {
        auto mem = ctx.conn().nodeCellsFreeMemory(static_cast<int>(id), 1);
        if (!mem || mem->size() != 1) {
            if (!mem) ctx.setLastError(mem.error());
            ctx.error(fmt::format("failed to get free memory for NUMA node number: {}", id));
            return false;
        }
        free_bytes.push_back((*mem)[0]);
    }
    uint64_t total = 0;
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    std::string out;
    for (size_t i = 0; i < ids->size(); ++i) {
        out += fmt::format("{:>5}: {:>10} KiB\n", (*ids)[i], free_bytes[i] / 1024);
        cells.push_back({{"cell", (*ids)[i]}, {"free_kib", free_bytes[i] / 1024}});
        total += free_bytes[i];
    }
    if (json) {
        printJson(ctx, {{"cells", cells}, {"total_kib", total / 1024}});
        return true;
    }
    ctx.print(out);
    ctx.printExtra("--------------------\n");
    ctx.printExtra(fmt::format("{:>5}: {:>10} KiB\n", "Total", total / 1024));
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "all", "cellno")) return false;
    std::optional<int> cell;
    if (!cmd.getInt(ctx, "cellno", cell)) return false;
    const bool json = wantJson(ctx, cmd);
    if (cmd.has("all")) return runAll(ctx, json);
    if (cell) {
        auto mem = ctx.conn().nodeCellsFreeMemory(*cell, 1);
        if (!mem) return failWith(ctx, mem.error());
        if (mem->size() != 1) return false;
        if (json) {
            printJson(ctx, {{"cells", {{{"cell", *cell}, {"free_kib", (*mem)[0] / 1024}}}}});
        } else {
            ctx.print(fmt::format("{}: {} KiB\n", *cell, (*mem)[0] / 1024));
        }
        return true;
    }
    auto mem = ctx.conn().nodeFreeMemory();
    if (!mem) return failWith(ctx, mem.error());
    if (*mem == 0) return false;
    if (json) {
        printJson(ctx, {{"total_kib", *mem / 1024}});
    } else {
        ctx.print(fmt::format("Total: {} KiB\n", *mem / 1024));
    }
    return true;
}

}  // namespace

CommandDef freecellCommand() {
    return {"freecell", CommandGroup::kHost, "NUMA free memory",
            "Prints the free memory of the node, of one NUMA cell (--cellno) or of every cell "
            "(--all).",
            {intOpt("cellno", "NUMA cell number"), boolOpt("all", "every NUMA cell"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
