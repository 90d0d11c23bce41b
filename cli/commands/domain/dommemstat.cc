// dommemstat: memory statistics of a domain (or set the balloon's collection period).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

const char* tagName(int tag) {
    switch (static_cast<unsigned>(tag)) {
        case lv::kDomainMemoryStatSwapIn: return "swap_in";
        case lv::kDomainMemoryStatSwapOut: return "swap_out";
        case lv::kDomainMemoryStatMajorFault: return "major_fault";
        case lv::kDomainMemoryStatMinorFault: return "minor_fault";
        case lv::kDomainMemoryStatUnused: return "unused";
        case lv::kDomainMemoryStatAvailable: return "available";
        case lv::kDomainMemoryStatActualBalloon: return "actual";
        case lv::kDomainMemoryStatRss: return "rss";
        case lv::kDomainMemoryStatUsable: return "usable";
        case lv::kDomainMemoryStatLastUpdate: return "last_update";
        case lv::kDomainMemoryStatDiskCaches: return "disk_caches";
        case lv::kDomainMemoryStatHugetlbPgalloc: return "hugetlb_pgalloc";
        case lv::kDomainMemoryStatHugetlbPgfail: return "hugetlb_pgfail";
        default: return nullptr;
    }
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags) return false;
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    std::optional<int> period;
    if (!cmd.getInt(ctx, "period", period)) return false;
    if (period) {
        if (*period < 0) {
            ctx.error(fmt::format("Invalid collection period value '{}'", *period));
            return false;
        }
        if (auto st = dom->setMemoryStatsPeriod(*period, *flags); !st) {
            return failWith(ctx, st.error(), "Unable to change balloon collection period.");
        }
        return true;
    }
    auto stats = dom->memoryStats(lv::kDomainMemoryStatNr);
    if (!stats) {
        return failWith(ctx, stats.error(),
                        fmt::format("Failed to get memory statistics for domain {}", name));
    }
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    std::string out;
    for (const MemoryStat& s : *stats) {
        const char* tag = tagName(s.tag);
        if (tag == nullptr) continue;
        out += fmt::format("{} {}\n", tag, s.value);
        doc[tag] = s.value;
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, doc);
    } else {
        ctx.print(out);
    }
    return true;
}

}  // namespace

CommandDef dommemstatCommand() {
    return {"dommemstat", CommandGroup::kMonitor, "get memory statistics for a domain",
            "Prints the memory statistics the balloon driver reports (KiB); --period sets how "
            "often it collects them.",
            {domainOpt(), intOpt("period", "collection period in seconds", kOptNamedOnly),
             configOpt(), liveOpt(), currentOpt(), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
