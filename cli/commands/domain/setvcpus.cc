// setvcpus: change the number of virtual CPUs (current or maximum).
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags || !checkExclusive(ctx, cmd, "guest", "config") ||
        !checkRequires(ctx, cmd, "maximum", "config")) {
        return false;
    }
    if (cmd.has("guest")) *flags |= lv::kDomainVcpuGuest;
    if (cmd.has("maximum")) *flags |= lv::kDomainVcpuMaximum;
    if (cmd.has("hotpluggable")) *flags |= lv::kDomainVcpuHotpluggable;
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<unsigned> count;
    if (!cmd.getUint(ctx, "count", count)) return false;
    if (*count == 0) {
        ctx.error("Can't set 0 processors for a VM");
        return false;
    }
    // No flags at all: virDomainSetVcpus, which acts on the live domain.
    const bool plain = !cmd.has("current") && *flags == 0;
    auto st = dom->setVcpus(*count, plain ? lv::kDomainAffectLive : *flags);
    if (!st) return failWith(ctx, st.error());
    return true;
}

}  // namespace

CommandDef setvcpusCommand() {
    return {"setvcpus", CommandGroup::kDomain, "change number of virtual CPUs",
            "Changes the number of virtual CPUs of the domain, or with --config --maximum the "
            "maximum it may have.",
            {domainOpt(), intOpt("count", "the number of virtual CPUs", kOptRequired),
             boolOpt("maximum", "change the maximum (needs --config)"), configOpt(), liveOpt(),
             currentOpt(), boolOpt("guest", "change the CPU state inside the guest"),
             boolOpt("hotpluggable", "make the added CPUs hot-unpluggable")},
            run};
}

}  // namespace nodevirt::cli
