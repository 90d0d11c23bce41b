// metadata: show, set or remove an application's XML element in a domain's <metadata>.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags || !checkExclusive(ctx, cmd, "edit", "set") ||
        !checkExclusive(ctx, cmd, "remove", "set") || !checkExclusive(ctx, cmd, "remove", "edit")) {
        return false;
    }
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<std::string> uri, key, set;
    if (!cmd.getString(ctx, "uri", uri) || !cmd.getString(ctx, "key", key) ||
        !cmd.getString(ctx, "set", set)) {
        return false;
    }
    const int type = static_cast<int>(lv::kDomainMetadataElement);
    if ((set || cmd.has("edit")) && !key) {
        ctx.error("namespace key is required when modifying metadata");
        return false;
    }
    if (cmd.has("edit")) {
        ctx.error("metadata --edit: editing is not supported by this client; use --set");
        return false;
    }
    if (set || cmd.has("remove")) {
        if (auto st = dom->setMetadata(type, set, key, uri, *flags); !st) return failWith(ctx, st.error());
        ctx.printExtra(set ? "Metadata modified\n" : "Metadata removed\n");
        return true;
    }
    auto md = dom->metadata(type, uri, *flags);
    if (!md) return failWith(ctx, md.error());
    if (!*md) {
        return failWith(ctx, Error::make(ErrorCode::kNoDomainMetadata, ErrorDomain::kDomain,
                                         "Requested metadata element is not present"));
    }
    ctx.print(**md + "\n");
    return true;
}

}  // namespace

CommandDef metadataCommand() {
    return {"metadata", CommandGroup::kDomain, "show or set domain's custom XML metadata",
            "Prints the metadata element of the namespace URI, or sets (--set, with --key as "
            "the prefix) or removes it.",
            {domainOpt(), dataOpt("uri", "the namespace URI"), boolOpt("live", "of the running domain"),
             boolOpt("config", "of the persistent definition"),
             boolOpt("current", "of the current state"),
             boolOpt("edit", "edit the element in an editor"),
             stringOpt("key", "the namespace prefix"), stringOpt("set", "the new element"),
             boolOpt("remove", "remove the element")},
            run};
}

}  // namespace nodevirt::cli
