// StorageOps of the test driver, volume half: volumes live in their pool's object with an
// in-memory byte buffer (sparse: unwritten bytes read as zeros) for upload and download.
#include <fmt/format.h>

#include "driver/libvirt_constants.h"
#include "drivers/test/facets_infra.h"
#include "drivers/test/memory_stream.h"
#include "drivers/test/storage_internal.h"

namespace nodevirt::drivers::test {
namespace {

// Uploads are kept in memory; refuse more than this per volume.
constexpr uint64_t kMaxVolumeBytesInMemory = uint64_t{64} << 20;

Error noVol(std::string_view how, std::string_view what) {
    return testError(ErrorCode::kNoStorageVol, fmt::format("no storage vol with matching {} '{}'", how, what));
}

StorageVolRef volRef(const PoolObj& pool, const TestVolume& v) {
    return {pool.name, v.def->name, v.def->key.value_or("")};
}

TestVolume* findVol(PoolObj& pool, std::string_view name) {
    for (auto& v : pool.extra.volumes) {
        if (v.def->name == name) return &v;
    }
    return nullptr;
}

// The pool (active) and volume a reference names, inside locked().
Result<std::pair<PoolObj*, TestVolume*>> findVolRef(Pools::Objects& objs, const StorageVolRef& ref) {
    NODEVIRT_ASSIGN_OR_RETURN(PoolObj * pool, findActivePool(objs, ref.pool));
    TestVolume* vol = findVol(*pool, ref.name);
    if (!vol) return fail(noVol("name", ref.name));
    return std::make_pair(pool, vol);
}

Status checkSpace(const PoolObj& pool, uint64_t extra, std::string_view vol_name) {
    if (extra + pool.def->allocation > pool.def->capacity) {
        return fail(testError(ErrorCode::kInternalError,
                              fmt::format("Not enough free space in pool for volume '{}'", vol_name)));
    }
    return ok();
}

// Target path and key of a new volume: the pool's target path plus the volume name.
void placeVolume(const PoolObj& pool, conf::StorageVolDef& def) {
    std::string base = pool.def->target_path.value_or("");
    std::string path = base + "/" + def.name;
    def.target.path = path;
    def.key = path;
}

Result<StorageVolRef> addVolume(Pools& pools, const StoragePoolRef& pool_ref, const std::string& xml,
                                unsigned flags, const std::optional<StorageVolRef>& clone_from) {
    return pools.locked([&](Pools::Objects& objs) -> Result<StorageVolRef> {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * pool, findActivePool(objs, pool_ref.name));
        conf::ParseOptions opts;
        opts.validate = flags & lv::kStorageVolCreateValidate;
        NODEVIRT_ASSIGN_OR_RETURN(auto def, conf::parseStorageVolXml(xml, opts, pool->def->type));
        if (findVol(*pool, def->name)) {
            return fail(testError(ErrorCode::kOperationFailed, "storage vol already exists"));
        }
        auto data = std::make_shared<std::string>();
        if (clone_from) {
            TestVolume* orig = findVol(*pool, clone_from->name);
            if (!orig) return fail(noVol("name", clone_from->name));
            data = std::make_shared<std::string>(orig->data->substr(0, def->capacity));
        }
        NODEVIRT_TRY(checkSpace(*pool, def->allocation, def->name));
        placeVolume(*pool, *def);
        pool->extra.volumes.push_back({std::move(def), std::move(data)});
        refreshPoolSizes(*pool);
        return volRef(*pool, pool->extra.volumes.back());
    });
}

// Applies libvirt's virStorageVolResize rules to a capacity change.
Result<std::shared_ptr<conf::StorageVolDef>> resized(const PoolObj& pool, const conf::StorageVolDef& def,
                                                     uint64_t capacity, unsigned flags) {
    using namespace lv;
    uint64_t want = capacity;
    if (flags & kStorageVolResizeDelta) {
        if (flags & kStorageVolResizeShrink) {
            if (capacity > def.capacity) {
                return fail(invalidArg("can't shrink capacity below 0", ErrorDomain::kTest));
            }
            want = def.capacity - capacity;
        } else {
            want = def.capacity + capacity;
        }
    }
    if (want < def.capacity && !(flags & kStorageVolResizeShrink)) {
        return fail(invalidArg("Can't shrink capacity below current capacity unless shrink flag explicitly "
                               "specified",
                               ErrorDomain::kTest));
    }
    if (want > def.capacity && (flags & kStorageVolResizeShrink)) {
        return fail(invalidArg("Can't expand capacity while shrink flag is specified", ErrorDomain::kTest));
    }
    auto out = std::make_shared<conf::StorageVolDef>(def);
    out->capacity = want;
    if (flags & kStorageVolResizeAllocate) {
        uint64_t grow = want > def.allocation ? want - def.allocation : 0;
        if (grow > pool.def->available) {
            return fail(testError(ErrorCode::kOperationFailed, "Not enough space left in storage pool"));
        }
        out->allocation = want;
    }
    if (out->allocation > out->capacity) out->allocation = out->capacity;
    return out;
}

}  // namespace

Result<int> TestStorage::numOfVolumes(const StoragePoolRef& pool) {
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<int> {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findActivePool(objs, pool.name));
        return static_cast<int>(o->extra.volumes.size());
    });
}

Result<std::vector<std::string>> TestStorage::listVolumes(const StoragePoolRef& pool, int max) {
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<std::vector<std::string>> {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findActivePool(objs, pool.name));
        std::vector<std::string> out;
        for (const auto& v : o->extra.volumes) {
            if (static_cast<int>(out.size()) >= max) break;
            out.push_back(v.def->name);
        }
        return out;
    });
}

Result<std::vector<StorageVolRef>> TestStorage::listAllVolumes(const StoragePoolRef& pool, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStoragePoolListAllVolumes"));
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<std::vector<StorageVolRef>> {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findPool(objs, pool.name));
        if (!o->active) return fail(testError(ErrorCode::kOperationInvalid, "storage pool is not active"));
        std::vector<StorageVolRef> out;
        for (const auto& v : o->extra.volumes) out.push_back(volRef(*o, v));
        return out;
    });
}

Result<StorageVolRef> TestStorage::lookupVolByName(const StoragePoolRef& pool, const std::string& name) {
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<StorageVolRef> {
        NODEVIRT_ASSIGN_OR_RETURN(PoolObj * o, findActivePool(objs, pool.name));
        TestVolume* v = findVol(*o, name);
        if (!v) return fail(noVol("name", name));
        return volRef(*o, *v);
    });
}

Result<StorageVolRef> TestStorage::lookupVolByKey(const std::string& key) {
    for (const auto& o : ctx_.state().pools.all()) {
        if (!o.active) continue;
        for (const auto& v : o.extra.volumes) {
            if (v.def->key && *v.def->key == key) return volRef(o, v);
        }
    }
    return fail(noVol("key", key));
}

Result<StorageVolRef> TestStorage::lookupVolByPath(const std::string& path) {
    for (const auto& o : ctx_.state().pools.all()) {
        if (!o.active) continue;
        for (const auto& v : o.extra.volumes) {
            if (v.def->target.path && *v.def->target.path == path) return volRef(o, v);
        }
    }
    return fail(noVol("path", path));
}

Result<StorageVolRef> TestStorage::createVolXml(const StoragePoolRef& pool, const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kStorageVolCreateValidate, "testStorageVolCreateXML"));
    return addVolume(ctx_.state().pools, pool, xml, flags, std::nullopt);
}

Result<StorageVolRef> TestStorage::createVolXmlFrom(const StoragePoolRef& pool, const std::string& xml,
                                                    const StorageVolRef& clone_from, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStorageVolCreateXMLFrom"));
    return addVolume(ctx_.state().pools, pool, xml, flags, clone_from);
}

Status TestStorage::deleteVol(const StorageVolRef& vol, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStorageVolDelete"));
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        auto& vols = found.first->extra.volumes;
        vols.erase(vols.begin() + (found.second - vols.data()));
        refreshPoolSizes(*found.first);
        return ok();
    });
}

Status TestStorage::wipeVol(const StorageVolRef& vol, unsigned algorithm, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStorageVolWipePattern"));
    if (algorithm > lv::kStorageVolWipeAlgTrim) {
        return fail(invalidArg(fmt::format("wiping algorithm {} not supported", algorithm), ErrorDomain::kTest));
    }
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        found.second->data = std::make_shared<std::string>();  // every pattern ends as zeros here
        return ok();
    });
}

Status TestStorage::resizeVol(const StorageVolRef& vol, uint64_t capacity, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kStorageVolResizeAllocate | kStorageVolResizeDelta | kStorageVolResizeShrink,
                            "testStorageVolResize"));
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        NODEVIRT_ASSIGN_OR_RETURN(auto def, resized(*found.first, *found.second->def, capacity, flags));
        if (found.second->data->size() > def->capacity) {
            found.second->data = std::make_shared<std::string>(found.second->data->substr(0, def->capacity));
        }
        found.second->def = std::move(def);
        refreshPoolSizes(*found.first);
        return ok();
    });
}

Result<StorageVolInfo> TestStorage::getVolInfo(const StorageVolRef& vol, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kStorageVolGetPhysical, "testStorageVolGetInfoFlags"));
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<StorageVolInfo> {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        const auto& def = *found.second->def;
        StorageVolInfo info;
        info.type = static_cast<int>(def.type);
        info.capacity = def.capacity;
        info.allocation = def.allocation;
        return info;
    });
}

Result<std::string> TestStorage::getVolXmlDesc(const StorageVolRef& vol, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testStorageVolGetXMLDesc"));
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<std::string> {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        return conf::formatStorageVolXml(*found.second->def, 0);
    });
}

Result<std::string> TestStorage::getVolPath(const StorageVolRef& vol) {
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<std::string> {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        return found.second->def->target.path.value_or("");
    });
}

Result<DataStreamPtr> TestStorage::downloadVol(const StorageVolRef& vol, uint64_t offset, uint64_t length,
                                               unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kStorageVolDownloadSparseStream, "testStorageVolDownload"));
    return ctx_.state().pools.locked([&](Pools::Objects& objs) -> Result<DataStreamPtr> {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        uint64_t cap = found.second->def->capacity;
        if (offset > cap) return fail(invalidArg("offset is beyond the end of the volume", ErrorDomain::kTest));
        uint64_t len = length == 0 || length > cap - offset ? cap - offset : length;
        return DataStreamPtr(std::make_unique<MemorySourceStream>(found.second->data, offset, len));
    });
}

Result<DataStreamPtr> TestStorage::uploadVol(const StorageVolRef& vol, uint64_t offset, uint64_t length,
                                             unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kStorageVolUploadSparseStream, "testStorageVolUpload"));
    uint64_t limit = 0;
    NODEVIRT_TRY(ctx_.state().pools.locked([&](Pools::Objects& objs) -> Status {
        NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
        uint64_t cap = found.second->def->capacity;
        if (offset > cap) return fail(invalidArg("offset is beyond the end of the volume", ErrorDomain::kTest));
        limit = length == 0 || length > cap - offset ? cap - offset : length;
        return ok();
    }));
    if (offset + limit > kMaxVolumeBytesInMemory) {
        limit = offset < kMaxVolumeBytesInMemory ? kMaxVolumeBytesInMemory - offset : 0;
    }
    // The bytes land when the client finishes; the volume may have changed by then.
    auto state = ctx_.statePtr();
    auto commit = [state, vol, offset](std::string&& bytes) -> Status {
        return state->pools.locked([&](Pools::Objects& objs) -> Status {
            NODEVIRT_ASSIGN_OR_RETURN(auto found, findVolRef(objs, vol));
            auto data = std::make_shared<std::string>(*found.second->data);
            if (data->size() < offset + bytes.size()) data->resize(offset + bytes.size(), '\0');
            data->replace(offset, bytes.size(), bytes);
            found.second->data = std::move(data);
            return ok();
        });
    };
    return DataStreamPtr(std::make_unique<MemorySinkStream>(limit, std::move(commit)));
}

}  // namespace nodevirt::drivers::test
