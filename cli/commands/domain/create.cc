// create: start a domain from an XML file (transient unless already defined).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    if (cmd.has("pass-fds")) {
        ctx.error("passing file descriptors is not supported by this client");
        return false;
    }
    unsigned flags = 0;
    if (cmd.has("paused")) flags |= lv::kDomainStartPaused;
    if (cmd.has("autodestroy")) flags |= lv::kDomainStartAutodestroy;
    if (cmd.has("validate")) flags |= lv::kDomainStartValidate;
    if (cmd.has("reset-nvram")) flags |= lv::kDomainStartResetNvram;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto dom = ctx.conn().createDomainXml(*xml, flags);
    if (!dom) return failWith(ctx, dom.error(), fmt::format("Failed to create domain from {}", *file));
    ctx.printExtra(fmt::format("Domain '{}' created from {}\n", dom->name(), *file));
    if (cmd.has("console")) {
        ctx.error("console: not supported by this client");
        return false;
    }
    return true;
}

}  // namespace

CommandDef createCommand() {
    return {"create", CommandGroup::kDomain, "create a domain from an XML file",
            "Starts a domain from an XML description without defining it (the domain is "
            "transient) — or starts the defined domain of that name.",
            {dataOpt("file", "XML file describing the domain"),
             boolOpt("console", "attach to the console after creation"),
             boolOpt("paused", "leave the domain paused"),
             boolOpt("autodestroy", "destroy the domain when this client disconnects"),
             stringOpt("pass-fds", "pass file descriptors N,M,... to the guest"),
             boolOpt("validate", "check the XML against the schema first"),
             boolOpt("reset-nvram", "start from a pristine NVRAM template")},
            run};
}

}  // namespace nodevirt::cli
