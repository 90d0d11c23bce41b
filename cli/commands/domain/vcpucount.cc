// vcpucount: current and maximum vCPU counts, live and in the persistent definition.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

// One count; nullopt when it does not apply (live count of an inactive domain, config count
// of a transient one). Errors are kept in ctx and flagged through `failed`.
std::optional<int> count(Context& ctx, const Domain& dom, unsigned flags, bool check, bool& failed) {
    if (check) {
        if ((flags & lv::kDomainAffectLive) != 0) {
            auto active = dom.isActive();
            if (!active || !*active) return std::nullopt;
        }
        if ((flags & lv::kDomainAffectConfig) != 0) {
            auto persistent = dom.isPersistent();
            if (!persistent || !*persistent) return std::nullopt;
        }
    }
    auto n = dom.vcpusFlags(flags);
    if (!n) {
        ctx.setLastError(n.error());
        failed = true;
        return std::nullopt;
    }
    return *n;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "current", "live") ||
        !checkExclusive(ctx, cmd, "current", "config") ||
        !checkExclusive(ctx, cmd, "active", "maximum") ||
        !checkExclusive(ctx, cmd, "guest", "config")) {
        return false;
    }
    unsigned flags = 0;
    if (cmd.has("maximum")) flags |= lv::kDomainVcpuMaximum;
    if (cmd.has("guest")) flags |= lv::kDomainVcpuGuest;
    if (cmd.has("live")) flags |= lv::kDomainAffectLive;
    if (cmd.has("config")) flags |= lv::kDomainAffectConfig;
    const bool all = !cmd.has("maximum") && !cmd.has("active") && !cmd.has("live") &&
                     !cmd.has("config") && !cmd.has("current") && !cmd.has("guest");
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    bool failed = false;
    const bool json = wantJson(ctx, cmd);
    if (!all) {
        auto n = count(ctx, *dom, flags, false, failed);
        if (!n) return false;
        if (json) {
            printJson(ctx, {{"count", *n}});
        } else {
            ctx.print(fmt::format("{}\n", *n));
        }
        return true;
    }
    const auto conf_max = count(ctx, *dom, lv::kDomainAffectConfig | lv::kDomainVcpuMaximum, true, failed);
    const auto conf_cur = count(ctx, *dom, lv::kDomainAffectConfig, true, failed);
    const auto live_max = count(ctx, *dom, lv::kDomainAffectLive | lv::kDomainVcpuMaximum, true, failed);
    const auto live_cur = count(ctx, *dom, lv::kDomainAffectLive, true, failed);
    if (failed) return false;
    if (json) {
        auto opt = [](const std::optional<int>& v) {
            return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
        };
        printJson(ctx, {{"maximum", {{"config", opt(conf_max)}, {"live", opt(live_max)}}},
                        {"current", {{"config", opt(conf_cur)}, {"live", opt(live_cur)}}}});
        return true;
    }
    std::string out;
    auto add = [&](const std::optional<int>& v, const char* which, const char* state) {
        if (v && *v > 0) out += fmt::format("{:<12} {:<12} {:>3}\n", which, state, *v);
    };
    add(conf_max, "maximum", "config");
    add(live_max, "maximum", "live");
    add(conf_cur, "current", "config");
    add(live_cur, "current", "live");
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef vcpucountCommand() {
    return {"vcpucount", CommandGroup::kDomain, "domain vcpu counts",
            "Prints the current and maximum number of virtual CPUs, live and configured; an "
            "option selects one of the numbers.",
            {domainOpt(), boolOpt("maximum", "the maximum count"),
             boolOpt("active", "the current count"), boolOpt("live", "of the running domain"),
             boolOpt("config", "of the persistent definition"),
             boolOpt("current", "of the current state"),
             boolOpt("guest", "as the guest agent reports it"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
