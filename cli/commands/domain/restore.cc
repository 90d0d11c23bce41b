// restore: start a domain from a state file written by save.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "running", "paused")) return false;
    std::optional<std::string> from, xml_file;
    if (!cmd.getString(ctx, "file", from) || !cmd.getString(ctx, "xml", xml_file)) return false;
    unsigned flags = 0;
    if (cmd.has("bypass-cache")) flags |= lv::kDomainSaveBypassCache;
    if (cmd.has("running")) flags |= lv::kDomainSaveRunning;
    if (cmd.has("paused")) flags |= lv::kDomainSavePaused;
    if (cmd.has("reset-nvram")) flags |= lv::kDomainSaveResetNvram;
    std::optional<std::string> xml;
    if (xml_file) {
        xml = readFileArg(ctx, *xml_file);
        if (!xml) return false;
    }
    if (auto st = ctx.conn().restoreDomain(*from, xml, flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to restore domain from {}", *from));
    }
    ctx.printExtra(fmt::format("Domain restored from {}\n", *from));
    return true;
}

}  // namespace

CommandDef restoreCommand() {
    return {"restore", CommandGroup::kDomain, "restore a domain from a saved state in a file",
            "Starts the domain saved in FILE by save.",
            {dataOpt("file", "the saved state"),
             boolOpt("bypass-cache", "avoid the file system cache when restoring"),
             stringOpt("xml", "file with an updated domain XML"),
             boolOpt("running", "be running after restore"),
             boolOpt("paused", "be paused after restore"),
             boolOpt("reset-nvram", "start from a pristine NVRAM template")},
            run};
}

}  // namespace nodevirt::cli
