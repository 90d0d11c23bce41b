// Parsers of the QMP replies behind domain statistics: query-status, query-cpus-fast,
// query-balloon, qom-get guest-stats, query-blockstats joined with query-block. Each takes
// the reply's "return" value and names what was malformed in its error.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "driver/types.h"
#include "drivers/qemu/qmp_client.h"
#include "util/result.h"

namespace nodevirt::qemu::stats {

struct RunStatus {
    std::string status;  // QEMU's RunState, "running", "paused", "prelaunch", ...
    bool running = false;
    DomainState state = DomainState::kNoState;
    int reason = 0;  // libvirt's reason for `state`
};

struct VcpuThread {
    unsigned index = 0;  // cpu-index
    pid_t thread_id = 0;
};

struct BlockDevStats {
    std::string device;     // legacy drive name; empty with -blockdev
    std::string qdev;       // "/machine/peripheral/virtio-disk0/virtio-backend"
    std::string node_name;  // top node ("libvirt-1-format")
    uint64_t rd_reqs = 0, rd_bytes = 0, rd_times_ns = 0;
    uint64_t wr_reqs = 0, wr_bytes = 0, wr_times_ns = 0;
    uint64_t fl_reqs = 0, fl_times_ns = 0;
    uint64_t wr_highest_offset = 0;
    // From query-block, when the entry has a medium.
    std::string file;
    std::optional<uint64_t> capacity;  // virtual-size
    std::optional<uint64_t> physical;  // actual-size
};

// QEMU's run state -> libvirt's state and reason (what a daemon without its own record of
// the cause can say, e.g. after re-attaching).
Result<RunStatus> parseQueryStatus(const Json& reply);
Result<std::vector<VcpuThread>> parseQueryCpusFast(const Json& reply);
// The balloon's current size in KiB ("actual" is in bytes).
Result<uint64_t> parseQueryBalloon(const Json& reply);
// guest-stats -> libvirt memory stats in libvirt's order and units (KiB for sizes); values
// the guest has not reported (all ones) are left out; last-update always comes.
Result<std::vector<MemoryStat>> parseGuestStats(const Json& reply);
Result<std::vector<BlockDevStats>> parseBlockStats(const Json& blockstats, const Json& block);

// The entry of a device alias ("virtio-disk0"): by qdev path, else by node name, else by
// legacy device name. Null if none.
const BlockDevStats* findBlockDev(const std::vector<BlockDevStats>& all, const std::string& alias,
                                  const std::string& node_name);

}  // namespace nodevirt::qemu::stats
