// domblkstat: I/O counters of one block device (or of all of them).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "cli/typed_params.h"

namespace nodevirt::cli {
namespace {

struct StatName {
    const char* field;   // typed-parameter name
    const char* legacy;  // virsh's traditional spelling (nullptr: use the field)
    const char* human;
};

// In the order virsh prints them.
constexpr StatName kStats[] = {
    {"rd_operations", "rd_req", "number of read operations:"},
    {"rd_bytes", "rd_bytes", "number of bytes read:"},
    {"wr_operations", "wr_req", "number of write operations:"},
    {"wr_bytes", "wr_bytes", "number of bytes written:"},
    {"errs", "errs", "error count:"},
    {"flush_operations", nullptr, "number of flush operations:"},
    {"rd_total_times", nullptr, "total duration of reads (ns):"},
    {"wr_total_times", nullptr, "total duration of writes (ns):"},
    {"flush_total_times", nullptr, "total duration of flushes (ns):"},
};

std::string statLine(const std::string& device, const StatName& s, bool human,
                     const std::string& value) {
    const char* name = human ? s.human : (s.legacy != nullptr ? s.legacy : s.field);
    if (human) return fmt::format("{} {:<31} {}\n", device, name, value);
    return fmt::format("{} {} {}\n", device, name, value);
}

// The old fixed-struct API, used when the server lacks the typed-parameter one.
bool legacy(Context& ctx, const Domain& dom, const std::string& name, const std::string& device,
            bool human, bool json) {
    auto st = dom.blockStats(device);
    if (!st) {
        return failWith(ctx, st.error(),
                        fmt::format("Failed to get block stats {} {}", name, device));
    }
    const int64_t values[] = {st->rd_req, st->rd_bytes, st->wr_req, st->wr_bytes, st->errs};
    if (json) {
        nlohmann::ordered_json doc{{"device", device}};
        for (size_t i = 0; i < 5; ++i) {
            if (values[i] >= 0) doc[kStats[i].field] = values[i];
        }
        printJson(ctx, doc);
        return true;
    }
    std::string out = human ? fmt::format("Device: {}\n", device) : std::string();
    const std::string shown = human ? std::string() : device;
    for (size_t i = 0; i < 5; ++i) {
        if (values[i] >= 0) out += statLine(shown, kStats[i], human, std::to_string(values[i]));
    }
    ctx.print(out);
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    std::optional<std::string> device_opt;
    if (!cmd.getString(ctx, "device", device_opt)) return false;
    const std::string device = device_opt.value_or("");
    const bool human = cmd.has("human");
    const bool json = wantJson(ctx, cmd);
    auto params = dom->blockStatsFlags(device);
    if (!params) {
        if (params.error().code != ErrorCode::kNoSupport) return failWith(ctx, params.error());
        return legacy(ctx, *dom, name, device, human, json);
    }
    if (json) {
        nlohmann::ordered_json doc{{"device", device}};
        for (const TypedParam& p : *params) doc[p.field] = typedParamJson(p);
        printJson(ctx, doc);
        return true;
    }
    std::string out = human ? fmt::format("Device: {}\n", device) : std::string();
    const std::string shown = human ? std::string() : device;
    std::vector<bool> printed(params->size(), false);
    for (const StatName& s : kStats) {
        for (size_t i = 0; i < params->size(); ++i) {
            if ((*params)[i].field != s.field) continue;
            out += statLine(shown, s, human, typedParamText((*params)[i]));
            printed[i] = true;
        }
    }
    // Fields this client does not know are printed under their own names, in order.
    for (size_t i = 0; i < params->size(); ++i) {
        if (printed[i]) continue;
        const TypedParam& p = (*params)[i];
        out += fmt::format("{} {} {}\n", shown, p.field, typedParamText(p));
    }
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef domblkstatCommand() {
    return {"domblkstat", CommandGroup::kMonitor, "get device block stats for a domain",
            "Prints the I/O counters of a disk (by target or source path).",
            {domainOpt(), stringOpt("device", "the disk (target name or source path)"),
             boolOpt("human", "descriptive labels"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
