// Storage pools and volumes (virStoragePool* / virStorageVol*). Defaults: "not supported".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/stream.h"
#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class StorageOps {
public:
    virtual ~StorageOps() = default;
    static constexpr ErrorDomain kDom = ErrorDomain::kStorage;

    // --- pools
    virtual Result<std::vector<StoragePoolRef>> listAllPools(unsigned /*flags*/) {
        return unsupported("virConnectListAllStoragePools", kDom);
    }
    virtual Result<int> numOfPools() { return unsupported("virConnectNumOfStoragePools", kDom); }
    virtual Result<std::vector<std::string>> listPools(int /*max*/) {
        return unsupported("virConnectListStoragePools", kDom);
    }
    virtual Result<int> numOfDefinedPools() { return unsupported("virConnectNumOfDefinedStoragePools", kDom); }
    virtual Result<std::vector<std::string>> listDefinedPools(int /*max*/) {
        return unsupported("virConnectListDefinedStoragePools", kDom);
    }
    virtual Result<std::string> findPoolSources(const std::string& /*type*/, const std::optional<std::string>& /*spec*/,
                                                unsigned /*flags*/) {
        return unsupported("virConnectFindStoragePoolSources", kDom);
    }
    virtual Result<StoragePoolRef> lookupPoolByName(const std::string& /*name*/) {
        return unsupported("virStoragePoolLookupByName", kDom);
    }
    virtual Result<StoragePoolRef> lookupPoolByUuid(const Uuid& /*uuid*/) {
        return unsupported("virStoragePoolLookupByUUID", kDom);
    }
    virtual Result<StoragePoolRef> lookupPoolByVolume(const StorageVolRef& /*vol*/) {
        return unsupported("virStoragePoolLookupByVolume", kDom);
    }
    virtual Result<StoragePoolRef> lookupPoolByTargetPath(const std::string& /*path*/) {
        return unsupported("virStoragePoolLookupByTargetPath", kDom);
    }
    virtual Result<StoragePoolRef> definePoolXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolDefineXML", kDom);
    }
    virtual Result<StoragePoolRef> createPoolXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolCreateXML", kDom);
    }
    virtual Status buildPool(const StoragePoolRef& /*pool*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolBuild", kDom);
    }
    virtual Status undefinePool(const StoragePoolRef& /*pool*/) { return unsupported("virStoragePoolUndefine", kDom); }
    virtual Status createPool(const StoragePoolRef& /*pool*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolCreate", kDom);
    }
    virtual Status destroyPool(const StoragePoolRef& /*pool*/) { return unsupported("virStoragePoolDestroy", kDom); }
    virtual Status deletePool(const StoragePoolRef& /*pool*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolDelete", kDom);
    }
    virtual Status refreshPool(const StoragePoolRef& /*pool*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolRefresh", kDom);
    }
    virtual Result<StoragePoolInfo> getPoolInfo(const StoragePoolRef& /*pool*/) {
        return unsupported("virStoragePoolGetInfo", kDom);
    }
    virtual Result<std::string> getPoolXmlDesc(const StoragePoolRef& /*pool*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolGetXMLDesc", kDom);
    }
    virtual Result<bool> getPoolAutostart(const StoragePoolRef& /*pool*/) {
        return unsupported("virStoragePoolGetAutostart", kDom);
    }
    virtual Status setPoolAutostart(const StoragePoolRef& /*pool*/, bool /*autostart*/) {
        return unsupported("virStoragePoolSetAutostart", kDom);
    }
    virtual Result<bool> isPoolActive(const StoragePoolRef& /*pool*/) { return unsupported("virStoragePoolIsActive", kDom); }
    virtual Result<bool> isPoolPersistent(const StoragePoolRef& /*pool*/) {
        return unsupported("virStoragePoolIsPersistent", kDom);
    }

    // --- volumes
    virtual Result<int> numOfVolumes(const StoragePoolRef& /*pool*/) {
        return unsupported("virStoragePoolNumOfVolumes", kDom);
    }
    virtual Result<std::vector<std::string>> listVolumes(const StoragePoolRef& /*pool*/, int /*max*/) {
        return unsupported("virStoragePoolListVolumes", kDom);
    }
    virtual Result<std::vector<StorageVolRef>> listAllVolumes(const StoragePoolRef& /*pool*/, unsigned /*flags*/) {
        return unsupported("virStoragePoolListAllVolumes", kDom);
    }
    virtual Result<StorageVolRef> lookupVolByName(const StoragePoolRef& /*pool*/, const std::string& /*name*/) {
        return unsupported("virStorageVolLookupByName", kDom);
    }
    virtual Result<StorageVolRef> lookupVolByKey(const std::string& /*key*/) {
        return unsupported("virStorageVolLookupByKey", kDom);
    }
    virtual Result<StorageVolRef> lookupVolByPath(const std::string& /*path*/) {
        return unsupported("virStorageVolLookupByPath", kDom);
    }
    virtual Result<StorageVolRef> createVolXml(const StoragePoolRef& /*pool*/, const std::string& /*xml*/,
                                               unsigned /*flags*/) {
        return unsupported("virStorageVolCreateXML", kDom);
    }
    virtual Result<StorageVolRef> createVolXmlFrom(const StoragePoolRef& /*pool*/, const std::string& /*xml*/,
                                                   const StorageVolRef& /*clone_from*/, unsigned /*flags*/) {
        return unsupported("virStorageVolCreateXMLFrom", kDom);
    }
    virtual Status deleteVol(const StorageVolRef& /*vol*/, unsigned /*flags*/) {
        return unsupported("virStorageVolDelete", kDom);
    }
    virtual Status wipeVol(const StorageVolRef& /*vol*/, unsigned /*algorithm*/, unsigned /*flags*/) {
        return unsupported("virStorageVolWipePattern", kDom);
    }
    virtual Status resizeVol(const StorageVolRef& /*vol*/, uint64_t /*capacity*/, unsigned /*flags*/) {
        return unsupported("virStorageVolResize", kDom);
    }
    virtual Result<StorageVolInfo> getVolInfo(const StorageVolRef& /*vol*/, unsigned /*flags*/) {
        return unsupported("virStorageVolGetInfo", kDom);
    }
    virtual Result<std::string> getVolXmlDesc(const StorageVolRef& /*vol*/, unsigned /*flags*/) {
        return unsupported("virStorageVolGetXMLDesc", kDom);
    }
    virtual Result<std::string> getVolPath(const StorageVolRef& /*vol*/) {
        return unsupported("virStorageVolGetPath", kDom);
    }
    // Streams: download produces bytes for the client; upload consumes them.
    virtual Result<DataStreamPtr> downloadVol(const StorageVolRef& /*vol*/, uint64_t /*offset*/, uint64_t /*length*/,
                                              unsigned /*flags*/) {
        return unsupported("virStorageVolDownload", kDom);
    }
    virtual Result<DataStreamPtr> uploadVol(const StorageVolRef& /*vol*/, uint64_t /*offset*/, uint64_t /*length*/,
                                            unsigned /*flags*/) {
        return unsupported("virStorageVolUpload", kDom);
    }
};

}  // namespace nodevirt::driver
