// <domainCapabilities> of the QEMU driver (virConnectGetDomainCapabilities): what one
// emulator + arch + machine + virt type combination offers, from the binary's QemuCaps and
// limited to what nodevirt's command-line builder can express.
#pragma once

#include <string>
#include <vector>

#include "conf/capabilities/domain_caps_def.h"
#include "drivers/qemu/caps_xml/guest_caps.h"
#include "util/result.h"

namespace nodevirt::qemu::caps {

// The API's arguments; an empty string means "not given" (NULL in libvirt).
struct DomainCapsRequest {
    std::string emulator;  // path; empty: the binary serving `arch`
    std::string arch;      // empty: the emulator's, else x86_64
    std::string machine;   // name or alias; empty: the binary's default
    std::string virttype;  // "qemu" or "kvm"; empty: kvm when usable, else qemu
};

// What the driver's command-line builder (command/) can express beyond the basics; an item is
// reported supported only when both the builder and the binary have it. The defaults are
// what command/ does today: flip one when the builder learns it.
struct DriverSupport {
    bool iothreads = false;            // <iothreads>
    bool firmware_loader = false;      // <os><loader>/<nvram> (rom, pflash)
    bool memory_backing = false;       // memory-backend-{file,ram,memfd}
    bool filesystem = false;           // virtio-9p / virtiofs
    bool channel = false;              // <channel> (virtio-serial ports)
    bool redirdev = false;             // USB redirection
    bool vmcoreinfo = false;           // <features><vmcoreinfo/>
    bool genid = false;                // <genid>
    bool backing_store_input = false;  // explicit <backingStore> chains
    bool backup = false;               // virDomainBackupBegin
};

// Picks the emulator from `emulators` and builds the document. Errors, as libvirt reports
// them: unknown virttype (InvalidArg), a virttype the binary cannot run such as kvm without
// KVM (InvalidArg), no emulator for the arch (ConfigUnsupported), emulator and arch that
// disagree (InvalidArg), an unknown emulator path (InvalidArg), an unknown machine (InvalidArg).
Result<conf::DomainCapabilities> buildQemuDomainCapabilities(
    const std::vector<EmulatorCaps>& emulators, const DomainCapsRequest& request,
    const DriverSupport& support = {});

Result<std::string> qemuDomainCapabilitiesXml(const std::vector<EmulatorCaps>& emulators,
                                              const DomainCapsRequest& request,
                                              const DriverSupport& support = {});

}  // namespace nodevirt::qemu::caps
