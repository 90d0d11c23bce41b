// nodecpumap: which host CPUs are present and online.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"

namespace nodevirt::cli {
namespace {

// "0-2,5": the online CPUs as ranges.
std::string ranges(const std::vector<bool>& map) {
    std::string out;
    for (size_t i = 0; i < map.size();) {
        if (!map[i]) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end + 1 < map.size() && map[end + 1]) ++end;
        if (!out.empty()) out += ',';
        out += end == i ? fmt::format("{}", i) : fmt::format("{}-{}", i, end);
        i = end + 1;
    }
    return out;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto map = ctx.conn().nodeCpuMap();
    if (!map) return failWith(ctx, map.error(), "Unable to get cpu map");
    size_t online = 0;
    std::string text;
    for (bool on : *map) {
        online += on ? 1 : 0;
        text += on ? 'y' : '-';
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"present", map->size()}, {"online", online}, {"map", *map}});
        return true;
    }
    ctx.print(fmt::format("{:<15} {}\n", "CPUs present:", map->size()));
    ctx.print(fmt::format("{:<15} {}\n", "CPUs online:", online));
    ctx.print(fmt::format("{:<15} {}\n", "CPU map:", cmd.has("pretty") ? ranges(*map) : text));
    return true;
}

}  // namespace

CommandDef nodecpumapCommand() {
    return {"nodecpumap", CommandGroup::kHost, "node cpu map",
            "Prints how many host CPUs are present and online, and which ones are online.",
            {boolOpt("pretty", "print the online CPUs as a list"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
