// save: save a running domain's state to a file and stop it.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "running", "paused")) return false;
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    std::optional<std::string> to, xml_file;
    if (!cmd.getString(ctx, "file", to) || !cmd.getString(ctx, "xml", xml_file)) return false;
    unsigned flags = 0;
    if (cmd.has("bypass-cache")) flags |= lv::kDomainSaveBypassCache;
    if (cmd.has("running")) flags |= lv::kDomainSaveRunning;
    if (cmd.has("paused")) flags |= lv::kDomainSavePaused;
    std::optional<std::string> xml;
    if (xml_file) {
        xml = readFileArg(ctx, *xml_file);
        if (!xml) return false;
    }
    if (auto st = dom->save(*to, xml, flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to save domain '{}' to {}", name, *to));
    }
    // virsh ends its job progress display with a newline before the message.
    ctx.printExtra(fmt::format("\nDomain '{}' saved to {}\n", name, *to));
    return true;
}

}  // namespace

CommandDef saveCommand() {
    return {"save", CommandGroup::kDomain, "save a domain state to a file",
            "Saves the running domain's memory and device state to FILE and stops it; "
            "restore brings it back.",
            {domainOpt(), dataOpt("file", "where to save the state"),
             boolOpt("bypass-cache", "avoid the file system cache when saving"),
             stringOpt("xml", "file with an updated domain XML for the saved state"),
             boolOpt("running", "be running after restore"),
             boolOpt("paused", "be paused after restore"), boolOpt("verbose", "show progress")},
            run};
}

}  // namespace nodevirt::cli
