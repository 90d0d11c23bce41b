// The <capabilities> document of the QEMU driver: the host block (host_caps.h) plus one
// <guest> per QEMU binary found, built from that binary's probed QemuCaps.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conf/capabilities/capabilities_def.h"
#include "drivers/qemu/caps_xml/host_source.h"
#include "drivers/qemu/qemu_caps.h"

namespace nodevirt::qemu::caps {

// One QEMU binary and what it can do; `caps->binary` is the emulator path printed.
struct EmulatorCaps {
    std::string arch;  // libvirt's name: "x86_64", "i686"
    const QemuCaps* caps = nullptr;
};

// "qemu-system-x86_64" -> "x86_64", "qemu-system-i386" -> "i686"; nullopt for the others
// (the only guest architectures this driver knows).
std::optional<std::string> archOfEmulator(std::string_view path);

// One <guest>: os_type hvm, wordsize, emulator, machines (default first, each alias right
// after its machine with canonical=), domain qemu (+ kvm when KVM is usable), features.
conf::CapsGuest buildGuestCaps(const EmulatorCaps& emulator);

conf::Capabilities buildQemuCapabilities(conf::CapsHost host,
                                         const std::vector<EmulatorCaps>& emulators);

// Everything at once: probe the host through `src`, add the guests, format.
Result<std::string> qemuCapabilitiesXml(const HostSource& src,
                                        const std::vector<EmulatorCaps>& emulators);

}  // namespace nodevirt::qemu::caps
