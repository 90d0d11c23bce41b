// undefine: remove a domain's persistent definition (a running domain becomes transient),
// optionally with its managed save image, snapshot metadata, NVRAM and disk volumes.
#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/domain/domain_commands.h"
#include "cli/commands/domain/undefine_storage.h"
#include "cli/lookup.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

struct FlagOption {
    const char* option;
    unsigned flag;
};

constexpr FlagOption kFlags[] = {
    {"managed-save", lv::kDomainUndefineManagedSave},
    {"snapshots-metadata", lv::kDomainUndefineSnapshotsMetadata},
    {"checkpoints-metadata", lv::kDomainUndefineCheckpointsMetadata},
    {"nvram", lv::kDomainUndefineNvram},
    {"keep-nvram", lv::kDomainUndefineKeepNvram},
    {"tpm", lv::kDomainUndefineTpm},
    {"keep-tpm", lv::kDomainUndefineKeepTpm},
};

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Drops the flags an inactive domain does not need, so that servers which reject unknown
// flag bits still accept the call (the same trimming virsh does).
unsigned trimFlags(const Domain& dom, unsigned flags) {
    auto active = dom.isActive();
    bool has_managed_save = false;
    int snapshots_with_metadata = 0;
    if (active && !*active) {
        auto has = dom.hasManagedSaveImage();
        has_managed_save = has && *has;
        auto n = dom.snapshotNum(0);
        if (n && *n > 0) {
            auto with_md = dom.snapshotNum(lv::kDomainSnapshotListMetadata);
            snapshots_with_metadata = with_md ? *with_md : *n;
        }
    }
    if (!has_managed_save) flags &= ~lv::kDomainUndefineManagedSave;
    if (snapshots_with_metadata == 0) flags &= ~lv::kDomainUndefineSnapshotsMetadata;
    return flags;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "nvram", "keep-nvram") ||
        !checkExclusive(ctx, cmd, "tpm", "keep-tpm")) {
        return false;
    }
    std::optional<std::string> storage;
    if (!cmd.getString(ctx, "storage", storage)) return false;
    const bool remove_all = cmd.has("remove-all-storage");
    const bool wipe = cmd.has("wipe-storage");
    if (wipe && !storage && !remove_all) {
        ctx.error("'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");
        return false;
    }
    unsigned flags = 0;
    for (const FlagOption& f : kFlags) {
        if (cmd.has(f.option)) flags |= f.flag;
    }
    std::string name;
    auto dom = lookupDomain(ctx, cmd, &name);
    if (!dom) return false;
    flags = trimFlags(*dom, flags);

    std::vector<DiskVolume> vols;
    if (storage || remove_all) {
        auto found = collectDiskVolumes(ctx, *dom, storage ? splitList(*storage) : std::vector<std::string>{});
        if (!found) return false;
        vols = std::move(*found);
    }
    if (auto st = dom->undefine(flags); !st) {
        return failWith(ctx, st.error(), fmt::format("Failed to undefine domain '{}'", name));
    }
    ctx.printExtra(fmt::format("Domain '{}' has been undefined\n", name));
    const unsigned delete_flags =
        cmd.has("delete-storage-volume-snapshots") ? lv::kStorageVolDeleteWithSnapshots : 0;
    return removeDiskVolumes(ctx, vols, wipe, delete_flags);
}

}  // namespace

CommandDef undefineCommand() {
    return {"undefine", CommandGroup::kDomain, "undefine a domain",
            "Removes the persistent definition of a domain; a running domain keeps running as "
            "a transient one.",
            {domainOpt(),
             boolOpt("managed-save", "also remove the managed save image"),
             stringOpt("storage", "volumes to remove, by target or source, comma separated"),
             boolOpt("remove-all-storage", "remove every volume of the domain's disks"),
             boolOpt("delete-storage-volume-snapshots", "also delete the volumes' snapshots"),
             aliasOpt("delete-snapshots", "delete-storage-volume-snapshots"),
             boolOpt("wipe-storage", "wipe the data of the volumes before removing them"),
             boolOpt("snapshots-metadata", "also remove the snapshot metadata"),
             boolOpt("checkpoints-metadata", "also remove the checkpoint metadata"),
             boolOpt("nvram", "also remove the NVRAM file"),
             boolOpt("keep-nvram", "keep the NVRAM file"),
             boolOpt("tpm", "also remove the TPM state"),
             boolOpt("keep-tpm", "keep the TPM state")},
            run};
}

}  // namespace nodevirt::cli
