// StorageOps of the test driver, pool half: pools are definitions with fake sizes (100 GiB
// capacity, allocation = sum of the volumes); nothing touches the host.
#include <fmt/format.h>

#include "driver/libvirt_constants.h"
#include "drivers/test/facets_infra.h"
#include "drivers/test/storage_internal.h"

namespace nodevirt::drivers::test {

Error noPoolByName(std::string_view name) {
    return testError(ErrorCode::kNoStoragePool, fmt::format("no storage pool with matching name '{}'", name));
}

Error poolNotActive(std::string_view name) {
    return testError(ErrorCode::kOperationInvalid, fmt::format("storage pool '{}' is not active", name));
}

driver::StoragePoolRef poolRef(const PoolObj& o) { return {o.name, o.uuid}; }

Result<PoolObj*> findPool(Pools::Objects& objs, std::string_view name) {
    PoolObj* o = Pools::find(objs, name);
    if (!o) return fail(noPoolByName(name));
    return o;
}

Result<PoolObj*> findActivePool(Pools::Objects& objs, std::string_view name) {
    NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, name));
    if (!o->active) return fail(poolNotActive(name));
    return o;
}

void refreshPoolSizes(PoolObj& o) {
    auto def = std::make_shared<conf::StoragePoolDef>(*o.def);
    uint64_t used = 0;
    for (const auto& v : o.extra.volumes) used += v.def->allocation;
    def->allocation = used;
    def->available = def->capacity > used ? def->capacity - used : 0;
    o.def = std::move(def);
}

void poolEvent(core::PendingEvents& ev, const driver::StoragePoolRef& ref, int event_id, unsigned event) {
    driver::StoragePoolEvent e;
    e.event_id = event_id;
    e.pool = ref;
    e.event = static_cast<int>(event);
    ev.add(std::move(e));
}

namespace {

constexpr int kLifecycle = static_cast<int>(lv::kStoragePoolEventIdLifecycle);

bool pairPasses(unsigned flags, unsigned yes, unsigned no, bool value) {
    bool want_yes = flags & yes, want_no = flags & no;
    return want_yes == want_no || value == want_yes;
}

// The VIR_CONNECT_LIST_STORAGE_POOLS_<TYPE> bit of a pool type.
unsigned typeFlag(conf::StoragePoolType t) {
    using T = conf::StoragePoolType;
    using namespace lv;
    switch (t) {
        case T::kDir: return kConnectListStoragePoolsDir;
        case T::kFs: return kConnectListStoragePoolsFs;
        case T::kNetfs: return kConnectListStoragePoolsNetfs;
        case T::kLogical: return kConnectListStoragePoolsLogical;
        case T::kDisk: return kConnectListStoragePoolsDisk;
        case T::kIscsi: return kConnectListStoragePoolsIscsi;
        case T::kIscsiDirect: return kConnectListStoragePoolsIscsiDirect;
        case T::kScsi: return kConnectListStoragePoolsScsi;
        case T::kMpath: return kConnectListStoragePoolsMpath;
        case T::kRbd: return kConnectListStoragePoolsRbd;
        case T::kSheepdog: return kConnectListStoragePoolsSheepdog;
        case T::kGluster: return kConnectListStoragePoolsGluster;
        case T::kZfs: return kConnectListStoragePoolsZfs;
        case T::kVstorage: return kConnectListStoragePoolsVstorage;
    }
    return 0;
}

constexpr unsigned kAllPoolListFlags = 0xfffffu;

bool matches(const PoolObj& o, unsigned flags) {
    using namespace lv;
    if (!pairPasses(flags, kConnectListStoragePoolsActive, kConnectListStoragePoolsInactive, o.active)) return false;
    if (!pairPasses(flags, kConnectListStoragePoolsPersistent, kConnectListStoragePoolsTransient, o.persistent))
        return false;
    if (!pairPasses(flags, kConnectListStoragePoolsAutostart, kConnectListStoragePoolsNoAutostart, o.autostart))
        return false;
    unsigned types = flags & ~0x3fu;
    return !types || (types & typeFlag(o.def->type));
}

// libvirt's add-or-update rules (the same shape as for networks), with fake sizes.
Result<driver::StoragePoolRef> assignPool(Pools& pools, std::shared_ptr<conf::StoragePoolDef> def, bool live) {
    def->capacity = kDefaultPoolCapacity;
    def->allocation = 0;
    def->available = kDefaultPoolCapacity;
    return pools.locked([&](Pools::Objects& objs) -> Result<driver::StoragePoolRef> {
        if (PoolObj* o = Pools::find(objs, def->uuid)) {
            if (o->name != def->name) {
                return fail(operationFailed(fmt::format("pool '{}' is already defined with uuid {}", o->name,
                                                        def->uuid.toString()),
                                            ErrorDomain::kStorage));
            }
            if (live && o->active) {
                return fail(operationInvalid(fmt::format("pool '{}' is already active", o->name),
                                             ErrorDomain::kStorage));
            }
            if (o->active) {
                o->next_def = std::move(def);
            } else {
                o->def = std::move(def);
            }
            if (!live) o->persistent = true;
            refreshPoolSizes(*o);
            return poolRef(*o);
        }
        if (PoolObj* o = Pools::find(objs, def->name)) {
            return fail(operationFailed(fmt::format("pool '{}' already exists with uuid {}", def->name,
                                                    o->uuid.toString()),
                                        ErrorDomain::kStorage));
        }
        PoolObj o;
        o.name = def->name;
        o.uuid = def->uuid;
        o.def = std::move(def);
        o.persistent = !live;
        objs.push_back(std::move(o));
        return poolRef(objs.back());
    });
}

std::vector<std::string> poolNames(Pools& pools, bool active, int max) {
    std::vector<std::string> out;
    for (const auto& o : pools.all()) {
        if (o.active == active && static_cast<int>(out.size()) < max) out.push_back(o.name);
    }
    return out;
}

}  // namespace

Result<std::vector<StoragePoolRef>> TestStorage::listAllPools(unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAllPoolListFlags, "testConnectListAllStoragePools"));
    std::vector<StoragePoolRef> out;
    for (const auto& o : ctx_.state().pools.all()) {
        if (matches(o, flags)) out.push_back(poolRef(o));
    }
    return out;
}

Result<int> TestStorage::numOfPools() {
    return static_cast<int>(poolNames(ctx_.state().pools, true, INT32_MAX).size());
}

Result<std::vector<std::string>> TestStorage::listPools(int max) { return poolNames(ctx_.state().pools, true, max); }

Result<int> TestStorage::numOfDefinedPools() {
    return static_cast<int>(poolNames(ctx_.state().pools, false, INT32_MAX).size());
}

Result<std::vector<std::string>> TestStorage::listDefinedPools(int max) {
    return poolNames(ctx_.state().pools, false, max);
}

Result<std::string> TestStorage::findPoolSources(const std::string& type, const std::optional<std::string>& spec,
                                                 unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testConnectFindStoragePoolSources"));
    auto pool_type = conf::storagePoolTypeFromString(type);
    if (!pool_type) {
        return fail(noSupport(fmt::format("pool type '{}' does not support source discovery", type),
                              ErrorDomain::kTest));
    }
    if (*pool_type == conf::StoragePoolType::kLogical) {
        std::vector<conf::StoragePoolSource> sources(2);
        for (int i = 0; i < 2; ++i) {
            sources[static_cast<size_t>(i)].devices.push_back({fmt::format("/dev/sda{}", 20 + i), {}, {}});
            sources[static_cast<size_t>(i)].name = fmt::format("testvg{}", i + 1);
            sources[static_cast<size_t>(i)].format = "lvm2";
        }
        return conf::formatStoragePoolSourceList(*pool_type, sources);
    }
    if (*pool_type == conf::StoragePoolType::kNetfs) {
        conf::StoragePoolSource src;
        if (spec) {
            NODEVIRT_ASSIGN_OR_RETURN(src, conf::parseStoragePoolSourceXml(*spec, *pool_type, {}));
        }
        if (src.hosts.empty()) {
            return fail(testError(ErrorCode::kInvalidArg, "hostname must be specified for netfs sources"));
        }
        conf::StoragePoolSource out;
        out.hosts.push_back({src.hosts.front().name, std::nullopt});
        out.dir = "/testshare";
        out.format = "nfs";
        return conf::formatStoragePoolSourceList(*pool_type, {out});
    }
    return fail(testError(ErrorCode::kInternalError, fmt::format("unknown storage pool type {}", type)));
}

Result<StoragePoolRef> TestStorage::lookupPoolByName(const std::string& name) {
    auto o = ctx_.state().pools.byName(name);
    if (!o) return fail(noPoolByName(name));
    return poolRef(*o);
}

Result<StoragePoolRef> TestStorage::lookupPoolByUuid(const Uuid& uuid) {
    auto o = ctx_.state().pools.byUuid(uuid);
    if (!o) {
        return fail(testError(ErrorCode::kNoStoragePool,
                              fmt::format("no storage pool with matching uuid '{}'", uuid.toString())));
    }
    return poolRef(*o);
}

Result<StoragePoolRef> TestStorage::lookupPoolByVolume(const StorageVolRef& vol) {
    return lookupPoolByName(vol.pool);
}

Result<StoragePoolRef> TestStorage::lookupPoolByTargetPath(const std::string& path) {
    std::string clean = conf::storage_xml::sanitizePath(path);
    for (const auto& o : ctx_.state().pools.all()) {
        if (o.active && o.def->target_path && *o.def->target_path == clean) return poolRef(o);
    }
    return fail(testError(ErrorCode::kNoStoragePool,
                          fmt::format("no storage pool with matching target path '{}'", path)));
}

Result<StoragePoolRef> TestStorage::definePoolXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kStoragePoolDefineValidate, "testStoragePoolDefineXML"));
    conf::ParseOptions opts;
    opts.validate = flags & lv::kStoragePoolDefineValidate;
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseStoragePoolXml(xml, opts));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto ref, assignPool(ctx_.state().pools, std::move(def), false));
    poolEvent(ev, ref, kLifecycle, lv::kStoragePoolEventDefined);
    return ref;
}

Result<StoragePoolRef> TestStorage::createPoolXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolCreateXML"));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseStoragePoolXml(xml, {}));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto ref, assignPool(ctx_.state().pools, std::move(def), true));
    ctx_.state().pools.locked([&](Pools::Objects& objs) {
        if (PoolObj* o = Pools::find(objs, ref.uuid)) o->active = true;
    });
    poolEvent(ev, ref, kLifecycle, lv::kStoragePoolEventStarted);
    return ref;
}

Status TestStorage::buildPool(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolBuild"));
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, pool.name));
        if (o->active) {
            return fail(testError(ErrorCode::kOperationInvalid, fmt::format("storage pool '{}' is active", o->name)));
        }
        poolEvent(ev, poolRef(*o), kLifecycle, lv::kStoragePoolEventCreated);
        return ok();
    });
}

Status TestStorage::undefinePool(const StoragePoolRef& pool) {
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, pool.name));
        if (o->active) {
            return fail(testError(ErrorCode::kOperationInvalid, fmt::format("storage pool '{}' is active", o->name)));
        }
        poolEvent(ev, poolRef(*o), kLifecycle, lv::kStoragePoolEventUndefined);
        Pools::erase(objs, o->uuid);
        return ok();
    });
}

Status TestStorage::createPool(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolCreate"));
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, pool.name));
        if (o->active) {
            return fail(testError(ErrorCode::kOperationInvalid, fmt::format("storage pool '{}' is active", o->name)));
        }
        o->active = true;
        poolEvent(ev, poolRef(*o), kLifecycle, lv::kStoragePoolEventStarted);
        return ok();
    });
}

Status TestStorage::destroyPool(const StoragePoolRef& pool) {
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findActivePool(objs, pool.name));
        o->active = false;
        if (o->next_def) {
            o->def = std::move(o->next_def);
            o->next_def = nullptr;
            refreshPoolSizes(*o);
        }
        poolEvent(ev, poolRef(*o), kLifecycle, lv::kStoragePoolEventStopped);
        if (!o->persistent) Pools::erase(objs, o->uuid);
        return ok();
    });
}

Status TestStorage::deletePool(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolDelete"));
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, pool.name));
        if (o->active) {
            return fail(testError(ErrorCode::kOperationInvalid, fmt::format("storage pool '{}' is active", o->name)));
        }
        poolEvent(ev, poolRef(*o), kLifecycle, lv::kStoragePoolEventDeleted);
        return ok();
    });
}

Status TestStorage::refreshPool(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolRefresh"));
    core::PendingEvents ev(ctx_.state().events);
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findActivePool(objs, pool.name));
        poolEvent(ev, poolRef(*o), static_cast<int>(lv::kStoragePoolEventIdRefresh), 0);
        return ok();
    });
}

Result<StoragePoolInfo> TestStorage::getPoolInfo(const StoragePoolRef& pool) {
    auto o = ctx_.state().pools.byName(pool.name);
    if (!o) return fail(noPoolByName(pool.name));
    StoragePoolInfo info;
    info.state = static_cast<int>(o->active ? lv::kStoragePoolRunning : lv::kStoragePoolInactive);
    info.capacity = o->def->capacity;
    info.allocation = o->def->allocation;
    info.available = o->def->available;
    return info;
}

Result<std::string> TestStorage::getPoolXmlDesc(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolGetXMLDesc"));
    auto o = ctx_.state().pools.byName(pool.name);
    if (!o) return fail(noPoolByName(pool.name));
    return conf::formatStoragePoolXml(*o->def, 0);
}

Result<bool> TestStorage::getPoolAutostart(const StoragePoolRef& pool) {
    auto o = ctx_.state().pools.byName(pool.name);
    if (!o) return fail(noPoolByName(pool.name));
    return o->autostart;
}

Status TestStorage::setPoolAutostart(const StoragePoolRef& pool, bool autostart) {
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, pool.name));
        o->autostart = autostart;
        return ok();
    });
}

Result<bool> TestStorage::isPoolActive(const StoragePoolRef& pool) {
    auto o = ctx_.state().pools.byName(pool.name);
    if (!o) return fail(noPoolByName(pool.name));
    return o->active;
}

Result<bool> TestStorage::isPoolPersistent(const StoragePoolRef& pool) {
    auto o = ctx_.state().pools.byName(pool.name);
    if (!o) return fail(noPoolByName(pool.name));
    return o->persistent;
}

}  // namespace nodevirt::drivers::test
