// memtune: show or set the memory limits of a domain.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "cli/numbers.h"
#include "cli/typed_params.h"

namespace nodevirt::cli {
namespace {

// libvirt's "no limit" value for memory parameters (2^53 - 1).
constexpr uint64_t kUnlimited = 9007199254740991ull;

struct Limit {
    const char* option;
    const char* field;
};
constexpr Limit kLimits[] = {
    {"hard-limit", "hard_limit"},
    {"soft-limit", "soft_limit"},
    {"swap-hard-limit", "swap_hard_limit"},
    {"min-guarantee", "min_guarantee"},
};

// A limit in KiB: a negative number means unlimited, suffixes are allowed.
bool parseLimit(Context& ctx, const ParsedCommand& cmd, const Limit& l, TypedParams& out) {
    const std::string* text = cmd.raw(l.option);
    if (text == nullptr) return true;
    const bool negative = !text->empty() && (*text)[0] == '-';
    std::optional<uint64_t> kib;
    if (negative) {
        if (parseLlong(*text)) kib = kUnlimited;
    } else if (auto n = parseNumberPrefix(*text)) {
        ScaleResult r = scaleInteger(n->value, n->suffix, 1024, INT64_MAX);
        if (r.bytes) kib = (*r.bytes + 1023) / 1024;
        if (r.error) ctx.setLastError(*r.error);
    }
    if (!kib) {
        ctx.error(fmt::format("Unable to parse integer parameter {}", l.option));
        return false;
    }
    out.push_back({l.field, *kib});
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    TypedParams changes;
    for (const Limit& l : kLimits) {
        if (!parseLimit(ctx, cmd, l, changes)) return false;
    }
    if (!changes.empty()) {
        if (auto st = dom->setMemoryParameters(changes, *flags); !st) {
            return failWith(ctx, st.error(), "Unable to change memory parameters");
        }
        return true;
    }
    auto params = dom->memoryParameters(*flags);
    if (!params) return failWith(ctx, params.error(), "Unable to get memory parameters");
    auto is_unlimited = [](const TypedParam& p) {
        return p.type() == TypedParamType::kUllong && std::get<uint64_t>(p.value) == kUnlimited;
    };
    if (wantJson(ctx, cmd)) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::object();
        for (const TypedParam& p : *params) {
            doc[p.field + "_kib"] = is_unlimited(p) ? nlohmann::ordered_json() : typedParamJson(p);
        }
        printJson(ctx, doc);
        return true;
    }
    std::string out;
    for (const TypedParam& p : *params) {
        out += fmt::format("{:<15}: {}\n", p.field, is_unlimited(p) ? "unlimited" : typedParamText(p));
    }
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef memtuneCommand() {
    return {"memtune", CommandGroup::kDomain, "Get or set memory parameters",
            "Prints the memory limits of a domain, or sets them (KiB unless a unit is given; "
            "-1 means unlimited).",
            {domainOpt(), intOpt("hard-limit", "maximum memory"),
             intOpt("soft-limit", "memory under contention"),
             intOpt("swap-hard-limit", "maximum memory plus swap"),
             intOpt("min-guarantee", "guaranteed memory"), configOpt(), liveOpt(), currentOpt(),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
