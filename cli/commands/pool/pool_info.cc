// pool-info: basic information about a storage pool.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/commands/pool/pool_util.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto pool = lookupPool(ctx, cmd);
    if (!pool) return false;
    auto line = [](std::string_view label, std::string_view value) {
        return fmt::format("{:<15} {}\n", label, value);
    };
    std::string out = line("Name:", pool->name()) + line("UUID:", pool->uuidString());
    Json json{{"name", pool->name()}, {"uuid", pool->uuidString()}};
    auto info = pool->info();
    if (!info) {
        ctx.print(out);
        return failWith(ctx, info.error());
    }
    out += line("State:", poolStateName(info->state));
    json["state"] = poolStateName(info->state);
    auto persistent = pool->isPersistent();
    out += line("Persistent:", persistent ? yesNo(*persistent) : "unknown");
    json["persistent"] = persistent ? Json(*persistent) : Json();
    auto autostart = pool->autostart();
    out += line("Autostart:", autostart ? yesNo(*autostart) : "no autostart");
    json["autostart"] = autostart ? Json(*autostart) : Json();
    if (poolHasSizes(info->state)) {
        const bool bytes = cmd.has("bytes");
        auto size = [&](uint64_t v) { return bytes ? std::to_string(v) : prettyCapacity(v); };
        out += line("Capacity:", size(info->capacity));
        out += line("Allocation:", size(info->allocation));
        out += line("Available:", size(info->available));
        json["capacity"] = info->capacity;
        json["allocation"] = info->allocation;
        json["available"] = info->available;
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, json);
    } else {
        ctx.print(out);
    }
    return true;
}

}  // namespace

CommandDef poolInfoCommand() {
    return {"pool-info", CommandGroup::kPool, "storage pool information",
            "Prints the state, persistence, autostart and sizes of a storage pool.",
            {dataOpt("pool", "pool name or UUID"), boolOpt("bytes", "sizes in bytes"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
