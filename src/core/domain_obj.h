// DomainObj: one domain a hypervisor driver knows (defined and/or running). Definitions are
// immutable values swapped under a small mutex, so readers copy a consistent DomainView
// without ever waiting on a running job; mutating jobs serialize through JobGuard.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "driver/types.h"
#include "util/result.h"
#include "util/uuid.h"

namespace nodevirt::conf {
struct DomainDef;
}

namespace nodevirt::core {

using DomainDefPtr = std::shared_ptr<const conf::DomainDef>;
class SnapshotTree;
using SnapshotTreePtr = std::shared_ptr<const SnapshotTree>;

// Per-domain boolean facts, packed so that list filters read them in one load.
enum DomainFlag : uint16_t {
    kDomainPersistent = 1u << 0,
    kDomainAutostart = 1u << 1,
    kDomainManagedSave = 1u << 2,  // a managed-save image exists
    kDomainUpdated = 1u << 3,      // live definition changed since start (isUpdated)
    kDomainHasSnapshot = 1u << 4,
    kDomainHasCheckpoint = 1u << 5,
    kDomainAutodestroy = 1u << 6,  // destroy when the creating connection closes
    kDomainRemoved = 1u << 7,      // no longer in its list; jobs must give up
};

// A consistent copy of everything a reader needs about a domain.
struct DomainView {
    std::string name;
    Uuid uuid;
    int id = -1;
    DomainState state = DomainState::kShutoff;
    int reason = 0;
    unsigned flags = 0;
    DomainDefPtr def;       // the live definition when active, else the persistent one
    DomainDefPtr next_def;  // persistent definition of an active domain, if it differs
    SnapshotTreePtr snapshots;

    [[nodiscard]] bool active() const { return id >= 0; }
    [[nodiscard]] bool has(DomainFlag f) const { return (flags & f) != 0; }
    [[nodiscard]] bool persistent() const { return has(kDomainPersistent); }
    // The definition the next boot uses (next_def if present, else def).
    [[nodiscard]] const DomainDefPtr& inactiveDef() const { return next_def ? next_def : def; }
    [[nodiscard]] driver::DomainRef ref() const { return {name, uuid, id}; }
};

// Extra state a particular driver keeps per domain (QEMU monitor, test-driver counters, ...).
class DomainPrivate {
  public:
    virtual ~DomainPrivate() = default;
};

class JobGuard;
class DomainObjList;

class DomainObj {
  public:
    DomainObj(std::string name, const Uuid& uuid);
    DomainObj(const DomainObj&) = delete;
    DomainObj& operator=(const DomainObj&) = delete;

    // --- reads: short critical section, never wait for a job
    [[nodiscard]] DomainView view() const;
    [[nodiscard]] const Uuid& uuid() const { return uuid_; }
    [[nodiscard]] std::string name() const;
    [[nodiscard]] int id() const;
    [[nodiscard]] DomainStateReason state() const;
    [[nodiscard]] unsigned flags() const;
    [[nodiscard]] bool active() const { return id() >= 0; }
    [[nodiscard]] bool removed() const { return (flags() & kDomainRemoved) != 0; }
    [[nodiscard]] DomainDefPtr def() const;
    [[nodiscard]] DomainDefPtr inactiveDef() const;
    [[nodiscard]] SnapshotTreePtr snapshots() const;
    [[nodiscard]] driver::DomainRef ref() const;

    // --- writes: only while holding this domain's job (the guard is the proof)
    void setState(const JobGuard& job, DomainState state, int reason);
    void setFlag(const JobGuard& job, DomainFlag flag, bool on);
    void setDef(const JobGuard& job, DomainDefPtr def);
    void setNextDef(const JobGuard& job, DomainDefPtr def);
    void setSnapshots(const JobGuard& job, SnapshotTreePtr tree);
    // libvirt's assignment rules for a new definition: on an active domain it becomes the
    // next-boot definition; `live` makes it the running one (keeping the old as next-boot
    // for a persistent domain). Returns the definition that was replaced, if any.
    DomainDefPtr assignDef(const JobGuard& job, DomainDefPtr def, bool live);
    // An active domain stopped: drop its id, restore the persistent definition.
    void clearLiveDef(const JobGuard& job);

    [[nodiscard]] DomainPrivate* priv() const { return priv_.get(); }
    void setPriv(std::unique_ptr<DomainPrivate> priv) { priv_ = std::move(priv); }

  private:
    friend class JobGuard;
    friend class DomainObjList;
    friend Result<JobGuard> beginJob(const std::shared_ptr<DomainObj>& obj,
                                     std::chrono::milliseconds timeout);

    mutable std::mutex mutex_;  // guards the fields below; held only while copying
    std::string name_;
    const Uuid uuid_;
    int id_ = -1;
    DomainState state_ = DomainState::kShutoff;
    uint8_t reason_ = 0;
    uint16_t flags_ = 0;
    DomainDefPtr def_;
    DomainDefPtr next_def_;
    SnapshotTreePtr snapshots_;
    std::unique_ptr<DomainPrivate> priv_;
    std::timed_mutex job_;  // serializes mutating jobs
};

using DomainObjPtr = std::shared_ptr<DomainObj>;

// Ownership of one domain's job. Movable; releases on destruction.
class JobGuard {
  public:
    JobGuard(JobGuard&&) noexcept = default;
    JobGuard& operator=(JobGuard&&) noexcept = default;
    ~JobGuard() = default;

    [[nodiscard]] DomainObj& obj() const { return *obj_; }
    [[nodiscard]] const DomainObjPtr& ptr() const { return obj_; }
    DomainObj* operator->() const { return obj_.get(); }
    void release() { lock_ = {}; }

  private:
    friend Result<JobGuard> beginJob(const DomainObjPtr& obj, std::chrono::milliseconds timeout);
    friend class DomainObjList;
    JobGuard(DomainObjPtr obj, std::unique_lock<std::timed_mutex> lock)
        : obj_(std::move(obj)), lock_(std::move(lock)) {}

    DomainObjPtr obj_;
    std::unique_lock<std::timed_mutex> lock_;
};

inline constexpr std::chrono::milliseconds kDefaultJobWait{30000};

// Waits up to `timeout` for the domain's job. Fails with libvirt's "cannot acquire state
// change lock" timeout, or "Domain not found" when the domain vanished meanwhile.
Result<JobGuard> beginJob(const DomainObjPtr& obj,
                          std::chrono::milliseconds timeout = kDefaultJobWait);

}  // namespace nodevirt::core
