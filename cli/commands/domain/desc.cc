// desc: show or set the description (or, with --title, the title) of a domain.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/domain_util.h"
#include "cli/json_output.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags) return false;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    if (!queryDomainState(ctx, *dom)) return false;
    const bool title = cmd.has("title");
    const int type = static_cast<int>(title ? lv::kDomainMetadataTitle : lv::kDomainMetadataDescription);
    std::string text;
    const auto words = cmd.all("new-desc");
    for (size_t i = 0; i < words.size(); ++i) text += (i ? " " : "") + words[i];
    if (cmd.has("edit")) {
        ctx.error("desc --edit: editing is not supported by this client; give the text instead");
        return false;
    }
    if (!words.empty()) {
        if (auto st = dom->setMetadata(type, text, std::nullopt, std::nullopt, *flags); !st) {
            return failWith(ctx, st.error(), title ? "Failed to set new domain title"
                                                   : "Failed to set new domain description");
        }
        // No final newline, as in virsh.
        ctx.printExtra(title ? "Domain title updated successfully"
                             : "Domain description updated successfully");
        return true;
    }
    auto md = dom->metadata(type, std::nullopt, *flags);
    std::string current;
    if (md) {
        current = md->value_or("");
    } else if (md.error().code != ErrorCode::kNoDomainMetadata) {
        return failWith(ctx, md.error());
    }
    if (wantJson(ctx, cmd)) {
        printJson(ctx, {{title ? "title" : "description", current}});
    } else if (!current.empty()) {
        ctx.print(current);
    } else {
        ctx.printExtra(fmt::format("No {} for domain: {}", title ? "title" : "description", dom->name()));
    }
    return true;
}

}  // namespace

CommandDef descCommand() {
    return {"desc", CommandGroup::kDomain, "show or set domain's description or title",
            "Prints the description (or --title) of a domain; words given after the options "
            "replace it.",
            {domainOpt(), boolOpt("live", "of the running domain"),
             boolOpt("config", "of the persistent definition"),
             boolOpt("current", "of the current state"),
             boolOpt("title", "the title instead of the description"),
             boolOpt("edit", "edit the text in an editor"),
             argvOpt("new-desc", "the new text"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
