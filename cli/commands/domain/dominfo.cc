// dominfo: basic information about a domain.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/format.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string line(std::string_view label, std::string_view value) {
    return fmt::format("{:<15} {}\n", label, value);
}

// The security model and the domain's label; false when the model query fails for a
// reason other than "not supported".
bool security(Context& ctx, const Domain& dom, std::string& out, Json& json) {
    auto model = ctx.conn().nodeSecurityModel();
    if (!model) {
        if (model.error().code == ErrorCode::kNoSupport) return true;
        ctx.setLastError(model.error());
        return false;
    }
    if (model->model.empty()) return true;
    out += line("Security model:", model->model);
    out += line("Security DOI:", model->doi);
    json["security"] = {{"model", model->model}, {"doi", model->doi}};
    auto label = dom.securityLabel();
    if (!label) {
        ctx.setLastError(label.error());
        return false;
    }
    // Only active domains have a label.
    if (!label->label.empty()) {
        out += fmt::format("{:<15} {} ({})\n", "Security label:", label->label,
                           label->enforcing ? "enforcing" : "permissive");
        json["security"]["label"] = label->label;
        json["security"]["enforcing"] = label->enforcing;
    }
    return true;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    Json json = domainIdentityJson(*dom);
    std::string out = line("Id:", dom->id() >= 0 ? std::to_string(dom->id()) : "-");
    out += line("Name:", dom->name());
    out += line("UUID:", dom->uuidString());
    if (auto os = dom->osType()) {
        out += line("OS Type:", *os);
        json["os_type"] = *os;
    }
    bool ok = true;
    if (auto info = dom->info()) {
        out += line("State:", domainStateName(info->state));
        out += fmt::format("{:<15} {}\n", "CPU(s):", info->nr_virt_cpu);
        if (info->cpu_time_ns != 0) {
            out += fmt::format("{:<15} {:.1f}s\n", "CPU time:",
                               static_cast<double>(info->cpu_time_ns) / 1e9);
        }
        out += fmt::format("{:<15} {} KiB\n", "Max memory:", info->max_mem_kib);
        out += fmt::format("{:<15} {} KiB\n", "Used memory:", info->memory_kib);
        json["state"] = domainStateName(info->state);
        json["cpus"] = info->nr_virt_cpu;
        json["cpu_time_ns"] = info->cpu_time_ns;
        json["max_memory_kib"] = info->max_mem_kib;
        json["used_memory_kib"] = info->memory_kib;
    } else {
        ctx.setLastError(info.error());
        ok = false;
    }
    auto persistent = dom->isPersistent();
    out += line("Persistent:", persistent ? yesNo(*persistent) : "unknown");
    json["persistent"] = persistent ? Json(*persistent) : Json();
    if (auto autostart = dom->autostart()) {
        out += line("Autostart:", *autostart ? "enable" : "disable");
        json["autostart"] = *autostart;
    }
    auto managed = dom->hasManagedSaveImage();
    out += line("Managed save:", managed ? yesNo(*managed) : "unknown");
    json["managed_save"] = managed ? Json(*managed) : Json();
    if (!security(ctx, *dom, out, json)) ok = false;
    if (wantJson(ctx, cmd)) {
        if (ok) printJson(ctx, json);
    } else {
        ctx.print(out);
    }
    return ok;
}

}  // namespace

CommandDef dominfoCommand() {
    return {"dominfo", CommandGroup::kMonitor, "domain information",
            "Prints the state, resources and security label of a domain.",
            {domainOpt(), jsonOption()}, run};
}

}  // namespace nodevirt::cli
