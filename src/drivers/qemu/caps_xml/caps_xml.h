// The QEMU driver's capability documents, one include for the driver:
//   qemuCapabilitiesXml(RootedHostSource("/"), emulators)   -> virConnectGetCapabilities
//   qemuDomainCapabilitiesXml(emulators, DomainCapsRequest) -> virConnectGetDomainCapabilities
// where `emulators` pairs each found QEMU binary (archOfEmulator) with its cached QemuCaps.
#pragma once

#include "drivers/qemu/caps_xml/domain_caps.h"
#include "drivers/qemu/caps_xml/guest_caps.h"
#include "drivers/qemu/caps_xml/host_caps.h"
#include "drivers/qemu/caps_xml/host_source.h"
