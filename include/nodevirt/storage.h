// nodevirt::StoragePool and nodevirt::StorageVolume: handles on storage pools and the volumes
// in them (virStoragePool* / virStorageVol*). Cheap copyable values holding the connection's
// shared state plus the object's identity.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"
#include "nodevirt/stream.h"
#include "nodevirt/types.h"
#include "nodevirt/uuid.h"

namespace nodevirt {

class StoragePool {
  public:
    StoragePool() = default;  // invalid; every call fails with VIR_ERR_INVALID_STORAGE_POOL

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const Uuid& uuid() const { return uuid_; }
    [[nodiscard]] std::string uuidString() const { return uuid_.toString(); }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Status build(unsigned flags = 0) const;
    [[nodiscard]] Status undefine() const;
    [[nodiscard]] Status create(unsigned flags = 0) const;  // start an inactive pool
    [[nodiscard]] Status destroy() const;
    [[nodiscard]] Status remove(unsigned flags = 0) const;  // virStoragePoolDelete
    [[nodiscard]] Status refresh(unsigned flags = 0) const;
    [[nodiscard]] Result<StoragePoolInfo> info() const;
    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Result<bool> autostart() const;
    [[nodiscard]] Status setAutostart(bool autostart) const;
    [[nodiscard]] Result<bool> isActive() const;
    [[nodiscard]] Result<bool> isPersistent() const;

    // --- volumes of this pool
    [[nodiscard]] Result<int> numOfVolumes() const;
    [[nodiscard]] Result<std::vector<std::string>> listVolumes(int max) const;
    [[nodiscard]] Result<std::vector<StorageVolume>> listAllVolumes(unsigned flags = 0) const;
    [[nodiscard]] Result<StorageVolume> lookupVolumeByName(const std::string& name) const;
    [[nodiscard]] Result<StorageVolume> createVolumeXml(const std::string& xml,
                                                        unsigned flags = 0) const;
    [[nodiscard]] Result<StorageVolume> createVolumeXmlFrom(const std::string& xml,
                                                            const StorageVolume& clone_from,
                                                            unsigned flags = 0) const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    std::string name_;
    Uuid uuid_;
};

class StorageVolume {
  public:
    StorageVolume() = default;  // invalid; every call fails with VIR_ERR_INVALID_STORAGE_VOL

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const std::string& key() const { return key_; }
    [[nodiscard]] const std::string& poolName() const { return pool_; }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Result<StoragePool> pool() const;         // virStoragePoolLookupByVolume
    [[nodiscard]] Status remove(unsigned flags = 0) const;  // virStorageVolDelete
    [[nodiscard]] Status wipe(unsigned algorithm = 0,
                              unsigned flags = 0) const;  // virStorageVolWipePattern
    [[nodiscard]] Status resize(uint64_t capacity, unsigned flags = 0) const;
    [[nodiscard]] Result<StorageVolInfo> info(
        unsigned flags = 0) const;  // virStorageVolGetInfoFlags
    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> path() const;
    // Streams carrying the volume's bytes; length 0 means "to the end".
    [[nodiscard]] Result<Stream> download(uint64_t offset = 0, uint64_t length = 0,
                                          unsigned flags = 0) const;
    [[nodiscard]] Result<Stream> upload(uint64_t offset = 0, uint64_t length = 0,
                                        unsigned flags = 0) const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    std::string pool_;
    std::string name_;
    std::string key_;
};

}  // namespace nodevirt
