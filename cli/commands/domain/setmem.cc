// setmem / setmaxmem: change the current or the maximum memory of a domain.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

// The size in KiB (a bare number is KiB, suffixes allowed); nullopt after an error.
std::optional<uint64_t> sizeKib(Context& ctx, const ParsedCommand& cmd) {
    std::optional<uint64_t> bytes;
    if (!cmd.getScaled(ctx, "size", 1024, UINT64_MAX, bytes)) return std::nullopt;
    return (*bytes + 1023) / 1024;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    auto flags = affectFlags(ctx, cmd);
    if (!flags) return false;
    const bool any = cmd.has("current") || cmd.has("live") || cmd.has("config");
    auto dom = lookupDomain(ctx, cmd);
    if (!dom) return false;
    auto kib = sizeKib(ctx, cmd);
    if (!kib) return false;
    // Without flags virsh uses virDomainSetMemory, which always means the live domain.
    auto st = dom->setMemory(*kib, any ? *flags : lv::kDomainAffectLive);
    if (!st) return failWith(ctx, st.error());
    return true;
}

}  // namespace

CommandDef setmemCommand() {
    return {"setmem", CommandGroup::kDomain, "change memory allocation",
            "Changes the memory the domain currently uses (a bare number is KiB).",
            {domainOpt(), intOpt("size", "the new size, e.g. 1048576, 512M, 2G", kOptRequired),
             aliasOpt("kilobytes", "size"), configOpt(), liveOpt(), currentOpt()},
            run};
}

}  // namespace nodevirt::cli
