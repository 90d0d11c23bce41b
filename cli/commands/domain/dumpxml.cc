// dumpxml: the XML description of a domain.
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "cli/xml_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    unsigned flags = 0;
    if (cmd.has("inactive")) flags |= lv::kDomainXmlInactive;
    if (cmd.has("security-info")) flags |= lv::kDomainXmlSecure;
    if (cmd.has("update-cpu")) flags |= lv::kDomainXmlUpdateCpu;
    if (cmd.has("migratable")) flags |= lv::kDomainXmlMigratable;
    auto xml = dom->xmlDesc(flags);
    if (!xml) return failWith(ctx, xml.error());
    return printXml(ctx, cmd, *xml);
}

}  // namespace

CommandDef dumpxmlCommand() {
    return {"dumpxml", CommandGroup::kDomain, "domain information in XML",
            "Prints the XML description of the domain (live, or --inactive for the definition "
            "used at the next boot).",
            {domainOpt(), boolOpt("inactive", "the persistent definition"),
             boolOpt("security-info", "include passwords and other secrets"),
             boolOpt("update-cpu", "update the guest CPU from the host CPU"),
             boolOpt("migratable", "the XML as a migration would send it"), xpathOption(),
             wrapOption()},
            run};
}

}  // namespace nodevirt::cli
