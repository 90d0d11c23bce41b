// vcpuinfo: per-vCPU host CPU, state, CPU time and affinity.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

const char* vcpuStateName(int state) {
    switch (state) {
        case 0: return "offline";
        case 1: return "running";
        case 2: return "blocked";
        default: return "no state";
    }
}

// "yyyy----", or with --pretty "0-3 (out of 8)".
std::string affinityText(const std::vector<bool>& map, bool pretty) {
    if (!pretty) {
        std::string s;
        for (bool b : map) s += b ? 'y' : '-';
        return s;
    }
    std::string s;
    for (size_t i = 0; i < map.size();) {
        if (!map[i]) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end + 1 < map.size() && map[end + 1]) ++end;
        if (!s.empty()) s += ',';
        s += end == i ? std::to_string(i) : fmt::format("{}-{}", i, end);
        i = end + 1;
    }
    return fmt::format("{} (out of {})", s, map.size());
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto info = dom->info();
    if (!info) return failWith(ctx, info.error());
    const bool pretty = cmd.has("pretty");
    std::vector<VcpuInfo> vcpus;
    std::vector<std::vector<bool>> affinity;
    bool have_info = true;
    if (auto v = dom->vcpus()) {
        vcpus = v->info;
        affinity = v->affinity;
    } else {
        // An inactive domain has no live vCPUs: show the configured pinning only.
        if (info->state != DomainState::kShutoff) return failWith(ctx, v.error());
        auto pins = dom->vcpuPinInfo(lv::kDomainAffectConfig);
        if (!pins) return failWith(ctx, pins.error());
        affinity = *pins;
        have_info = false;
    }
    // Like virsh, show as many host CPUs as the node's CPU map has (the driver may know more).
    if (auto node_map = ctx.conn().nodeCpuMap()) {
        for (auto& m : affinity) {
            if (m.size() > node_map->size()) m.resize(node_map->size());
        }
    }
    const size_t n = have_info ? vcpus.size() : affinity.size();
    std::string out;
    auto arr = nlohmann::ordered_json::array();
    for (size_t i = 0; i < n; ++i) {
        nlohmann::ordered_json j{{"vcpu", have_info ? vcpus[i].number : static_cast<uint32_t>(i)}};
        out += fmt::format("{:<15} {}\n", "VCPU:", have_info ? vcpus[i].number : i);
        if (have_info) {
            out += fmt::format("{:<15} {}\n", "CPU:", vcpus[i].cpu);
            out += fmt::format("{:<15} {}\n", "State:", vcpuStateName(vcpus[i].state));
            if (vcpus[i].cpu_time_ns != 0) {
                out += fmt::format("{:<15} {:.1f}s\n", "CPU time:",
                                   static_cast<double>(vcpus[i].cpu_time_ns) / 1e9);
            }
            j["cpu"] = vcpus[i].cpu;
            j["state"] = vcpuStateName(vcpus[i].state);
            j["cpu_time_ns"] = vcpus[i].cpu_time_ns;
        } else {
            out += fmt::format("{:<15} {}\n", "CPU:", "N/A");
            out += fmt::format("{:<15} {}\n", "State:", "N/A");
            out += fmt::format("{:<15} {}\n", "CPU time", "N/A");
        }
        if (i < affinity.size()) {
            out += fmt::format("{:<15} {}\n", "CPU Affinity:", affinityText(affinity[i], pretty));
            j["affinity"] = affinity[i];
        }
        if (i + 1 < n) out += "\n";
        arr.push_back(std::move(j));
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{"vcpus", arr}});
    } else {
        ctx.print(out);
    }
    return true;
}

}  // namespace

CommandDef vcpuinfoCommand() {
    return {"vcpuinfo", CommandGroup::kDomain, "detailed domain vcpu information",
            "Prints, for each virtual CPU, the host CPU it runs on, its state, CPU time and "
            "affinity.",
            {domainOpt(), boolOpt("pretty", "print the affinity as CPU ranges"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
