// What each storage pool type accepts: source parts, pool formats and volume formats
// (libvirt's per-type tables, as documented in formatstorage.html and the RNG schemas).
#include <array>

#include "conf/storage/storage_pool_def.h"

namespace nodevirt::conf {
namespace {

constexpr std::string_view kFsFormats[] = {"auto",    "ext2", "ext3",  "ext4", "ufs",
                                           "iso9660", "udf",  "gfs",   "gfs2", "vfat",
                                           "hfs+",    "xfs",  "ocfs2", "vmfs"};
constexpr std::string_view kNetfsFormats[] = {"auto", "nfs", "glusterfs", "cifs"};
constexpr std::string_view kDiskFormats[] = {"unknown", "dos",  "dvh", "gpt", "mac",
                                             "bsd",     "pc98", "sun", "lvm2"};
constexpr std::string_view kLogicalFormats[] = {"unknown", "lvm2"};
constexpr std::string_view kFileVolFormats[] = {"none", "raw",  "dir",   "bochs", "cloop", "dmg",
                                                "iso",  "vpc",  "vdi",   "fat",   "vhd",   "ploop",
                                                "cow",  "qcow", "qcow2", "qed",   "vmdk"};
constexpr std::string_view kPartitionVolFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid", "extended"};

constexpr unsigned kHost = kPoolSourceHost, kDevice = kPoolSourceDevice, kDir = kPoolSourceDir,
                   kAdapter = kPoolSourceAdapter, kName = kPoolSourceName,
                   kIqn = kPoolSourceInitiatorIqn, kNet = kPoolSourceNetwork;

const std::array<StoragePoolTypeInfo, 14> kTypes = {{
    {StoragePoolType::kDir, "dir", 0, {}, "", kFileVolFormats, "raw"},
    {StoragePoolType::kFs, "fs", kDevice, kFsFormats, "auto", kFileVolFormats, "raw"},
    {StoragePoolType::kNetfs, "netfs", kHost | kDir, kNetfsFormats, "auto", kFileVolFormats, "raw"},
    {StoragePoolType::kLogical, "logical", kName | kDevice, kLogicalFormats, "lvm2", {}, ""},
    {StoragePoolType::kDisk, "disk", kDevice, kDiskFormats, "unknown", kPartitionVolFormats,
     "none"},
    {StoragePoolType::kIscsi, "iscsi", kHost | kDevice | kIqn, {}, "", {}, ""},
    {StoragePoolType::kIscsiDirect, "iscsi-direct", kHost | kDevice | kIqn | kNet, {}, "", {}, ""},
    {StoragePoolType::kScsi, "scsi", kAdapter, {}, "", {}, ""},
    {StoragePoolType::kMpath, "mpath", 0, {}, "", {}, ""},
    {StoragePoolType::kRbd, "rbd", kHost | kName | kNet, {}, "", kFileVolFormats, "raw"},
    {StoragePoolType::kSheepdog, "sheepdog", kHost | kName | kNet, {}, "", kFileVolFormats, "raw"},
    {StoragePoolType::kGluster,
     "gluster",
     kHost | kName | kDir | kNet,
     {},
     "",
     kFileVolFormats,
     "raw"},
    {StoragePoolType::kZfs, "zfs", kName | kDevice, {}, "", {}, ""},
    {StoragePoolType::kVstorage, "vstorage", kName, {}, "", kFileVolFormats, "raw"},
}};

}  // namespace

const StoragePoolTypeInfo& storagePoolTypeInfo(StoragePoolType type) {
    return kTypes[static_cast<size_t>(type)];
}

std::optional<StoragePoolType> storagePoolTypeFromString(std::string_view name) {
    for (const StoragePoolTypeInfo& info : kTypes) {
        if (info.name == name) return info.type;
    }
    return std::nullopt;
}

}  // namespace nodevirt::conf
