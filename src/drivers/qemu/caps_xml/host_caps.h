// The <host> part of the QEMU driver's <capabilities>: CPU (arch, vendor, signature,
// topology, features), NUMA cells with memory, pages and CPUs, power management, IOMMU,
// migration transports and security models, all read through a HostSource.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "conf/capabilities/capabilities_def.h"
#include "drivers/qemu/caps_xml/host_source.h"
#include "util/result.h"

namespace nodevirt::qemu::caps {

// The generic model named in <cpu><model> when the host has all of its features; libvirt
// picks the closest model from its own CPU map, which nodevirt does not carry.
inline constexpr std::string_view kHostBaselineModel = "kvm64";

// Reads everything the host block needs. Missing optional files (hugepages, power state,
// IOMMU groups, NUMA nodes) are not errors; an unreadable /proc/cpuinfo is.
Result<conf::CapsHost> probeHostCaps(const HostSource& src);

// "0-2,5" -> {0,1,2,5}; an error names the bad text. At most 65536 CPUs.
Result<std::set<unsigned>> parseCpuList(std::string_view text);

}  // namespace nodevirt::qemu::caps
