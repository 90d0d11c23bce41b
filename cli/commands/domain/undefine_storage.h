// The storage side of `undefine --storage/--remove-all-storage`: finding the volumes behind
// a domain's disks before the undefine, and deleting (optionally wiping) them after it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "nodevirt/domain.h"
#include "nodevirt/storage.h"

namespace nodevirt::cli {

struct DiskVolume {
    std::string target;  // "vda"
    std::string source;  // the path (or pool/volume) as the XML names it
    StorageVolume vol;
};

// The managed volumes of `dom`'s disks: all of them (`wanted` empty) or those whose target
// or source is listed in `wanted`. Unmanaged sources are reported and skipped; a listed
// name that matches no disk is an error (nullopt).
std::optional<std::vector<DiskVolume>> collectDiskVolumes(Context& ctx, const Domain& dom,
                                                          const std::vector<std::string>& wanted);

// Deletes the volumes (wiping first when asked); false when any of them failed.
bool removeDiskVolumes(Context& ctx, const std::vector<DiskVolume>& vols, bool wipe,
                       unsigned delete_flags);

}  // namespace nodevirt::cli
