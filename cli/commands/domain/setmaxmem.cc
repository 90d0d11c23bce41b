// setmaxmem: change the maximum memory of a domain.
#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags) return false;
    const bool any = cmd.has("current") || cmd.has("live") || cmd.has("config");
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    std::optional<uint64_t> bytes;
    if (!cmd.getScaled(ctx, "size", 1024, UINT64_MAX, bytes)) return false;
    const uint64_t kib = (*bytes + 1023) / 1024;
    // Without flags virsh uses virDomainSetMaxMemory.
    auto st = any ? dom->setMemory(kib, *flags | lv::kDomainMemMaximum) : dom->setMaxMemory(kib);
    if (!st) return failWith(ctx, st.error(), "Unable to change MaxMemorySize");
    return true;
}

}  // namespace

CommandDef setmaxmemCommand() {
    return {"setmaxmem", CommandGroup::kDomain, "change maximum memory limit",
            "Changes the maximum memory of the domain (a bare number is KiB).",
            {domainOpt(), intOpt("size", "the new maximum, e.g. 2097152, 4G", kOptRequired),
             aliasOpt("kilobytes", "size"), configOpt(), liveOpt(), currentOpt()},
            run};
}

}  // namespace nodevirt::cli
