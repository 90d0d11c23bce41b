#include "cli/commands/pool/pool_util.h"

#include "nodevirt/constants.h"

namespace nodevirt::cli {

std::optional<unsigned> poolTypeFlag(std::string_view type) {
    struct Entry {
        std::string_view name;
        unsigned flag;
    };
    static constexpr Entry kTypes[] = {
        {"dir", lv::kConnectListStoragePoolsDir},
        {"fs", lv::kConnectListStoragePoolsFs},
        {"netfs", lv::kConnectListStoragePoolsNetfs},
        {"logical", lv::kConnectListStoragePoolsLogical},
        {"disk", lv::kConnectListStoragePoolsDisk},
        {"iscsi", lv::kConnectListStoragePoolsIscsi},
        {"iscsi-direct", lv::kConnectListStoragePoolsIscsiDirect},
        {"scsi", lv::kConnectListStoragePoolsScsi},
        {"mpath", lv::kConnectListStoragePoolsMpath},
        {"rbd", lv::kConnectListStoragePoolsRbd},
        {"sheepdog", lv::kConnectListStoragePoolsSheepdog},
        {"gluster", lv::kConnectListStoragePoolsGluster},
        {"zfs", lv::kConnectListStoragePoolsZfs},
        {"vstorage", lv::kConnectListStoragePoolsVstorage},
    };
    for (const Entry& e : kTypes) {
        if (e.name == type) return e.flag;
    }
    return std::nullopt;
}

}  // namespace nodevirt::cli
