// virDomainRevertToSnapshot for the test driver: the domain takes the snapshot's definition
// and state. Every revert of an active domain stops and restarts it (new id), and reverting
// to a shut-off snapshot with RUNNING/PAUSED only emits the start events while the domain
// stays shut off, exactly as libvirt 9.0's test driver behaves.
#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "core/event_bus.h"
#include "core/snapshot_def.h"
#include "core/snapshot_tree.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/facets.h"

namespace nodevirt::drivers::test {
namespace {

constexpr int kFromSnapshot = 3;  // STARTED_FROM_SNAPSHOT
constexpr int kStarted = static_cast<int>(lv::kDomainEventStarted);
constexpr int kStopped = static_cast<int>(lv::kDomainEventStopped);
constexpr int kSuspended = static_cast<int>(lv::kDomainEventSuspended);

}  // namespace

Status TestSnapshots::revert(const DomainSnapshotRef& snap, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags,
                            kDomainSnapshotRevertRunning | kDomainSnapshotRevertPaused | kDomainSnapshotRevertForce |
                                kDomainSnapshotRevertResetNvram,
                            "testDomainRevertToSnapshot"));
    NODEVIRT_TRY(checkExclusive(flags, kDomainSnapshotRevertRunning, "VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING",
                                kDomainSnapshotRevertPaused, "VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED", ErrorDomain::kTest));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), snap.domain));
    core::DomainView v = job->view();
    const core::SnapshotTree::Node* node = v.snapshots ? v.snapshots->find(snap.name) : nullptr;
    if (!node) {
        return fail(testError(ErrorCode::kNoDomainSnapshot,
                              fmt::format("no domain snapshot with matching name '{}'", snap.name)));
    }
    core::DomainDefPtr config = node->def->dom;
    if (!config) {
        return fail(testError(ErrorCode::kOperationInvalid,
                              fmt::format("snapshot '{}' lacks domain '{}' rollback info", snap.name, v.name)));
    }
    int snap_state = node->state;
    bool restart = snap_state == static_cast<int>(kDomainRunning) || snap_state == static_cast<int>(kDomainPaused);
    auto stoppedEvent = [&] {
        ev.lifecycle(job->ref(), kStopped, static_cast<int>(kDomainEventStoppedFromSnapshot));
    };
    if (v.active()) {
        stopDomain(ctx_.state(), job, static_cast<int>(kDomainShutoffFromSnapshot), true);
        stoppedEvent();
    }
    job->setDef(job, config);
    if (restart) {
        startDomain(ctx_.state(), job, static_cast<int>(kDomainRunningFromSnapshot));
        ev.lifecycle(job->ref(), kStarted, kFromSnapshot);
        bool paused = !(flags & kDomainSnapshotRevertRunning) &&
                      (snap_state == static_cast<int>(kDomainPaused) || (flags & kDomainSnapshotRevertPaused));
        if (paused) {
            job->setState(job, DomainState::kPaused, static_cast<int>(kDomainPausedFromSnapshot));
            ev.lifecycle(job->ref(), kSuspended, static_cast<int>(kDomainEventSuspendedFromSnapshot));
        }
    } else {
        job->setState(job, DomainState::kShutoff, static_cast<int>(kDomainShutoffFromSnapshot));
        if (flags & (kDomainSnapshotRevertRunning | kDomainSnapshotRevertPaused)) {
            // libvirt starts the domain, announces it, and leaves it shut off.
            startDomain(ctx_.state(), job, static_cast<int>(kDomainRunningFromSnapshot));
            ev.lifecycle(job->ref(), kStarted, kFromSnapshot);
            if (flags & kDomainSnapshotRevertPaused) {
                ev.lifecycle(job->ref(), kSuspended, static_cast<int>(kDomainEventSuspendedFromSnapshot));
            }
            stopDomain(ctx_.state(), job, static_cast<int>(kDomainShutoffFromSnapshot), true);
        }
    }
    if (!(job->flags() & core::kDomainPersistent) && !job->active()) ctx_.state().domains.remove(job);
    job->setFlag(job, core::kDomainManagedSave, false);
    auto tree = std::make_shared<core::SnapshotTree>(*v.snapshots);
    tree->setCurrent(snap.name);
    job->setSnapshots(job, std::move(tree));
    return ok();
}

}  // namespace nodevirt::drivers::test
