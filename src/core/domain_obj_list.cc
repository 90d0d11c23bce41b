#include "core/domain_obj_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "driver/libvirt_constants.h"

namespace nodevirt::core {
namespace {

// Each filter group applies only when exactly one side of the pair is requested.
bool pairPasses(unsigned flags, unsigned yes, unsigned no, bool value) {
    bool want_yes = (flags & yes) != 0;
    bool want_no = (flags & no) != 0;
    if (want_yes == want_no) return true;
    return want_yes ? value : !value;
}

Error duplicateUuid(const std::string& existing_name, const Uuid& uuid) {
    return Error::make(
        ErrorCode::kOperationFailed, ErrorDomain::kDomain,
        fmt::format("domain '{}' is already defined with uuid {}", existing_name, uuid.toString()));
}

Error duplicateName(const std::string& name, const Uuid& existing_uuid) {
    return Error::make(
        ErrorCode::kOperationFailed, ErrorDomain::kDomain,
        fmt::format("domain '{}' already exists with uuid {}", name, existing_uuid.toString()));
}

}  // namespace

bool matchesListFilter(const DomainView& v, unsigned flags) {
    using namespace lv;
    if (!pairPasses(flags, kConnectListDomainsActive, kConnectListDomainsInactive, v.active()))
        return false;
    if (!pairPasses(flags, kConnectListDomainsPersistent, kConnectListDomainsTransient,
                    v.persistent()))
        return false;
    unsigned state_bits = flags & (kConnectListDomainsRunning | kConnectListDomainsPaused |
                                   kConnectListDomainsShutoff | kConnectListDomainsOther);
    if (state_bits) {
        bool ok = false;
        switch (v.state) {
            case DomainState::kRunning:
                ok = flags & kConnectListDomainsRunning;
                break;
            case DomainState::kPaused:
                ok = flags & kConnectListDomainsPaused;
                break;
            case DomainState::kShutoff:
                ok = flags & kConnectListDomainsShutoff;
                break;
            default:
                ok = flags & kConnectListDomainsOther;
                break;
        }
        if (!ok) return false;
    }
    if (!pairPasses(flags, kConnectListDomainsManagedsave, kConnectListDomainsNoManagedsave,
                    v.has(kDomainManagedSave)))
        return false;
    if (!pairPasses(flags, kConnectListDomainsAutostart, kConnectListDomainsNoAutostart,
                    v.has(kDomainAutostart)))
        return false;
    if (!pairPasses(flags, kConnectListDomainsHasSnapshot, kConnectListDomainsNoSnapshot,
                    v.has(kDomainHasSnapshot)))
        return false;
    return pairPasses(flags, kConnectListDomainsHasCheckpoint, kConnectListDomainsNoCheckpoint,
                      v.has(kDomainHasCheckpoint));
}

Result<DomainObjList::AddResult> DomainObjList::add(const std::string& name, const Uuid& uuid,
                                                    DomainDefPtr def, unsigned flags) {
    // An existing domain must be updated under its job, which may take a while, so the list
    // lock is dropped while waiting and the lookup repeated if the domain vanished meanwhile.
    for (int attempt = 0; attempt < 100; ++attempt) {
        DomainObjPtr existing = findByUuid(uuid);
        if (!existing) {
            NODEVIRT_ASSIGN_OR_RETURN(auto added, addNew(name, uuid, def));
            if (added) return std::move(*added);
            continue;  // lost a race with a concurrent add of the same uuid
        }
        std::string existing_name = existing->name();
        if (existing_name != name) return fail(duplicateUuid(existing_name, uuid));
        auto job = beginJob(existing);
        if (!job) {
            if (job.error().code == ErrorCode::kNoDomain) continue;
            return fail(job.error());
        }
        if (flags & kAddCheckLive) {
            if (existing->active()) {
                return fail(operationInvalid(fmt::format("domain '{}' is already active", name),
                                             ErrorDomain::kDomain));
            }
            if (!(existing->flags() & kDomainPersistent)) {
                return fail(
                    operationInvalid(fmt::format("domain '{}' is already being started", name),
                                     ErrorDomain::kDomain));
            }
        }
        DomainDefPtr old = existing->assignDef(*job, std::move(def), (flags & kAddLive) != 0);
        return AddResult{std::move(*job), false, std::move(old)};
    }
    return fail(internalError("domain list kept changing while adding a domain"));
}

Result<std::optional<DomainObjList::AddResult>> DomainObjList::addNew(const std::string& name,
                                                                      const Uuid& uuid,
                                                                      DomainDefPtr def) {
    std::unique_lock lock(mutex_);
    if (by_uuid_.count(uuid)) return std::optional<AddResult>();
    if (auto it = by_name_.find(name); it != by_name_.end()) {
        return fail(duplicateName(name, it->second->uuid()));
    }
    auto obj = std::make_shared<DomainObj>(name, uuid);
    obj->def_ = std::move(def);
    // Nobody else can see the object yet, so its job is free.
    std::unique_lock<std::timed_mutex> job(obj->job_);
    by_name_.emplace(std::string_view(obj->name_), obj.get());
    by_uuid_.emplace(uuid, obj);
    return std::optional<AddResult>(AddResult{JobGuard(obj, std::move(job)), true, nullptr});
}

DomainObjPtr DomainObjList::findByName(std::string_view name) const {
    std::shared_lock lock(mutex_);
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return nullptr;
    return by_uuid_.at(it->second->uuid());
}

DomainObjPtr DomainObjList::findByUuid(const Uuid& uuid) const {
    std::shared_lock lock(mutex_);
    auto it = by_uuid_.find(uuid);
    return it == by_uuid_.end() ? nullptr : it->second;
}

DomainObjPtr DomainObjList::findById(int id) const {
    std::shared_lock lock(mutex_);
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return nullptr;
    return by_uuid_.at(it->second->uuid());
}

void DomainObjList::markActive(const JobGuard& job, int id) {
    DomainObj& obj = job.obj();
    std::unique_lock lock(mutex_);
    std::lock_guard obj_lock(obj.mutex_);
    if (obj.id_ >= 0) by_id_.erase(obj.id_);
    if (id < 0)
        id = next_id_++;
    else if (id >= next_id_)
        next_id_ = id + 1;
    obj.id_ = id;
    if (!(obj.flags_ & kDomainRemoved)) by_id_[id] = &obj;
}

void DomainObjList::markInactive(const JobGuard& job) {
    DomainObj& obj = job.obj();
    std::unique_lock lock(mutex_);
    std::lock_guard obj_lock(obj.mutex_);
    if (obj.id_ >= 0) {
        auto it = by_id_.find(obj.id_);
        if (it != by_id_.end() && it->second == &obj) by_id_.erase(it);
    }
    obj.id_ = -1;
}

void DomainObjList::remove(const JobGuard& job) {
    DomainObj& obj = job.obj();
    std::unique_lock lock(mutex_);
    std::lock_guard obj_lock(obj.mutex_);
    if (obj.flags_ & kDomainRemoved) return;
    obj.flags_ |= kDomainRemoved;
    if (obj.id_ >= 0) {
        auto it = by_id_.find(obj.id_);
        if (it != by_id_.end() && it->second == &obj) by_id_.erase(it);
    }
    by_name_.erase(std::string_view(obj.name_));
    by_uuid_.erase(obj.uuid_);  // may drop the list's reference; the guard keeps obj alive
}

Status DomainObjList::rename(const JobGuard& job, const std::string& new_name) {
    DomainObj& obj = job.obj();
    std::unique_lock lock(mutex_);
    if (auto it = by_name_.find(new_name); it != by_name_.end()) {
        return fail(duplicateName(new_name, it->second->uuid()));
    }
    std::lock_guard obj_lock(obj.mutex_);
    bool indexed = !(obj.flags_ & kDomainRemoved);
    if (indexed) by_name_.erase(std::string_view(obj.name_));
    obj.name_ = new_name;
    if (indexed) by_name_.emplace(std::string_view(obj.name_), &obj);
    return ok();
}

std::vector<DomainView> DomainObjList::listAll(unsigned flags) const {
    std::vector<DomainView> out;
    std::shared_lock lock(mutex_);
    out.reserve(by_uuid_.size());
    for (const auto& [uuid, obj] : by_uuid_) {
        // Only the identity and state: no definition references to take and drop.
        DomainView v;
        {
            std::lock_guard obj_lock(obj->mutex_);
            v.id = obj->id_;
            v.state = obj->state_;
            v.reason = obj->reason_;
            v.flags = obj->flags_;
            if (!matchesListFilter(v, flags)) continue;
            v.name = obj->name_;
        }
        v.uuid = uuid;
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<DomainObjPtr> DomainObjList::objects() const {
    std::shared_lock lock(mutex_);
    std::vector<DomainObjPtr> out;
    out.reserve(by_uuid_.size());
    for (const auto& [uuid, obj] : by_uuid_) out.push_back(obj);
    return out;
}

void DomainObjList::forEach(const std::function<void(const DomainObjPtr&)>& fn) const {
    // Copy first so `fn` may call back into the list.
    for (const auto& obj : objects()) fn(obj);
}

size_t DomainObjList::size() const {
    std::shared_lock lock(mutex_);
    return by_uuid_.size();
}

size_t DomainObjList::countActive() const {
    std::shared_lock lock(mutex_);
    return by_id_.size();
}

std::vector<int> DomainObjList::activeIds(size_t max) const {
    std::vector<int> ids;
    {
        std::shared_lock lock(mutex_);
        ids.reserve(by_id_.size());
        for (const auto& [id, obj] : by_id_) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    if (ids.size() > max) ids.resize(max);
    return ids;
}

std::vector<std::string> DomainObjList::inactiveNames(size_t max) const {
    std::vector<std::string> names;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [uuid, obj] : by_uuid_) {
            std::lock_guard obj_lock(obj->mutex_);
            if (obj->id_ < 0) names.push_back(obj->name_);
        }
    }
    std::sort(names.begin(), names.end());
    if (names.size() > max) names.resize(max);
    return names;
}

int DomainObjList::nextId() const {
    std::shared_lock lock(mutex_);
    return next_id_;
}

}  // namespace nodevirt::core
