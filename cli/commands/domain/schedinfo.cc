// schedinfo: show or set the scheduler parameters of a domain.
#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "cli/typed_params.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

// The changes requested by --set field=value, --weight and --cap, typed like the current
// parameters; nullopt after an error.
std::optional<TypedParams> updates(Context& ctx, const ParsedCommand& cmd, const TypedParams& cur) {
    std::vector<std::pair<std::string, std::string>> wanted;
    for (const std::string& s : cmd.all("set")) {
        const size_t eq = s.find('=');
        if (eq == std::string::npos) {
            ctx.error(fmt::format("Invalid syntax for --set, expecting name=value"));
            return std::nullopt;
        }
        wanted.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    }
    for (const char* field : {"weight", "cap"}) {
        if (const std::string* v = cmd.raw(field)) wanted.emplace_back(field, *v);
    }
    TypedParams out;
    for (const auto& [field, value] : wanted) {
        auto it = std::find_if(cur.begin(), cur.end(), [&](const TypedParam& p) { return p.field == field; });
        if (it == cur.end()) {
            ctx.error(fmt::format("invalid scheduler option: {}", field));
            return std::nullopt;
        }
        auto p = typedParamFromText(*it, value);
        if (!p) {
            ctx.error(fmt::format("invalid value '{}' for scheduler option {}", value, field));
            return std::nullopt;
        }
        out.push_back(std::move(*p));
    }
    return out;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags) return false;
    const bool live = cmd.has("live"), config = cmd.has("config");
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto type = dom->schedulerType();
    if (!type) return failWith(ctx, type.error());
    std::string out = fmt::format("{:<15}: {}\n", "Scheduler", type->type);
    // Live and config cannot be read at once: then the current state is read.
    const unsigned read_flags = (live && config) ? lv::kDomainAffectCurrent : *flags;
    auto params = dom->schedulerParameters(read_flags);
    if (!params) return failWith(ctx, params.error());
    auto changes = updates(ctx, cmd, *params);
    if (!changes) return false;
    if (!changes->empty()) {
        if (auto st = dom->setSchedulerParameters(*changes, *flags); !st) return failWith(ctx, st.error());
        params = dom->schedulerParameters(read_flags);
        if (!params) return failWith(ctx, params.error());
    } else if (live && config) {
        ctx.error("cannot query both live and config at once");
        return false;
    }
    if (wantJson(ctx, cmd)) {
        nlohmann::ordered_json doc{{"scheduler", type->type}};
        nlohmann::ordered_json p = nlohmann::ordered_json::object();
        for (const TypedParam& tp : *params) p[tp.field] = typedParamJson(tp);
        doc["parameters"] = p;
        printJson(ctx, doc);
        return true;
    }
    for (const TypedParam& p : *params) out += fmt::format("{:<15}: {}\n", p.field, typedParamText(p));
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef schedinfoCommand() {
    return {"schedinfo", CommandGroup::kDomain, "show/set scheduler parameters",
            "Prints the scheduler and its parameters; --set name=value changes one.",
            {domainOpt(), intOpt("weight", "weight (Xen credit scheduler)"),
             intOpt("cap", "cap (Xen credit scheduler)"), currentOpt(),
             configOpt(), liveOpt(), argvOpt("set", "a parameter to change, as name=value"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
