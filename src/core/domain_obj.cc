#include "core/domain_obj.h"

#include <fmt/format.h>

namespace nodevirt::core {

DomainObj::DomainObj(std::string name, const Uuid& uuid) : name_(std::move(name)), uuid_(uuid) {}

DomainView DomainObj::view() const {
    std::lock_guard lock(mutex_);
    DomainView v;
    v.name = name_;
    v.uuid = uuid_;
    v.id = id_;
    v.state = state_;
    v.reason = reason_;
    v.flags = flags_;
    v.def = def_;
    v.next_def = next_def_;
    v.snapshots = snapshots_;
    return v;
}

std::string DomainObj::name() const {
    std::lock_guard lock(mutex_);
    return name_;
}

int DomainObj::id() const {
    std::lock_guard lock(mutex_);
    return id_;
}

DomainStateReason DomainObj::state() const {
    std::lock_guard lock(mutex_);
    return {state_, reason_};
}

unsigned DomainObj::flags() const {
    std::lock_guard lock(mutex_);
    return flags_;
}

DomainDefPtr DomainObj::def() const {
    std::lock_guard lock(mutex_);
    return def_;
}

DomainDefPtr DomainObj::inactiveDef() const {
    std::lock_guard lock(mutex_);
    return next_def_ ? next_def_ : def_;
}

SnapshotTreePtr DomainObj::snapshots() const {
    std::lock_guard lock(mutex_);
    return snapshots_;
}

driver::DomainRef DomainObj::ref() const {
    std::lock_guard lock(mutex_);
    return {name_, uuid_, id_};
}

void DomainObj::setState(const JobGuard& /*job*/, DomainState state, int reason) {
    std::lock_guard lock(mutex_);
    state_ = state;
    reason_ = static_cast<uint8_t>(reason);
}

void DomainObj::setFlag(const JobGuard& /*job*/, DomainFlag flag, bool on) {
    std::lock_guard lock(mutex_);
    flags_ = static_cast<uint16_t>(on ? (flags_ | flag) : (flags_ & ~flag));
}

void DomainObj::setDef(const JobGuard& /*job*/, DomainDefPtr def) {
    std::lock_guard lock(mutex_);
    def_ = std::move(def);
}

void DomainObj::setNextDef(const JobGuard& /*job*/, DomainDefPtr def) {
    std::lock_guard lock(mutex_);
    next_def_ = std::move(def);
}

void DomainObj::setSnapshots(const JobGuard& /*job*/, SnapshotTreePtr tree) {
    std::lock_guard lock(mutex_);
    snapshots_ = std::move(tree);
}

DomainDefPtr DomainObj::assignDef(const JobGuard& /*job*/, DomainDefPtr def, bool live) {
    std::lock_guard lock(mutex_);
    DomainDefPtr old;
    if (id_ >= 0) {
        old = std::move(next_def_);
        next_def_ = std::move(def);
    } else if (live) {
        // Keep the persistent definition to restore when the domain stops.
        if (!next_def_ && (flags_ & kDomainPersistent)) {
            next_def_ = std::move(def_);
        } else {
            old = std::move(def_);
        }
        def_ = std::move(def);
    } else {
        old = std::move(def_);
        def_ = std::move(def);
    }
    return old;
}

void DomainObj::clearLiveDef(const JobGuard& /*job*/) {
    std::lock_guard lock(mutex_);
    if (next_def_) def_ = std::move(next_def_);
    next_def_.reset();
}

Result<JobGuard> beginJob(const DomainObjPtr& obj, std::chrono::milliseconds timeout) {
    std::unique_lock<std::timed_mutex> lock(obj->job_, std::defer_lock);
    if (!lock.try_lock_for(timeout)) {
        return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kDomain,
                                "cannot acquire state change lock"));
    }
    if (obj->removed()) {
        return fail(Error::make(ErrorCode::kNoDomain, ErrorDomain::kDomain,
                                fmt::format("no domain with matching uuid '{}' ({})",
                                            obj->uuid().toString(), obj->name())));
    }
    return JobGuard(obj, std::move(lock));
}

}  // namespace nodevirt::core
