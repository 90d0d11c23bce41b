// version: client, library and hypervisor versions.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/host/host_commands.h"
#include "cli/json_output.h"
#include "cli/version.h"

namespace nodevirt::cli {
namespace {

std::string dotted(uint64_t v) {
    return fmt::format("{}.{}.{}", v / 1000000, (v / 1000) % 1000, v % 1000);
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    const Connection& conn = ctx.conn();
    auto type = conn.type();
    auto lib = conn.libVersion();
    if (!type || !lib) {
        ctx.error("failed to get the library version");
        return false;
    }
    auto hv = conn.version();
    std::optional<Result<uint64_t>> daemon;
    if (cmd.has("daemon")) daemon = conn.libVersion();
    if (wantJson(ctx, cmd)) {
        nlohmann::ordered_json doc;
        doc["client"] = {{"name", "nodevirt"}, {"version", kCliVersion}};
        doc["library"] = dotted(*lib);
        doc["hypervisor"] = {{"type", *type}, {"version", hv ? nlohmann::ordered_json(dotted(*hv))
                                                             : nlohmann::ordered_json()}};
        if (daemon && *daemon) doc["daemon"] = dotted(**daemon);
        printJson(ctx, doc);
        return hv.has_value();
    }
    ctx.print(fmt::format("Compiled against library: nodevirt {}\n", kCliVersion));
    // The client library is built with the CLI; *lib is the libvirt API level the driver speaks.
    ctx.print(fmt::format("Using library: nodevirt {}\n", kCliVersion));
    ctx.print(fmt::format("Using API: {} {}\n", *type, dotted(*lib)));
    if (!hv) {
        ctx.error("failed to get the hypervisor version");
        return failWith(ctx, hv.error());
    }
    if (*hv == 0) {
        ctx.print(fmt::format("Cannot extract running {} hypervisor version\n", *type));
    } else {
        ctx.print(fmt::format("Running hypervisor: {} {}\n", *type, dotted(*hv)));
    }
    if (daemon) {
        if (!*daemon) {
            ctx.error("failed to get the daemon version");
        } else {
            ctx.print(fmt::format("Running against daemon: {}\n", dotted(**daemon)));
        }
    }
    return true;
}

}  // namespace

CommandDef versionCommand() {
    return {"version", CommandGroup::kHost, "show version",
            "Prints the versions of this client, the library and the hypervisor.",
            {boolOpt("daemon", "also report the daemon's version"), jsonOption()}, run};
}

}  // namespace nodevirt::cli
