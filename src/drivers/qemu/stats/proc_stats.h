// Statistics the kernel keeps for a QEMU process: CPU time of the process and of each vCPU
// thread (/proc/<pid>/stat, /proc/<pid>/task/<tid>/stat and schedstat), resident memory, and
// the counters of a TAP device (/proc/net/dev). Read through caps::HostSource so tests can use
// fixture trees.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "driver/types.h"
#include "drivers/qemu/caps_xml/host_source.h"
#include "util/result.h"

namespace nodevirt::qemu::stats {

struct ProcCpu {
    uint64_t user_ns = 0;
    uint64_t system_ns = 0;
    uint64_t rss_pages = 0;
    int processor = -1;  // the CPU it last ran on
};

// One /proc/.../stat line; `ticks_per_sec` is sysconf(_SC_CLK_TCK).
Result<ProcCpu> parseProcStat(std::string_view text, long ticks_per_sec);
// /proc/<pid>/stat, or /proc/<pid>/task/<tid>/stat when tid > 0.
Result<ProcCpu> readProcCpu(const caps::HostSource& src, pid_t pid, pid_t tid, long ticks_per_sec);
// Time spent runnable but waiting for a host CPU (steal time for the guest): the second field
// of schedstat, in ns.
Result<uint64_t> readRunDelay(const caps::HostSource& src, pid_t pid, pid_t tid);
// Total time spent waiting ("wait_sum" of /proc/.../sched, ms with decimals) in ns; absent
// when the kernel keeps no scheduler statistics (CONFIG_SCHEDSTATS off, as on this machine).
std::optional<uint64_t> parseSchedWaitSum(std::string_view sched);

// The counters of `ifname` in /proc/net/dev. For a TAP device the host receives what the
// guest sends, so `guest_view` swaps rx and tx (what libvirt reports for TAP NICs).
Result<InterfaceStats> parseNetDev(std::string_view text, std::string_view ifname, bool guest_view);

}  // namespace nodevirt::qemu::stats
