// The <pool> document as a value type: a storage pool's identity, where its storage comes
// from (<source>), where it appears on the host (<target>) and its size counters. Also the
// per-type facts (which <source> parts a type uses, its formats) both parse and format need.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "conf/storage/storage_common.h"
#include "util/uuid.h"

namespace nodevirt::conf {

enum class StoragePoolType {
    kDir,
    kFs,
    kNetfs,
    kLogical,
    kDisk,
    kIscsi,
    kIscsiDirect,
    kScsi,
    kMpath,
    kRbd,
    kSheepdog,
    kGluster,
    kZfs,
    kVstorage
};

struct StoragePoolHost {
    std::string name;
    std::optional<int> port;
};

struct StorageFreeExtent {
    uint64_t start = 0;
    uint64_t end = 0;
};

struct StoragePoolDevice {
    std::string path;
    std::optional<bool> part_separator;
    std::vector<StorageFreeExtent> free_extents;  // live XML of disk pools
};

struct StoragePciAddress {
    unsigned domain = 0, bus = 0, slot = 0, function = 0;
};

enum class StorageAdapterType { kNone, kScsiHost, kFcHost };

struct StorageAdapter {
    StorageAdapterType type = StorageAdapterType::kNone;
    // scsi_host
    std::optional<std::string> name;
    std::optional<unsigned> parent_unique_id;  // with parent_address: <parentaddr>
    std::optional<StoragePciAddress> parent_address;
    // fc_host
    std::optional<std::string> parent;
    std::optional<std::string> parent_wwnn;
    std::optional<std::string> parent_wwpn;
    std::optional<std::string> parent_fabric_wwn;
    std::optional<bool> managed;
    std::optional<std::string> wwnn;
    std::optional<std::string> wwpn;
};

enum class StorageAuthType { kChap, kCeph };

struct StorageAuth {
    StorageAuthType type = StorageAuthType::kChap;
    std::string username;
    std::optional<Uuid> secret_uuid;
    std::optional<std::string> secret_usage;
};

struct StoragePoolSource {
    std::vector<StoragePoolHost> hosts;
    std::vector<StoragePoolDevice> devices;
    std::optional<std::string> dir;
    StorageAdapter adapter;
    std::optional<std::string> name;
    std::optional<std::string> initiator_iqn;
    std::optional<std::string> format;  // pool format name (fs type, partition table, ...)
    std::optional<StorageAuth> auth;
    std::optional<std::string> vendor;
    std::optional<std::string> product;
    std::optional<std::string> protocol_ver;
};

struct StoragePoolDef {
    StoragePoolType type = StoragePoolType::kDir;
    std::string name;
    Uuid uuid;
    bool uuid_specified = false;
    // Size counters (bytes); drivers fill them in, libvirt always prints them.
    uint64_t capacity = 0;
    uint64_t allocation = 0;
    uint64_t available = 0;
    std::optional<bool> cow;  // <features><cow state=/>
    StoragePoolSource source;
    std::optional<std::string> target_path;
    StoragePerms target_perms;
    bool has_refresh = false;                       // <refresh> present
    std::optional<std::string> refresh_allocation;  // <volume allocation='default|capacity'/>
    std::vector<std::string> fs_mount_opts;         // fs:mount_opts (ParseOptions::xml_namespaces)
    std::vector<std::pair<std::string, std::string>> rbd_config_opts;  // rbd:config_opts
};

// Which <source> parts a pool type reads and prints.
enum PoolSourceFlag : unsigned {
    kPoolSourceHost = 1U << 0,
    kPoolSourceDevice = 1U << 1,
    kPoolSourceDir = 1U << 2,
    kPoolSourceAdapter = 1U << 3,
    kPoolSourceName = 1U << 4,
    kPoolSourceInitiatorIqn = 1U << 5,
    kPoolSourceNetwork = 1U << 6,  // no local target
};

struct StoragePoolTypeInfo {
    StoragePoolType type;
    std::string_view name;
    unsigned source_flags;
    std::span<const std::string_view> pool_formats;  // empty: no <format>
    std::string_view default_pool_format;
    std::span<const std::string_view> vol_formats;  // empty: volumes have no <format>
    std::string_view default_vol_format;
};

const StoragePoolTypeInfo& storagePoolTypeInfo(StoragePoolType type);
std::optional<StoragePoolType> storagePoolTypeFromString(std::string_view name);

}  // namespace nodevirt::conf
