// pool-list: the storage pools, as a table (--details: with sizes) or as names / UUIDs.
#include <strings.h>

#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/pool/pool_commands.h"
#include "cli/commands/pool/pool_util.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

std::optional<unsigned> listFlags(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = lv::kConnectListStoragePoolsActive;
    if (cmd.has("inactive")) flags = lv::kConnectListStoragePoolsInactive;
    if (cmd.has("all")) flags = lv::kConnectListStoragePoolsActive | lv::kConnectListStoragePoolsInactive;
    if (cmd.has("persistent")) flags |= lv::kConnectListStoragePoolsPersistent;
    if (cmd.has("transient")) flags |= lv::kConnectListStoragePoolsTransient;
    if (cmd.has("autostart")) flags |= lv::kConnectListStoragePoolsAutostart;
    if (cmd.has("no-autostart")) flags |= lv::kConnectListStoragePoolsNoAutostart;
    if (const std::string* types = cmd.raw("type")) {
        size_t start = 0;
        while (start <= types->size()) {
            size_t end = types->find(',', start);
            if (end == std::string::npos) end = types->size();
            const std::string t = types->substr(start, end - start);
            auto bit = poolTypeFlag(t);
            if (!bit) {
                ctx.error(fmt::format("Invalid pool type '{}'", t));
                return std::nullopt;
            }
            flags |= *bit;
            start = end + 1;
        }
    }
    return flags;
}

struct Row {
    std::string state, autostart, persistent, capacity, allocation, available;
};

Row rowOf(Context& ctx, const StoragePool& p, bool details) {
    Row r;
    auto autostart = p.autostart();
    r.autostart = autostart ? std::string(yesNo(*autostart)) : "no autostart";
    if (details) {
        auto persistent = p.isPersistent();
        r.persistent = persistent ? std::string(yesNo(*persistent)) : "unknown";
    }
    auto info = p.info();
    if (!info) {
        ctx.error("Could not retrieve pool information");
        r.state = r.capacity = r.allocation = r.available = "unknown";
        return r;
    }
    if (!details) {
        auto active = p.isActive();
        r.state = active && *active ? "active" : "inactive";
        return r;
    }
    r.state = poolStateName(info->state);
    if (poolHasSizes(info->state)) {
        r.capacity = prettyCapacity(info->capacity);
        r.allocation = prettyCapacity(info->allocation);
        r.available = prettyCapacity(info->available);
    } else {
        r.capacity = r.allocation = r.available = "-";
    }
    return r;
}

void printJsonList(Context& ctx, const std::vector<StoragePool>& pools) {
    auto arr = Json::array();
    for (const StoragePool& p : pools) {
        Json j{{"name", p.name()}, {"uuid", p.uuidString()}};
        auto active = p.isActive();
        auto persistent = p.isPersistent();
        auto autostart = p.autostart();
        j["active"] = active ? Json(*active) : Json();
        j["persistent"] = persistent ? Json(*persistent) : Json();
        j["autostart"] = autostart ? Json(*autostart) : Json();
        if (auto info = p.info()) {
            j["state"] = poolStateName(info->state);
            const bool sizes = poolHasSizes(info->state);
            j["capacity"] = sizes ? Json(info->capacity) : Json();
            j["allocation"] = sizes ? Json(info->allocation) : Json();
            j["available"] = sizes ? Json(info->available) : Json();
        }
        arr.push_back(std::move(j));
    }
    printJson(ctx, {{"pools", arr}});
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "details", "uuid") || !checkExclusive(ctx, cmd, "details", "name")) {
        return false;
    }
    auto flags = listFlags(ctx, cmd);
    if (!flags) return false;
    auto pools = ctx.conn().listAllStoragePools(*flags);
    if (!pools) return failWith(ctx, pools.error(), "Failed to list pools");
    std::sort(pools->begin(), pools->end(), [](const StoragePool& a, const StoragePool& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    if (wantJson(ctx, cmd)) {
        printJsonList(ctx, *pools);
        return true;
    }
    const bool details = cmd.has("details");
    if (!details && (cmd.has("uuid") || cmd.has("name"))) {
        std::string out;
        for (const StoragePool& p : *pools) {
            if (cmd.has("uuid")) out += fmt::format("{:<36}{}", p.uuidString(), cmd.has("name") ? ' ' : '\n');
            if (cmd.has("name")) out += fmt::format("{:<20}\n", p.name());
        }
        ctx.print(out);
        return true;
    }
    Table table(details ? std::vector<std::string>{"Name", "State", "Autostart", "Persistent",
                                                   "Capacity", "Allocation", "Available"}
                        : std::vector<std::string>{"Name", "State", "Autostart"});
    for (const StoragePool& p : *pools) {
        Row r = rowOf(ctx, p, details);
        if (details) {
            table.addRow({p.name(), r.state, r.autostart, r.persistent, r.capacity, r.allocation,
                          r.available});
        } else {
            table.addRow({p.name(), r.state, r.autostart});
        }
    }
    ctx.print(table.render(!ctx.flags().quiet));
    return true;
}

}  // namespace

CommandDef poolListCommand() {
    return {"pool-list", CommandGroup::kPool, "list pools",
            "Lists the active storage pools, or with --all also the inactive ones; --details "
            "adds sizes.",
            {boolOpt("inactive", "list inactive pools"),
             boolOpt("all", "list inactive and active pools"),
             boolOpt("transient", "list transient pools"),
             boolOpt("persistent", "list persistent pools"),
             boolOpt("autostart", "list pools that start at boot"),
             boolOpt("no-autostart", "list pools that do not start at boot"),
             stringOpt("type", "only pools of these types (comma separated)"),
             boolOpt("details", "add persistence and sizes"), boolOpt("uuid", "print UUIDs only"),
             boolOpt("name", "print names only"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
