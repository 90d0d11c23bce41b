// The <volume> document as a value type: one volume of a storage pool, its sizes (bytes),
// on-disk format, permissions, encryption and backing store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/storage/storage_common.h"
#include "util/uuid.h"

namespace nodevirt::conf {

enum class StorageVolType { kFile, kBlock, kDir, kNetwork, kNetdir, kPloop };

std::string_view storageVolTypeName(StorageVolType type);

struct StorageVolExtent {
    uint64_t start = 0;
    uint64_t end = 0;
};

// <source><device path=><extent/>: where a logical/disk volume lives (live XML only).
struct StorageVolSourceDevice {
    std::string path;
    std::vector<StorageVolExtent> extents;
};

struct StorageTimestamp {
    uint64_t sec = 0;
    uint64_t nsec = 0;
};

struct StorageEncryptionSecret {
    std::string type = "passphrase";
    std::optional<Uuid> uuid;
    std::optional<std::string> usage;
};

struct StorageEncryption {
    std::string format;                 // default, qcow, luks, luks2
    std::optional<std::string> engine;  // qemu, librbd
    std::vector<StorageEncryptionSecret> secrets;
    std::optional<std::string> cipher_name;
    std::optional<unsigned> cipher_size;
    std::optional<std::string> cipher_mode;
    std::optional<std::string> cipher_hash;
    std::optional<std::string> ivgen_name;
    std::optional<std::string> ivgen_hash;
};

struct StorageVolTarget {
    std::optional<std::string> path;
    std::optional<std::string> format;
    StoragePerms perms;
    std::optional<StorageTimestamp> atime, btime, ctime, mtime;  // live XML only
    std::optional<StorageEncryption> encryption;
    std::optional<std::string> compat;
    std::optional<uint64_t> cluster_size;
    bool nocow = false;  // parsed; libvirt 9.0 does not print it
    bool lazy_refcounts = false;
    bool extended_l2 = false;
};

struct StorageVolDef {
    StorageVolType type = StorageVolType::kFile;
    std::string name;
    std::optional<std::string> key;
    std::vector<StorageVolSourceDevice> source;
    uint64_t capacity = 0;
    uint64_t allocation = 0;
    uint64_t physical = 0;  // printed only when set (drivers fill it in)
    StorageVolTarget target;
    std::optional<StorageVolTarget> backing_store;
};

}  // namespace nodevirt::conf
