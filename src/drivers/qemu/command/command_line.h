// From a domain definition to the argument vector of one QEMU process. A pure function of its
// inputs (definition, probed capabilities, the launch context the driver prepared): no files
// are opened and nothing is spawned here, so every case is a golden test (tests/golden/qemu_argv).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace nodevirt::conf {
struct DomainDef;
}

namespace nodevirt::qemu {

struct QemuCaps;

// A TAP device the driver opened for one <interface> (type network or bridge) before the
// command line is built; QEMU receives it as descriptor `child_fd`.
struct TapHandle {
    size_t interface_index = 0;  // index into DomainDef::devs().interfaces
    std::string ifname;          // "vnet0": what the live XML reports as <target dev=>
    int child_fd = -1;
};

// Everything about the launch that is not in the definition.
struct LaunchContext {
    const QemuCaps* caps = nullptr;  // of `binary`
    std::string binary;              // emulator path (DomainDef <emulator> or the default)
    bool kvm_usable = false;         // /dev/kvm opens read-write and the caps say KVM works
    int monitor_fd = 3;              // the listening QMP socket, already bound, in the child
    std::string domain_run_dir;      // per-domain directory for chardev sockets and the like
    std::string pid_file;            // -pidfile
    std::vector<TapHandle> taps;
    bool start_paused = true;  // -S: the driver continues after its setup
    std::string incoming;      // non-empty: -incoming URI (restore, migration)
};

struct CommandLine {
    std::vector<std::string> argv;                         // argv[0] is the binary
    std::vector<std::pair<std::string, std::string>> env;  // the whole environment of QEMU
    // NIC ids (aliases) whose <link state='down'/> QEMU cannot take from the command line:
    // the driver sends {"execute":"set_link","arguments":{"name":ID,"up":false}} before cont.
    std::vector<std::string> links_down;
};

// Errors name what was wrong ("unsupported configuration: domain type 'kvm' requires KVM, which
// is not usable on this host", "unsupported configuration: disk bus 'xen' is not supported by
// QEMU", ...). `def` must already be the live definition (see prepareLiveDefinition).
Result<CommandLine> buildCommandLine(const conf::DomainDef& def, const LaunchContext& ctx);

// Completes a copy of the persistent definition into the live one before start: canonical
// machine name ("q35" -> "pc-q35-7.2"), default devices QEMU adds (the implicit PCI root,
// USB/IDE/SATA controllers that the machine brings), aliases and missing PCI/drive addresses,
// as `virsh dumpxml` of a running domain shows them.
Status prepareLiveDefinition(conf::DomainDef& def, const LaunchContext& ctx);

}  // namespace nodevirt::qemu
