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

// Picks the emulator from `emulators` and builds the document. Errors, as libvirt reports
// them: unknown virttype (InvalidArg), a virttype the binary cannot run such as kvm without
// KVM (InvalidArg), no emulator for the arch (ConfigUnsupported), emulator and arch that
// disagree (InvalidArg), an unknown emulator path (InvalidArg), an unknown machine (InvalidArg).
Result<conf::DomainCapabilities> buildQemuDomainCapabilities(
    const std::vector<EmulatorCaps>& emulators, const DomainCapsRequest& request);

Result<std::string> qemuDomainCapabilitiesXml(const std::vector<EmulatorCaps>& emulators,
                                              const DomainCapsRequest& request);

}  // namespace nodevirt::qemu::caps
