// nodeinfo: CPU and memory of the node.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto info = ctx.conn().nodeInfo();
    if (!info) return failWith(ctx, info.error(), "failed to get node information");
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"cpu_model", info->model},
                        {"cpus", info->cpus},
                        {"mhz", info->mhz},
                        {"sockets", info->sockets},
                        {"cores_per_socket", info->cores},
                        {"threads_per_core", info->threads},
                        {"numa_cells", info->nodes},
                        {"memory_kib", info->memory_kib}});
        return true;
    }
    std::string out;
    out += fmt::format("{:<20} {}\n", "CPU model:", info->model);
    out += fmt::format("{:<20} {}\n", "CPU(s):", info->cpus);
    if (info->mhz != 0) out += fmt::format("{:<20} {} MHz\n", "CPU frequency:", info->mhz);
    out += fmt::format("{:<20} {}\n", "CPU socket(s):", info->sockets);
    out += fmt::format("{:<20} {}\n", "Core(s) per socket:", info->cores);
    out += fmt::format("{:<20} {}\n", "Thread(s) per core:", info->threads);
    out += fmt::format("{:<20} {}\n", "NUMA cell(s):", info->nodes);
    out += fmt::format("{:<20} {} KiB\n", "Memory size:", info->memory_kib);
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef nodeinfoCommand() {
    return {"nodeinfo", CommandGroup::kHost, "node information",
            "Prints the CPU model, CPU topology and memory of the node.", {jsonOption()}, run};
}

}  // namespace nodevirt::cli
