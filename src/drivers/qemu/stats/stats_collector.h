// Collects one domain's statistics: asks QEMU (through a QMP callback, so the driver can use
// its async monitor and tests canned replies) and the kernel (/proc through a HostSource),
// and returns a plain sample that stats_records.h turns into libvirt's answers.
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/qemu/caps_xml/host_source.h"
#include "drivers/qemu/stats/proc_stats.h"
#include "drivers/qemu/stats/qmp_stats_parse.h"

namespace nodevirt::qemu::stats {

// Runs one QMP command and returns its "return" value.
using QmpExec = std::function<Result<Json>(const std::string& command, const Json& arguments)>;

struct StatsDisk {
    std::string target;     // "vda": what clients name it
    std::string source;     // file path; clients may name the disk by it too
    std::string alias;      // device id on the QEMU command line ("virtio-disk0")
    std::string node_name;  // top block node, when known
};

struct StatsNic {
    std::string alias;   // device id ("net0")
    std::string mac;     // "52:54:00:..."
    std::string ifname;  // host TAP device; empty for user-mode networking (no host counters)
};

// What the driver knows about the domain from its live definition and process.
struct StatsTarget {
    pid_t pid = 0;
    unsigned vcpus_current = 0;
    unsigned vcpus_max = 0;
    uint64_t max_mem_kib = 0;
    uint64_t cur_mem_kib = 0;  // the definition's current memory: used without a balloon
    std::string
        balloon_path;  // QOM path of the balloon ("/machine/peripheral/balloon0"); empty: none
    bool balloon_stats = false;  // guest-stats-polling-interval was set: ask for guest-stats
    std::vector<StatsDisk> disks;
    std::vector<StatsNic> nics;
    // The driver's own record of state and reason (kept from events; it knows "booted" or
    // "migrated" where QEMU only says "running"). When set, no query-status is sent.
    std::optional<std::pair<DomainState, int>> known_state;
    long ticks_per_sec = 100;  // sysconf(_SC_CLK_TCK)
    unsigned page_kib = 4;     // sysconf(_SC_PAGESIZE) / 1024, for rss
};

struct VcpuSample {
    unsigned index = 0;
    pid_t thread_id = 0;
    std::optional<ProcCpu> cpu;        // absent if the thread's /proc entry could not be read
    std::optional<uint64_t> wait_ns;   // sched wait_sum, when the kernel keeps it
    std::optional<uint64_t> delay_ns;  // schedstat run delay
};

struct DiskSample {
    StatsDisk disk;
    std::optional<BlockDevStats> stats;  // absent if QEMU lists no such device (empty cdrom)
};

struct NicSample {
    StatsNic nic;
    std::optional<InterfaceStats> stats;  // absent for user-mode NICs and vanished TAPs
};

struct DomainStatsSample {
    unsigned groups = 0;  // lv::kDomainStats* bits that were collected
    RunStatus status;
    ProcCpu process;  // the whole QEMU process
    uint64_t balloon_kib = 0;
    std::vector<MemoryStat> guest_memory;
    std::vector<VcpuSample> vcpus;
    std::vector<DiskSample> disks;
    std::vector<NicSample> nics;
    StatsTarget target;
};

// `groups` is a mask of lv::kDomainStats{State,CpuTotal,Balloon,Vcpu,Interface,Block}; 0 means
// all of them. Only the queries those groups need are sent. QMP and /proc/<pid>/stat errors
// are returned (the monitor or the process is gone); a missing vCPU thread or TAP device
// only leaves that item without counters.
Result<DomainStatsSample> collectDomainStats(const QmpExec& qmp, const caps::HostSource& proc,
                                             const StatsTarget& target, unsigned groups);

// The groups this collector supports (for VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS).
unsigned supportedStatsGroups();

}  // namespace nodevirt::qemu::stats
