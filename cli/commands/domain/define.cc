// define: make a persistent domain from an XML file (or replace its definition).
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    std::optional<std::string> file;
    if (!cmd.getString(ctx, "file", file)) return false;
    const unsigned flags = cmd.has("validate") ? lv::kDomainDefineValidate : 0;
    auto xml = readFileArg(ctx, *file);
    if (!xml) return false;
    auto dom = ctx.conn().defineDomainXml(*xml, flags);
    if (!dom) return failWith(ctx, dom.error(), fmt::format("Failed to define domain from {}", *file));
    ctx.printExtra(fmt::format("Domain '{}' defined from {}\n", dom->name(), *file));
    return true;
}

}  // namespace

CommandDef defineCommand() {
    return {"define", CommandGroup::kDomain, "define (but don't start) a domain from an XML file",
            "Creates a persistent, inactive domain from an XML description, or replaces the "
            "definition of the domain with the same name and UUID.",
            {dataOpt("file", "XML file describing the domain"),
             boolOpt("validate", "check the XML against the schema first")},
            run};
}

}  // namespace nodevirt::cli
