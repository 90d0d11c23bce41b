// A paused QEMU with the devices whose statistics the collector reads (a raw virtio disk, a
// balloon with stats polling, a user-mode NIC, 2 vCPUs), for the real-QEMU test and for the
// recorder of the canned replies in testdata/. Test support only.
#pragma once

#include <memory>
#include <string>

#include "drivers/qemu/qmp_sync_client.h"
#include "util/child_process.h"

namespace nodevirt::qemu::stats {

struct StatsTestVm {
    std::unique_ptr<util::ChildProcess> proc;
    std::unique_ptr<SyncQmpClient> qmp;
    std::string disk_path;  // <dir>/disk.img, 16 MiB raw
};

// Alias of the disk's device (qdev id), node name of its format layer, alias of the NIC.
inline constexpr const char* kTestDiskAlias = "virtio-disk0";
inline constexpr const char* kTestDiskNode = "libvirt-1-format";
inline constexpr const char* kTestNicAlias = "net0";

// Starts it under `dir` (created by the caller; the socket, log and disk live there).
Result<StatsTestVm> startStatsTestVm(const std::string& dir);

}  // namespace nodevirt::qemu::stats
