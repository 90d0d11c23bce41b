#include "drivers/test/test_capabilities.h"

#include <set>

#include "conf/capabilities/capabilities_xml.h"

namespace nodevirt::drivers::test {
namespace {

constexpr const char* kEmulator = "/usr/bin/test-hv";

conf::CapsNumaCell buildCell(const TestCell& cell, unsigned id, unsigned first_cpu) {
    conf::CapsNumaCell c;
    c.id = id;
    c.memory_kib = cell.memory_kib;
    // libvirt's test node gives cell N a base page size of 4 << N KiB.
    c.pages = {{4u << id, cell.memory_kib / (4u << id)}, {2048, 0}, {1048576, 0}};
    for (unsigned i = 0; i < cell.cpus; ++i) {
        conf::CapsCellCpu cpu;
        cpu.id = first_cpu + i;
        cpu.socket_id = id;
        cpu.die_id = 0;
        cpu.core_id = i;
        cpu.siblings = std::to_string(first_cpu + i);
        c.cpus.push_back(std::move(cpu));
    }
    return c;
}

}  // namespace

Result<std::string> formatTestCapabilities(const TestNode& node) {
    conf::Capabilities caps;
    conf::CapsHost& host = caps.host;
    host.cpu.arch = "i686";
    host.cpu.host_features = {"pae", "nonpae"};
    for (unsigned size : {4u, 8u, 2048u, 1048576u}) host.cpu.pages.push_back({size, std::nullopt});
    host.iommu = false;
    host.has_numa = true;
    unsigned first_cpu = 0;
    for (size_t i = 0; i < node.cells.size(); ++i) {
        host.cells.push_back(buildCell(node.cells[i], static_cast<unsigned>(i), first_cpu));
        first_cpu += node.cells[i].cpus;
    }
    host.secmodels.push_back({"testSecurity", "", {}});
    for (const char* os : {"hvm", "xen"}) {
        conf::CapsGuest& guest = conf::addCapsGuest(caps, os, "i686", 32, std::string(kEmulator));
        conf::addCapsGuestDomain(guest, "test");
        conf::addCapsGuestFeature(guest, "pae");
        conf::addCapsGuestFeature(guest, "nonpae");
    }
    return conf::formatCapabilitiesXml(caps);
}

}  // namespace nodevirt::drivers::test
