// Internal to the command-line builder: the state one build shares across the per-device-class
// files (machine_args.cc, disk_args.cc, network_args.cc, …), and the small helpers they use to
// spell QEMU options (keyval escaping, JSON -device/-blockdev values, PCI bus names).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "conf/domain/domain_def.h"
#include "drivers/qemu/command/command_line.h"
#include "drivers/qemu/qemu_caps.h"
#include "util/error.h"
#include "util/result.h"

namespace nodevirt::qemu::command {

// Insertion-ordered JSON, so that -device/-blockdev values read in the order libvirt writes
// them (driver first, then the rest).
using OrderedJson = nlohmann::ordered_json;

struct BuildState {
    const conf::DomainDef& def;
    const LaunchContext& ctx;
    bool q35 = false;  // the machine is a Q35 (PCIe) one
    std::vector<std::string>& argv;
    std::vector<std::string>& links_down;

    void add(std::string arg) { argv.push_back(std::move(arg)); }
    void add(std::string_view flag, std::string value) {
        argv.emplace_back(flag);
        argv.push_back(std::move(value));
    }
    void addJson(std::string_view flag, const OrderedJson& value) { add(flag, value.dump()); }
};

// A value inside a comma separated QEMU option list: commas are doubled.
std::string escapeKeyval(std::string_view value);

// "unsupported configuration: <detail>" in the QEMU error domain.
inline Error unsupported(std::string_view detail) {
    return configUnsupported(detail, ErrorDomain::kQemu);
}

// The QEMU bus id of a guest PCI bus ("pci.0" / "pcie.0" for the root, "pci.N" for a bus a
// controller with index N provides) and the "addr" property ("0x3", "0x1.0x2").
std::string pciBusName(const BuildState& s, uint32_t bus);
std::string pciAddrValue(const conf::PciAddress& a);
// Adds bus/addr (and multifunction) for a device placed on PCI; a device without a PCI
// address gets nothing (prepareLiveDefinition assigns one to every PCI device first).
void addPciAddress(const BuildState& s, const conf::DeviceInfo& info, OrderedJson& dev);

// Boot order: bootindex of each device, from <boot order> or the <os><boot dev> list.
struct BootIndexes {
    std::vector<uint32_t> disks;       // parallel to devs().disks; 0 = none
    std::vector<uint32_t> interfaces;  // parallel to devs().interfaces
};
BootIndexes computeBootIndexes(const conf::DomainDef& def);

// One function per device class; each appends its options in libvirt's order.
Status addMachineArgs(BuildState& s);  // -name … -boot, kernel, rtc, monitor
Status addControllerArgs(BuildState& s);
Status addDiskArgs(BuildState& s, const BootIndexes& boot);
// One disk (node-name prefix `node`, empty for no medium); also what hot-plug sends.
Status addOneDisk(BuildState& s, const conf::DiskDef& d, const std::string& node, uint32_t bootindex);
Status addNetworkArgs(BuildState& s, const BootIndexes& boot);
Status addChardevArgs(BuildState& s);  // serials, consoles
Status addDisplayArgs(BuildState& s);  // graphics, video, input
Status addMiscArgs(BuildState& s);     // memballoon, rng, watchdog

// prepareLiveDefinition's steps.
Status addDefaultDevices(conf::DomainDef& def, const LaunchContext& ctx, bool q35);
void assignAliases(conf::DomainDef& def);
Status assignPciAddresses(conf::DomainDef& def, bool q35);
// Whether the machine name (canonical or alias) is a Q35 one.
bool isQ35Machine(std::string_view machine);

}  // namespace nodevirt::qemu::command
