// Storage pools and volumes: connection-level listing/lookup/define, the StoragePool and
// StorageVolume handles, and volume upload/download streams (virStoragePool*, virStorageVol*).
#include "nodevirt/storage.h"

#include "client/checks.h"
#include "client/stream_state.h"
#include "nodevirt/connection.h"

namespace nodevirt {

using client::call;
using client::callConn;
using client::kRead;
using client::kWrite;
using detail::ConnectionState;
using detail::HandleAccess;
using PoolRef = driver::StoragePoolRef;
using VolRef = driver::StorageVolRef;

namespace {
constexpr const client::Family& kFam = client::kPoolFamily;
constexpr const client::Family& kVolFam = client::kVolumeFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kStorage;

driver::StorageOps& ops(ConnectionState& st) { return st.driver().storage(); }
auto makePool() {
    return [](const detail::StatePtr& s, const PoolRef& r) { return HandleAccess::pool(s, r); };
}
auto makeVolume() {
    return [](const detail::StatePtr& s, const VolRef& r) { return HandleAccess::volume(s, r); };
}
}  // namespace

// --- on a Connection

Result<std::vector<StoragePool>> Connection::listAllStoragePools(unsigned flags) const {
    return callConn(state_, kFam, "virConnectListAllStoragePools", kRead, [&](ConnectionState& st) {
        return client::wrapList<StoragePool>(state_, ops(st).listAllPools(flags), makePool());
    });
}

Result<int> Connection::numOfStoragePools() const {
    return callConn(state_, kFam, "virConnectNumOfStoragePools", kRead,
                    [](ConnectionState& st) { return ops(st).numOfPools(); });
}

Result<std::vector<std::string>> Connection::listStoragePools(int max) const {
    constexpr std::string_view kApi = "virConnectListStoragePools";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listPools(max);
                    });
}

Result<int> Connection::numOfDefinedStoragePools() const {
    return callConn(state_, kFam, "virConnectNumOfDefinedStoragePools", kRead,
                    [](ConnectionState& st) { return ops(st).numOfDefinedPools(); });
}

Result<std::vector<std::string>> Connection::listDefinedStoragePools(int max) const {
    constexpr std::string_view kApi = "virConnectListDefinedStoragePools";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listDefinedPools(max);
                    });
}

Result<std::string> Connection::findStoragePoolSources(const std::string& type,
                                                       const std::optional<std::string>& spec,
                                                       unsigned flags) const {
    // Probing for sources scans host storage, so libvirt requires write access.
    return callConn(
        state_, kFam, "virConnectFindStoragePoolSources", kWrite,
        [&](ConnectionState& st) { return ops(st).findPoolSources(type, spec, flags); });
}

Result<StoragePool> Connection::lookupStoragePoolByName(const std::string& name) const {
    return callConn(state_, kFam, "virStoragePoolLookupByName", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupPoolByName(name), makePool());
    });
}

Result<StoragePool> Connection::lookupStoragePoolByUuid(const Uuid& uuid) const {
    return callConn(state_, kFam, "virStoragePoolLookupByUUID", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupPoolByUuid(uuid), makePool());
    });
}

Result<StoragePool> Connection::lookupStoragePoolByUuidString(std::string_view uuid) const {
    constexpr std::string_view kApi = "virStoragePoolLookupByUUIDString";
    return callConn(state_, kFam, kApi, kRead, [&](ConnectionState& st) -> Result<StoragePool> {
        auto parsed = Uuid::parse(uuid);
        if (!parsed) return fail(client::argInvalidUuid(kApi, kErrDom));
        return client::wrap(state_, ops(st).lookupPoolByUuid(*parsed), makePool());
    });
}

Result<StoragePool> Connection::lookupStoragePoolByTargetPath(const std::string& path) const {
    return callConn(
        state_, kFam, "virStoragePoolLookupByTargetPath", kRead, [&](ConnectionState& st) {
            return client::wrap(state_, ops(st).lookupPoolByTargetPath(path), makePool());
        });
}

Result<StoragePool> Connection::defineStoragePoolXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virStoragePoolDefineXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).definePoolXml(xml, flags), makePool());
    });
}

Result<StoragePool> Connection::createStoragePoolXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virStoragePoolCreateXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).createPoolXml(xml, flags), makePool());
    });
}

Result<StorageVolume> Connection::lookupStorageVolumeByKey(const std::string& key) const {
    return callConn(state_, kVolFam, "virStorageVolLookupByKey", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupVolByKey(key), makeVolume());
    });
}

Result<StorageVolume> Connection::lookupStorageVolumeByPath(const std::string& path) const {
    return callConn(state_, kVolFam, "virStorageVolLookupByPath", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupVolByPath(path), makeVolume());
    });
}

// --- StoragePool

Connection StoragePool::connection() const { return HandleAccess::connection(conn_); }

Status StoragePool::build(unsigned flags) const {
    return call(
        *this, kFam, "virStoragePoolBuild", kWrite,
        [&](ConnectionState& st, const PoolRef& ref) { return ops(st).buildPool(ref, flags); });
}

Status StoragePool::undefine() const {
    return call(*this, kFam, "virStoragePoolUndefine", kWrite,
                [](ConnectionState& st, const PoolRef& ref) { return ops(st).undefinePool(ref); });
}

Status StoragePool::create(unsigned flags) const {
    return call(
        *this, kFam, "virStoragePoolCreate", kWrite,
        [&](ConnectionState& st, const PoolRef& ref) { return ops(st).createPool(ref, flags); });
}

Status StoragePool::destroy() const {
    return call(*this, kFam, "virStoragePoolDestroy", kWrite,
                [](ConnectionState& st, const PoolRef& ref) { return ops(st).destroyPool(ref); });
}

Status StoragePool::remove(unsigned flags) const {
    return call(
        *this, kFam, "virStoragePoolDelete", kWrite,
        [&](ConnectionState& st, const PoolRef& ref) { return ops(st).deletePool(ref, flags); });
}

Status StoragePool::refresh(unsigned flags) const {
    return call(
        *this, kFam, "virStoragePoolRefresh", kWrite,
        [&](ConnectionState& st, const PoolRef& ref) { return ops(st).refreshPool(ref, flags); });
}

Result<StoragePoolInfo> StoragePool::info() const {
    return call(*this, kFam, "virStoragePoolGetInfo", kRead,
                [](ConnectionState& st, const PoolRef& ref) { return ops(st).getPoolInfo(ref); });
}

Result<std::string> StoragePool::xmlDesc(unsigned flags) const {
    return call(*this, kFam, "virStoragePoolGetXMLDesc", kRead,
                [&](ConnectionState& st, const PoolRef& ref) {
                    return ops(st).getPoolXmlDesc(ref, flags);
                });
}

Result<bool> StoragePool::autostart() const {
    return call(
        *this, kFam, "virStoragePoolGetAutostart", kRead,
        [](ConnectionState& st, const PoolRef& ref) { return ops(st).getPoolAutostart(ref); });
}

Status StoragePool::setAutostart(bool autostart) const {
    return call(*this, kFam, "virStoragePoolSetAutostart", kWrite,
                [&](ConnectionState& st, const PoolRef& ref) {
                    return ops(st).setPoolAutostart(ref, autostart);
                });
}

Result<bool> StoragePool::isActive() const {
    return call(*this, kFam, "virStoragePoolIsActive", kRead,
                [](ConnectionState& st, const PoolRef& ref) { return ops(st).isPoolActive(ref); });
}

Result<bool> StoragePool::isPersistent() const {
    return call(
        *this, kFam, "virStoragePoolIsPersistent", kRead,
        [](ConnectionState& st, const PoolRef& ref) { return ops(st).isPoolPersistent(ref); });
}

Result<int> StoragePool::numOfVolumes() const {
    return call(*this, kFam, "virStoragePoolNumOfVolumes", kRead,
                [](ConnectionState& st, const PoolRef& ref) { return ops(st).numOfVolumes(ref); });
}

Result<std::vector<std::string>> StoragePool::listVolumes(int max) const {
    constexpr std::string_view kApi = "virStoragePoolListVolumes";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const PoolRef& ref) -> Result<std::vector<std::string>> {
                    if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                    return ops(st).listVolumes(ref, max);
                });
}

Result<std::vector<StorageVolume>> StoragePool::listAllVolumes(unsigned flags) const {
    return call(*this, kFam, "virStoragePoolListAllVolumes", kRead,
                [&](ConnectionState& st, const PoolRef& ref) {
                    return client::wrapList<StorageVolume>(
                        conn_, ops(st).listAllVolumes(ref, flags), makeVolume());
                });
}

Result<StorageVolume> StoragePool::lookupVolumeByName(const std::string& name) const {
    return call(*this, kFam, "virStorageVolLookupByName", kRead,
                [&](ConnectionState& st, const PoolRef& ref) {
                    return client::wrap(conn_, ops(st).lookupVolByName(ref, name), makeVolume());
                });
}

Result<StorageVolume> StoragePool::createVolumeXml(const std::string& xml, unsigned flags) const {
    return call(*this, kFam, "virStorageVolCreateXML", kWrite,
                [&](ConnectionState& st, const PoolRef& ref) {
                    return client::wrap(conn_, ops(st).createVolXml(ref, xml, flags), makeVolume());
                });
}

Result<StorageVolume> StoragePool::createVolumeXmlFrom(const std::string& xml,
                                                       const StorageVolume& clone_from,
                                                       unsigned flags) const {
    constexpr std::string_view kApi = "virStorageVolCreateXMLFrom";
    return call(*this, kFam, kApi, kWrite,
                [&](ConnectionState& st, const PoolRef& ref) -> Result<StorageVolume> {
                    if (!clone_from.isValid()) return fail(client::invalidHandle(kVolFam, kApi));
                    return client::wrap(
                        conn_,
                        ops(st).createVolXmlFrom(ref, xml, HandleAccess::ref(clone_from), flags),
                        makeVolume());
                });
}

// --- StorageVolume

Connection StorageVolume::connection() const { return HandleAccess::connection(conn_); }

Result<StoragePool> StorageVolume::pool() const {
    return call(*this, kVolFam, "virStoragePoolLookupByVolume", kRead,
                [&](ConnectionState& st, const VolRef& ref) {
                    return client::wrap(conn_, ops(st).lookupPoolByVolume(ref), makePool());
                });
}

Status StorageVolume::remove(unsigned flags) const {
    return call(
        *this, kVolFam, "virStorageVolDelete", kWrite,
        [&](ConnectionState& st, const VolRef& ref) { return ops(st).deleteVol(ref, flags); });
}

Status StorageVolume::wipe(unsigned algorithm, unsigned flags) const {
    return call(*this, kVolFam, algorithm != 0 ? "virStorageVolWipePattern" : "virStorageVolWipe",
                kWrite, [&](ConnectionState& st, const VolRef& ref) {
                    return ops(st).wipeVol(ref, algorithm, flags);
                });
}

Status StorageVolume::resize(uint64_t capacity, unsigned flags) const {
    return call(*this, kVolFam, "virStorageVolResize", kWrite,
                [&](ConnectionState& st, const VolRef& ref) {
                    return ops(st).resizeVol(ref, capacity, flags);
                });
}

Result<StorageVolInfo> StorageVolume::info(unsigned flags) const {
    return call(
        *this, kVolFam,
        client::flagsApi(flags, "virStorageVolGetInfo", "virStorageVolGetInfoFlags"), kRead,
        [&](ConnectionState& st, const VolRef& ref) { return ops(st).getVolInfo(ref, flags); });
}

Result<std::string> StorageVolume::xmlDesc(unsigned flags) const {
    return call(
        *this, kVolFam, "virStorageVolGetXMLDesc", kRead,
        [&](ConnectionState& st, const VolRef& ref) { return ops(st).getVolXmlDesc(ref, flags); });
}

Result<std::string> StorageVolume::path() const {
    return call(*this, kVolFam, "virStorageVolGetPath", kRead,
                [](ConnectionState& st, const VolRef& ref) { return ops(st).getVolPath(ref); });
}

Result<Stream> StorageVolume::download(uint64_t offset, uint64_t length, unsigned flags) const {
    return call(*this, kVolFam, "virStorageVolDownload", kWrite,
                [&](ConnectionState& st, const VolRef& ref) -> Result<Stream> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto ds,
                                              ops(st).downloadVol(ref, offset, length, flags));
                    return client::makeStream(conn_, std::move(ds));
                });
}

Result<Stream> StorageVolume::upload(uint64_t offset, uint64_t length, unsigned flags) const {
    return call(*this, kVolFam, "virStorageVolUpload", kWrite,
                [&](ConnectionState& st, const VolRef& ref) -> Result<Stream> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto ds,
                                              ops(st).uploadVol(ref, offset, length, flags));
                    return client::makeStream(conn_, std::move(ds));
                });
}

}  // namespace nodevirt
