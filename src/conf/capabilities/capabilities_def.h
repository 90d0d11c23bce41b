// The <capabilities> document as a value type: what the host is (CPU, NUMA topology,
// caches, security models) and which guests it can run (OS type, architecture, emulator,
// machine types, domain types, guest features). Drivers build it; clients read it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/uuid.h"

namespace nodevirt::conf {

struct CapsPages {
    unsigned size_kib = 0;
    std::optional<uint64_t> count;  // per-cell counts; host <cpu> lists sizes only
};

struct CapsHostCpu {
    std::string arch;
    // Old-style host feature flags, printed as <features><pae/>...</features> after <arch>.
    std::vector<std::string> host_features;
    std::optional<std::string> model;
    std::optional<std::string> vendor;
    std::optional<unsigned> microcode;
    std::optional<unsigned> sig_family, sig_model, sig_stepping;
    std::optional<uint64_t> tsc_frequency;  // <counter name='tsc'>
    std::optional<bool> tsc_scaling;
    std::optional<unsigned> sockets, dies, cores, threads;
    std::optional<std::string> maxphysaddr_mode;
    std::optional<unsigned> maxphysaddr_bits;
    std::vector<std::string> features;
    std::vector<CapsPages> pages;
};

struct CapsCellCpu {
    unsigned id = 0;
    // Topology is printed only when known (libvirt prints all four or none).
    std::optional<unsigned> socket_id, die_id, core_id;
    std::string siblings;  // cpuset text, e.g. "0-1,4"
};

struct CapsCellDistance {
    unsigned id = 0;
    unsigned value = 0;
};

struct CapsNumaCell {
    unsigned id = 0;
    uint64_t memory_kib = 0;
    std::vector<CapsPages> pages;
    std::vector<CapsCellDistance> distances;
    std::vector<CapsCellCpu> cpus;
};

struct CapsCacheControl {
    uint64_t granularity = 0;
    std::optional<uint64_t> min;
    std::string unit;
    std::string type;
    unsigned max_allocs = 0;
};

struct CapsCacheBank {
    unsigned id = 0, level = 0;
    std::string type;  // both, code, data
    uint64_t size = 0;
    std::string unit;
    std::string cpus;
    std::vector<CapsCacheControl> controls;
};

struct CapsMonitor {
    unsigned level = 0;  // cache monitors only
    std::optional<uint64_t> reuse_threshold;
    unsigned max_monitors = 0;
    std::vector<std::string> features;
};

struct CapsMemoryBandwidthNode {
    unsigned id = 0;
    std::string cpus;
    std::optional<unsigned> granularity, min, max_allocs;
};

struct CapsSecModel {
    std::string model;
    std::string doi;
    std::vector<std::pair<std::string, std::string>> base_labels;  // type, label
};

struct CapsHost {
    std::optional<Uuid> uuid;
    CapsHostCpu cpu;
    bool suspend_mem = false, suspend_disk = false, suspend_hybrid = false;
    std::optional<bool> iommu;
    bool migration_live = false;
    std::vector<std::string> migration_uri_transports;
    bool has_migration_features = false;
    std::optional<std::string> netprefix;
    bool has_numa = false;  // <topology> printed (even with no cells)
    std::vector<CapsNumaCell> cells;
    std::vector<CapsCacheBank> cache_banks;
    std::optional<CapsMonitor> cache_monitor;
    std::vector<CapsMemoryBandwidthNode> memory_bandwidth;
    std::optional<CapsMonitor> memory_bandwidth_monitor;
    std::vector<CapsSecModel> secmodels;
};

struct CapsMachine {
    std::string name;
    std::optional<std::string> canonical;
    std::optional<unsigned> max_cpus;
    bool deprecated = false;
};

struct CapsGuestDomain {
    std::string type;  // qemu, kvm, test, ...
    std::optional<std::string> emulator;
    std::vector<CapsMachine> machines;
};

struct CapsGuestFeature {
    std::string name;
    std::optional<bool> default_on;  // default='on|off'
    std::optional<bool> toggle;      // toggle='yes|no'
};

struct CapsGuest {
    std::string os_type;
    std::string arch;
    unsigned wordsize = 0;
    std::optional<std::string> emulator;
    std::optional<std::string> loader;
    std::vector<CapsMachine> machines;
    std::vector<CapsGuestDomain> domains;
    std::vector<CapsGuestFeature> features;
};

struct Capabilities {
    CapsHost host;
    std::vector<CapsGuest> guests;
};

// Builder helpers for drivers.
CapsGuest& addCapsGuest(Capabilities& caps, std::string os_type, std::string arch,
                        unsigned wordsize, std::optional<std::string> emulator);
CapsGuestDomain& addCapsGuestDomain(CapsGuest& guest, std::string type);
void addCapsGuestFeature(CapsGuest& guest, std::string name,
                         std::optional<bool> default_on = std::nullopt,
                         std::optional<bool> toggle = std::nullopt);
// "0-3,6,8-9" for the set {0,1,2,3,6,8,9} (libvirt's cpuset text).
std::string formatCpuSet(const std::set<unsigned>& cpus);

}  // namespace nodevirt::conf
