// domifstat: traffic counters of one network interface of a domain.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/json_output.h"
#include "cli/lookup.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    std::optional<std::string> device;
    if (!cmd.getString(ctx, "interface", device)) return false;
    auto st = dom->interfaceStats(*device);
    if (!st) {
        return failWith(ctx, st.error(),
                        fmt::format("Failed to get interface stats {} {}", name, *device));
    }
    const std::pair<const char*, int64_t> values[] = {
        {"rx_bytes", st->rx_bytes}, {"rx_packets", st->rx_packets}, {"rx_errs", st->rx_errs},
        {"rx_drop", st->rx_drop},   {"tx_bytes", st->tx_bytes},     {"tx_packets", st->tx_packets},
        {"tx_errs", st->tx_errs},   {"tx_drop", st->tx_drop},
    };
    if (wantJson(ctx, cmd)) {
        nlohmann::ordered_json doc{{"interface", *device}};
        for (const auto& [field, v] : values) {
            if (v >= 0) doc[field] = v;
        }
        printJson(ctx, doc);
        return true;
    }
    std::string out;
    for (const auto& [field, v] : values) {
        if (v >= 0) out += fmt::format("{} {} {}\n", *device, field, v);
    }
    ctx.print(out);
    return true;
}

}  // namespace

CommandDef domifstatCommand() {
    return {"domifstat", CommandGroup::kMonitor, "get network interface stats for a domain",
            "Prints the traffic counters of an interface (by target device name or MAC).",
            {domainOpt(), dataOpt("interface", "the interface (device name or MAC address)"),
             jsonOption()},
            run};
}

}  // namespace nodevirt::cli
