// Storage pools and volumes: listing (LIST_ALL and fallbacks), lookups, definition and
// lifecycle, info/XML/autostart, volume creation, deletion, wiping and resizing. Volume
// upload/download streams live in handlers_streams.cc.
#include "remote/server/list_all.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

driver::StorageOps& st(CallContext& ctx) { return ctx.driver().storage(); }

void bindPoolListing(Handlers& h) {
    bindListAll<pr::ConnectListAllStoragePools>(
        h, [](CallContext& ctx, const auto& a) { return st(ctx).listAllPools(a.flags); });
    on<pr::ConnectNumOfStoragePools>(h, [](CallContext& ctx, const p::Void&)
                                            -> Result<p::ConnectNumOfStoragePoolsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, st(ctx).numOfPools());
        return p::ConnectNumOfStoragePoolsRet{n};
    });
    on<pr::ConnectListStoragePools>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::ConnectListStoragePoolsRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kStoragePoolListMax,
                              "maxnames > REMOTE_STORAGE_POOL_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, st(ctx).listPools(a.maxnames));
        return p::ConnectListStoragePoolsRet{names};
    });
    on<pr::ConnectNumOfDefinedStoragePools>(h, [](CallContext& ctx, const p::Void&)
                                                   -> Result<p::ConnectNumOfDefinedStoragePoolsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, st(ctx).numOfDefinedPools());
        return p::ConnectNumOfDefinedStoragePoolsRet{n};
    });
    on<pr::ConnectListDefinedStoragePools>(h, [](CallContext& ctx, const auto& a)
                                                  -> Result<p::ConnectListDefinedStoragePoolsRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kStoragePoolListMax,
                              "maxnames > REMOTE_STORAGE_POOL_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, st(ctx).listDefinedPools(a.maxnames));
        return p::ConnectListDefinedStoragePoolsRet{names};
    });
    on<pr::ConnectFindStoragePoolSources>(h, [](CallContext& ctx, const auto& a)
                                                 -> Result<p::ConnectFindStoragePoolSourcesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml,
                                  st(ctx).findPoolSources(a.type, a.src_spec, a.flags));
        return p::ConnectFindStoragePoolSourcesRet{xml};
    });
}

void bindPoolLookups(Handlers& h) {
    on<pr::StoragePoolLookupByName>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::StoragePoolLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupPoolByName(a.name));
        return p::StoragePoolLookupByNameRet{toWire(ref)};
    });
    on<pr::StoragePoolLookupByUuid>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::StoragePoolLookupByUuidRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupPoolByUuid(a.uuid));
        return p::StoragePoolLookupByUuidRet{toWire(ref)};
    });
    on<pr::StoragePoolLookupByVolume>(h, [](CallContext& ctx, const auto& a)
                                             -> Result<p::StoragePoolLookupByVolumeRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupPoolByVolume(fromWire(a.vol)));
        return p::StoragePoolLookupByVolumeRet{toWire(ref)};
    });
    on<pr::StoragePoolLookupByTargetPath>(h, [](CallContext& ctx, const auto& a)
                                                 -> Result<p::StoragePoolLookupByTargetPathRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupPoolByTargetPath(a.path));
        return p::StoragePoolLookupByTargetPathRet{toWire(ref)};
    });
}

void bindPoolLifecycle(Handlers& h) {
    on<pr::StoragePoolDefineXml>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::StoragePoolDefineXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).definePoolXml(a.xml, a.flags));
        return p::StoragePoolDefineXmlRet{toWire(ref)};
    });
    on<pr::StoragePoolCreateXml>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::StoragePoolCreateXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).createPoolXml(a.xml, a.flags));
        return p::StoragePoolCreateXmlRet{toWire(ref)};
    });
    on<pr::StoragePoolBuild>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).buildPool(fromWire(a.pool), a.flags));
    });
    on<pr::StoragePoolUndefine>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).undefinePool(fromWire(a.pool)));
    });
    on<pr::StoragePoolCreate>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).createPool(fromWire(a.pool), a.flags));
    });
    on<pr::StoragePoolDestroy>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).destroyPool(fromWire(a.pool)));
    });
    on<pr::StoragePoolDelete>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).deletePool(fromWire(a.pool), a.flags));
    });
    on<pr::StoragePoolRefresh>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).refreshPool(fromWire(a.pool), a.flags));
    });
    on<pr::StoragePoolSetAutostart>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).setPoolAutostart(fromWire(a.pool), a.autostart != 0));
    });
}

void bindPoolQueries(Handlers& h) {
    on<pr::StoragePoolGetInfo>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::StoragePoolGetInfoRet> {
        NODEVIRT_ASSIGN_OR_RETURN(StoragePoolInfo i, st(ctx).getPoolInfo(fromWire(a.pool)));
        return p::StoragePoolGetInfoRet{static_cast<uint8_t>(i.state), i.capacity, i.allocation,
                                        i.available};
    });
    on<pr::StoragePoolGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::StoragePoolGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, st(ctx).getPoolXmlDesc(fromWire(a.pool), a.flags));
        return p::StoragePoolGetXmlDescRet{xml};
    });
    on<pr::StoragePoolGetAutostart>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::StoragePoolGetAutostartRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, st(ctx).getPoolAutostart(fromWire(a.pool)));
        return p::StoragePoolGetAutostartRet{v ? 1 : 0};
    });
    on<pr::StoragePoolIsActive>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::StoragePoolIsActiveRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, st(ctx).isPoolActive(fromWire(a.pool)));
        return p::StoragePoolIsActiveRet{v ? 1 : 0};
    });
    on<pr::StoragePoolIsPersistent>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::StoragePoolIsPersistentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, st(ctx).isPoolPersistent(fromWire(a.pool)));
        return p::StoragePoolIsPersistentRet{v ? 1 : 0};
    });
}

void bindVolumeListing(Handlers& h) {
    on<pr::StoragePoolNumOfVolumes>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::StoragePoolNumOfVolumesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, st(ctx).numOfVolumes(fromWire(a.pool)));
        return p::StoragePoolNumOfVolumesRet{n};
    });
    on<pr::StoragePoolListVolumes>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::StoragePoolListVolumesRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kStorageVolListMax,
                              "maxnames > REMOTE_STORAGE_VOL_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, st(ctx).listVolumes(fromWire(a.pool), a.maxnames));
        return p::StoragePoolListVolumesRet{names};
    });
    bindListAll<pr::StoragePoolListAllVolumes>(h, [](CallContext& ctx, const auto& a) {
        return st(ctx).listAllVolumes(fromWire(a.pool), a.flags);
    });
    on<pr::StorageVolLookupByName>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::StorageVolLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupVolByName(fromWire(a.pool), a.name));
        return p::StorageVolLookupByNameRet{toWire(ref)};
    });
    on<pr::StorageVolLookupByKey>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::StorageVolLookupByKeyRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupVolByKey(a.key));
        return p::StorageVolLookupByKeyRet{toWire(ref)};
    });
    on<pr::StorageVolLookupByPath>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::StorageVolLookupByPathRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).lookupVolByPath(a.path));
        return p::StorageVolLookupByPathRet{toWire(ref)};
    });
}

void bindVolumes(Handlers& h) {
    on<pr::StorageVolCreateXml>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::StorageVolCreateXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).createVolXml(fromWire(a.pool), a.xml, a.flags));
        return p::StorageVolCreateXmlRet{toWire(ref)};
    });
    on<pr::StorageVolCreateXmlFrom>(h, [](CallContext& ctx, const auto& a)
                                           -> Result<p::StorageVolCreateXmlFromRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, st(ctx).createVolXmlFrom(fromWire(a.pool), a.xml,
                                                                     fromWire(a.clonevol), a.flags));
        return p::StorageVolCreateXmlFromRet{toWire(ref)};
    });
    on<pr::StorageVolDelete>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).deleteVol(fromWire(a.vol), a.flags));
    });
    on<pr::StorageVolWipe>(h, [](CallContext& ctx, const auto& a) {
        // virStorageVolWipe is the zero pattern (VIR_STORAGE_VOL_WIPE_ALG_ZERO = 0).
        return done(st(ctx).wipeVol(fromWire(a.vol), 0, a.flags));
    });
    on<pr::StorageVolWipePattern>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).wipeVol(fromWire(a.vol), a.algorithm, a.flags));
    });
    on<pr::StorageVolResize>(h, [](CallContext& ctx, const auto& a) {
        return done(st(ctx).resizeVol(fromWire(a.vol), a.capacity, a.flags));
    });
    on<pr::StorageVolGetInfo>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::StorageVolGetInfoRet> {
        NODEVIRT_ASSIGN_OR_RETURN(StorageVolInfo i, st(ctx).getVolInfo(fromWire(a.vol), 0));
        return p::StorageVolGetInfoRet{static_cast<int8_t>(i.type), i.capacity, i.allocation};
    });
    on<pr::StorageVolGetInfoFlags>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::StorageVolGetInfoFlagsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(StorageVolInfo i, st(ctx).getVolInfo(fromWire(a.vol), a.flags));
        return p::StorageVolGetInfoFlagsRet{static_cast<int8_t>(i.type), i.capacity, i.allocation};
    });
    on<pr::StorageVolGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::StorageVolGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, st(ctx).getVolXmlDesc(fromWire(a.vol), a.flags));
        return p::StorageVolGetXmlDescRet{xml};
    });
    on<pr::StorageVolGetPath>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::StorageVolGetPathRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string path, st(ctx).getVolPath(fromWire(a.vol)));
        return p::StorageVolGetPathRet{path};
    });
}

}  // namespace

void bindStorageHandlers(Handlers& h) {
    bindPoolListing(h);
    bindPoolLookups(h);
    bindPoolLifecycle(h);
    bindPoolQueries(h);
    bindVolumeListing(h);
    bindVolumes(h);
}

}  // namespace nodevirt::remote
