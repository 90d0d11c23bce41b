// Probing a QEMU binary: start it with no machine (`-machine none -S`), hand it a listening
// monitor socket, ask everything QemuCaps holds over QMP, then quit. The process goes
// through a ProcessRunner so tests can count or fake the spawn.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "drivers/qemu/qemu_caps.h"
#include "util/process_runner.h"

namespace nodevirt::qemu {

struct ProbeOptions {
    std::string binary;                        // path of the QEMU binary
    std::string scratch_dir;                   // where the probe's monitor socket and log live
    bool use_kvm = false;                      // probe with -accel kvm (else tcg)
    std::chrono::milliseconds timeout{30000};  // the whole probe
};

// True if /dev/kvm can be opened read-write by this process.
bool hostKvmUsable();

// The argument vector of a probe whose monitor socket is passed as `monitor_fd`.
std::vector<std::string> probeArgv(const ProbeOptions& options, int monitor_fd);

Result<QemuCaps> probeQemuCaps(util::ProcessRunner& runner, const ProbeOptions& options);

}  // namespace nodevirt::qemu
