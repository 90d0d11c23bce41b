// Storage pools and volumes over the wire, with the LIST_ALL → NUM_OF/LIST + lookup
// fallbacks for pools and volumes, and volume upload/download streams.
#include "driver/libvirt_constants.h"
#include "remote/client/call_helpers.h"
#include "remote/client/list_fallback.h"
#include "remote/client/object_facets.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

Result<std::vector<StoragePoolRef>> RemoteStorage::listAllPools(unsigned flags) {
    auto all = ch_.call<pr::ConnectListAllStoragePools>({1, flags});
    if (all) return fromWireList(all->pools);
    if (!isNoSupport(all.error())) return fail(all.error());
    ListFilter filter(flags, lv::kConnectListStoragePoolsActive,
                      lv::kConnectListStoragePoolsInactive);
    std::vector<std::string> names;
    if (filter.wantActive()) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfPools());
        NODEVIRT_ASSIGN_OR_RETURN(names, listPools(n));
    }
    if (filter.wantInactive()) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfDefinedPools());
        NODEVIRT_ASSIGN_OR_RETURN(std::vector<std::string> defined, listDefinedPools(n));
        names.insert(names.end(), defined.begin(), defined.end());
    }
    std::vector<StoragePoolRef> refs;
    for (const std::string& name : names) {
        auto ref = lookupPoolByName(name);
        if (ref) refs.push_back(*ref);
    }
    return filter.applyPoolFilters(*this, std::move(refs));
}

Result<int> RemoteStorage::numOfPools() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfStoragePools>());
    return r.num;
}

Result<std::vector<std::string>> RemoteStorage::listPools(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListStoragePools>({max}));
    return std::move(r.names);
}

Result<int> RemoteStorage::numOfDefinedPools() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfDefinedStoragePools>());
    return r.num;
}

Result<std::vector<std::string>> RemoteStorage::listDefinedPools(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListDefinedStoragePools>({max}));
    return std::move(r.names);
}

Result<std::string> RemoteStorage::findPoolSources(const std::string& type,
                                                   const std::optional<std::string>& spec,
                                                   unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::ConnectFindStoragePoolSources>({type, spec, flags}));
    return std::move(r.xml);
}

Result<StoragePoolRef> RemoteStorage::lookupPoolByName(const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolLookupByName>({name}));
    return fromWire(r.pool);
}

Result<StoragePoolRef> RemoteStorage::lookupPoolByUuid(const Uuid& uuid) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolLookupByUuid>({uuid}));
    return fromWire(r.pool);
}

Result<StoragePoolRef> RemoteStorage::lookupPoolByVolume(const StorageVolRef& vol) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolLookupByVolume>({toWire(vol)}));
    return fromWire(r.pool);
}

Result<StoragePoolRef> RemoteStorage::lookupPoolByTargetPath(const std::string& path) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolLookupByTargetPath>({path}));
    return fromWire(r.pool);
}

Result<StoragePoolRef> RemoteStorage::definePoolXml(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolDefineXml>({xml, flags}));
    return fromWire(r.pool);
}

Result<StoragePoolRef> RemoteStorage::createPoolXml(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolCreateXml>({xml, flags}));
    return fromWire(r.pool);
}

Status RemoteStorage::buildPool(const StoragePoolRef& pool, unsigned flags) {
    return callVoid<pr::StoragePoolBuild>(ch_, {toWire(pool), flags});
}

Status RemoteStorage::undefinePool(const StoragePoolRef& pool) {
    return callVoid<pr::StoragePoolUndefine>(ch_, {toWire(pool)});
}

Status RemoteStorage::createPool(const StoragePoolRef& pool, unsigned flags) {
    return callVoid<pr::StoragePoolCreate>(ch_, {toWire(pool), flags});
}

Status RemoteStorage::destroyPool(const StoragePoolRef& pool) {
    return callVoid<pr::StoragePoolDestroy>(ch_, {toWire(pool)});
}

Status RemoteStorage::deletePool(const StoragePoolRef& pool, unsigned flags) {
    return callVoid<pr::StoragePoolDelete>(ch_, {toWire(pool), flags});
}

Status RemoteStorage::refreshPool(const StoragePoolRef& pool, unsigned flags) {
    return callVoid<pr::StoragePoolRefresh>(ch_, {toWire(pool), flags});
}

Result<StoragePoolInfo> RemoteStorage::getPoolInfo(const StoragePoolRef& pool) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolGetInfo>({toWire(pool)}));
    return StoragePoolInfo{r.state, r.capacity, r.allocation, r.available};
}

Result<std::string> RemoteStorage::getPoolXmlDesc(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolGetXmlDesc>({toWire(pool), flags}));
    return std::move(r.xml);
}

Result<bool> RemoteStorage::getPoolAutostart(const StoragePoolRef& pool) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolGetAutostart>({toWire(pool)}));
    return r.autostart != 0;
}

Status RemoteStorage::setPoolAutostart(const StoragePoolRef& pool, bool autostart) {
    return callVoid<pr::StoragePoolSetAutostart>(ch_, {toWire(pool), autostart ? 1 : 0});
}

Result<bool> RemoteStorage::isPoolActive(const StoragePoolRef& pool) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolIsActive>({toWire(pool)}));
    return r.active != 0;
}

Result<bool> RemoteStorage::isPoolPersistent(const StoragePoolRef& pool) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolIsPersistent>({toWire(pool)}));
    return r.persistent != 0;
}

// --- volumes

Result<int> RemoteStorage::numOfVolumes(const StoragePoolRef& pool) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolNumOfVolumes>({toWire(pool)}));
    return r.num;
}

Result<std::vector<std::string>> RemoteStorage::listVolumes(const StoragePoolRef& pool, int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StoragePoolListVolumes>({toWire(pool), max}));
    return std::move(r.names);
}

Result<std::vector<StorageVolRef>> RemoteStorage::listAllVolumes(const StoragePoolRef& pool,
                                                                 unsigned flags) {
    auto all = ch_.call<pr::StoragePoolListAllVolumes>({toWire(pool), 1, flags});
    if (all) return fromWireList(all->vols);
    // Volumes have no listing flags yet; with any, the old calls cannot stand in.
    if (!isNoSupport(all.error()) || flags != 0) return fail(all.error());
    NODEVIRT_ASSIGN_OR_RETURN(int n, numOfVolumes(pool));
    NODEVIRT_ASSIGN_OR_RETURN(std::vector<std::string> names, listVolumes(pool, n));
    std::vector<StorageVolRef> refs;
    for (const std::string& name : names) {
        auto ref = lookupVolByName(pool, name);
        if (ref) refs.push_back(*ref);
    }
    return refs;
}

Result<StorageVolRef> RemoteStorage::lookupVolByName(const StoragePoolRef& pool,
                                                     const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolLookupByName>({toWire(pool), name}));
    return fromWire(r.vol);
}

Result<StorageVolRef> RemoteStorage::lookupVolByKey(const std::string& key) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolLookupByKey>({key}));
    return fromWire(r.vol);
}

Result<StorageVolRef> RemoteStorage::lookupVolByPath(const std::string& path) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolLookupByPath>({path}));
    return fromWire(r.vol);
}

Result<StorageVolRef> RemoteStorage::createVolXml(const StoragePoolRef& pool,
                                                  const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolCreateXml>({toWire(pool), xml, flags}));
    return fromWire(r.vol);
}

Result<StorageVolRef> RemoteStorage::createVolXmlFrom(const StoragePoolRef& pool,
                                                      const std::string& xml,
                                                      const StorageVolRef& clone_from,
                                                      unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolCreateXmlFrom>(
                                          {toWire(pool), xml, toWire(clone_from), flags}));
    return fromWire(r.vol);
}

Status RemoteStorage::deleteVol(const StorageVolRef& vol, unsigned flags) {
    return callVoid<pr::StorageVolDelete>(ch_, {toWire(vol), flags});
}

Status RemoteStorage::wipeVol(const StorageVolRef& vol, unsigned algorithm, unsigned flags) {
    // virStorageVolWipe is the zero algorithm (0).
    if (algorithm == 0) return callVoid<pr::StorageVolWipe>(ch_, {toWire(vol), flags});
    return callVoid<pr::StorageVolWipePattern>(ch_, {toWire(vol), algorithm, flags});
}

Status RemoteStorage::resizeVol(const StorageVolRef& vol, uint64_t capacity, unsigned flags) {
    return callVoid<pr::StorageVolResize>(ch_, {toWire(vol), capacity, flags});
}

Result<StorageVolInfo> RemoteStorage::getVolInfo(const StorageVolRef& vol, unsigned flags) {
    if (flags == 0) {
        NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolGetInfo>({toWire(vol)}));
        return StorageVolInfo{r.type, r.capacity, r.allocation};
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolGetInfoFlags>({toWire(vol), flags}));
    return StorageVolInfo{r.type, r.capacity, r.allocation};
}

Result<std::string> RemoteStorage::getVolXmlDesc(const StorageVolRef& vol, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolGetXmlDesc>({toWire(vol), flags}));
    return std::move(r.xml);
}

Result<std::string> RemoteStorage::getVolPath(const StorageVolRef& vol) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::StorageVolGetPath>({toWire(vol)}));
    return std::move(r.name);
}

Result<driver::DataStreamPtr> RemoteStorage::downloadVol(const StorageVolRef& vol,
                                                         uint64_t offset, uint64_t length,
                                                         unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto opened, ch_.callStream<pr::StorageVolDownload>(
                                               {toWire(vol), offset, length, flags}));
    return makeRemoteStream(std::move(opened.second), streams_);
}

Result<driver::DataStreamPtr> RemoteStorage::uploadVol(const StorageVolRef& vol, uint64_t offset,
                                                       uint64_t length, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto opened, ch_.callStream<pr::StorageVolUpload>(
                                               {toWire(vol), offset, length, flags}));
    return makeRemoteStream(std::move(opened.second), streams_);
}

}  // namespace nodevirt::remote
