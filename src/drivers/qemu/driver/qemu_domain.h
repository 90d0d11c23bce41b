// Per-domain state of the QEMU driver (the process, its monitor, what the status file
// records) and the status file itself: <run>/qemu/<name>.xml, written at start so that a
// restarted daemon can find and re-attach the QEMU.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/domain_obj.h"
#include "drivers/qemu/process_watch.h"
#include "drivers/qemu/qmp_client.h"
#include "util/child_process.h"

namespace nodevirt::qemu {

// Kept in DomainObj::priv(); changed only under the domain's job.
class QemuDomainPrivate : public core::DomainPrivate {
  public:
    // Bumped at every start: notifications carry the value they were armed with, so one from
    // an earlier run of the domain is recognised and ignored.
    uint64_t generation = 0;
    std::shared_ptr<util::Process> process;
    std::shared_ptr<QmpClient> monitor;
    std::shared_ptr<ExitWatcher> watcher;
    std::string monitor_path;
    pid_t pid = 0;
    uint64_t start_time = 0;  // field 22 of /proc/<pid>/stat: tells a recycled pid apart
    bool got_shutdown = false;  // QEMU reported SHUTDOWN: its end is not a crash
};

// The QEMU driver's private state of `obj`, created on first use.
QemuDomainPrivate& qemuPriv(core::DomainObj& obj);

// What a status file holds.
struct DomainStatus {
    pid_t pid = 0;
    uint64_t start_time = 0;
    std::string monitor_path;
    int id = -1;
    int state = 0;
    int reason = 0;
    std::string domain_xml;  // the live definition
};

std::string formatDomainStatus(const DomainStatus& st);
Result<DomainStatus> parseDomainStatus(std::string_view text, const std::string& path);

// Field 22 (starttime, clock ticks since boot) of /proc/<pid>/stat.
Result<uint64_t> processStartTime(pid_t pid);
// utime + stime of /proc/<pid>/stat in nanoseconds.
Result<uint64_t> processCpuTime(pid_t pid);

// A QEMU started by an earlier daemon, found again by pid: exit seen through a pidfd
// (pidfd_open works for processes that are not our children), signals through the pidfd.
// Its exit status is unknown (its parent reaps it), so the status reported is 0.
Result<std::unique_ptr<util::Process>> adoptProcess(pid_t pid);

}  // namespace nodevirt::qemu
