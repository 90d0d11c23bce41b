// Domain capabilities from QemuCaps. Enum values are listed in libvirt's order, and only
// those nodevirt's argv builder supports and the binary has the devices for.
#include "drivers/qemu/caps_xml/domain_caps.h"

#include <fmt/format.h>

#include <algorithm>

#include "conf/capabilities/domain_caps_xml.h"
#include "util/error.h"
#include "util/strings.h"

namespace nodevirt::qemu::caps {
namespace {

using conf::DomCapsElement;
using conf::DomCapsEnum;
using conf::makeDomCapsElement;

bool isQ35(const QemuMachine& m) { return m.name.find("q35") != std::string::npos; }

// Values whose QEMU device exists, in the order given.
std::vector<std::string> withDevices(const QemuCaps& qc,
                                     const std::vector<std::pair<std::string, std::string>>& v) {
    std::vector<std::string> out;
    for (const auto& [value, device] : v) {
        if (device.empty() || qc.hasDevice(device)) out.push_back(value);
    }
    return out;
}

conf::DomCapsOs buildOs(const QemuMachine& m, const DriverSupport& support) {
    conf::DomCapsOs os;
    os.supported = true;
    // No firmware descriptors are read yet, so no firmware is offered by name.
    os.enums.push_back({"firmware", {}});
    conf::DomCapsLoader loader;
    loader.supported = support.firmware_loader;
    if (loader.supported) {
        loader.enums.push_back({"type", {"rom", "pflash"}});
        loader.enums.push_back({"readonly", {"yes", "no"}});
        // Secure boot needs SMM, which only q35 has.
        loader.enums.push_back({"secure", isQ35(m) ? std::vector<std::string>{"yes", "no"}
                                                   : std::vector<std::string>{"no"}});
    }
    os.loader = std::move(loader);
    return os;
}

bool isVersionedModel(const std::string& name) {
    size_t dash = name.rfind("-v");
    return dash != std::string::npos && dash + 2 < name.size() &&
           str::parseUint(std::string_view(name).substr(dash + 2)).has_value();
}

// The CPU vendor a model imitates (libvirt's schema requires the attribute): AMD and Hygon
// families by name, the generic models "unknown", the remaining named families Intel.
std::string modelVendor(const std::string& name) {
    for (std::string_view amd : {"EPYC", "Opteron_", "athlon", "phenom"}) {
        if (str::startsWith(name, amd)) return "AMD";
    }
    if (str::startsWith(name, "Dhyana")) return "Hygon";
    for (std::string_view generic : {"486", "kvm", "pentium", "qemu"}) {
        if (str::startsWith(name, generic)) return "unknown";
    }
    return "Intel";
}

conf::DomCapsCpu buildCpu(const QemuCaps& qc, bool kvm) {
    conf::DomCapsCpu cpu;
    cpu.host_passthrough = makeDomCapsElement("host-passthrough", kvm);
    if (qc.findCpuModel("max")) {
        cpu.maximum = makeDomCapsElement("maximum", true, {{"maximumMigratable", {"on", "off"}}});
    }
    // Expanding the host CPU into a named model needs KVM's view of CPUID.
    cpu.host_model.supported = kvm;
    cpu.custom_supported = true;
    for (const QemuCpuModel& m : qc.cpu_models) {
        // "host" needs KVM and "max"/"base" are modes, not models; versioned names
        // ("EPYC-v2") are reached through their unversioned alias.
        if (m.name == "host" || m.name == "max" || m.name == "base" || isVersionedModel(m.name)) {
            continue;
        }
        conf::DomCapsCpuModel out;
        out.name = m.name;
        out.usable = m.unavailable_features.empty() ? "yes" : "no";
        out.vendor = modelVendor(m.name);
        cpu.custom_models.push_back(std::move(out));
    }
    // libvirt lists models by name, descending.
    std::sort(cpu.custom_models.begin(), cpu.custom_models.end(),
              [](const conf::DomCapsCpuModel& a, const conf::DomCapsCpuModel& b) {
                  return a.name > b.name;
              });
    return cpu;
}

// What command/ turns into arguments; keep in step with it.
std::vector<DomCapsElement> buildDevices(const QemuCaps& qc, const QemuMachine& m,
                                         const DriverSupport& support) {
    std::vector<DomCapsElement> devs;
    // q35 has SATA (ich9-ahci) and no IDE; the i440fx board is the other way round.
    std::vector<std::string> buses =
        withDevices(qc, {{"scsi", "virtio-scsi-pci"}, {"virtio", "virtio-blk-pci"}});
    buses.push_back(isQ35(m) ? "sata" : "ide");
    devs.push_back(
        makeDomCapsElement("disk", true,
                           {{"diskDevice", {"disk", "cdrom"}},
                            {"bus", buses},
                            {"model", withDevices(qc, {{"virtio", "virtio-blk-pci"}})}}));
    devs.push_back(makeDomCapsElement("graphics", true, {{"type", {"vnc"}}}));
    devs.push_back(
        makeDomCapsElement("video", true,
                           {{"modelType", withDevices(qc, {{"vga", "VGA"},
                                                           {"cirrus", "cirrus-vga"},
                                                           {"vmvga", "vmware-svga"},
                                                           {"qxl", "qxl-vga"},
                                                           {"virtio", "virtio-vga"},
                                                           {"none", ""},
                                                           {"bochs", "bochs-display"}})}}));
    devs.push_back(makeDomCapsElement("hostdev", false));
    devs.push_back(
        makeDomCapsElement("rng", qc.hasDevice("virtio-rng-pci"),
                           {{"model", {"virtio"}}, {"backendModel", {"random", "builtin"}}}));
    devs.push_back(makeDomCapsElement(
        "filesystem",
        support.filesystem && (qc.hasDevice("virtio-9p-pci") || qc.hasDevice("vhost-user-fs-pci")),
        {{"driverType", withDevices(qc, {{"path", "virtio-9p-pci"},
                                         {"handle", "virtio-9p-pci"},
                                         {"virtiofs", "vhost-user-fs-pci"}})}}));
    devs.push_back(makeDomCapsElement("tpm", false));
    devs.push_back(makeDomCapsElement("redirdev", support.redirdev && qc.hasDevice("usb-redir"),
                                      {{"bus", {"usb"}}}));
    devs.push_back(makeDomCapsElement("channel", support.channel, {{"type", {"pty", "unix"}}}));
    return devs;
}

std::vector<conf::DomCapsFeature> buildFeatures(const QemuCaps& qc, const DriverSupport& support) {
    auto feature = [](const char* name, bool supported) {
        return conf::DomCapsFeature{makeDomCapsElement(name, supported), {}, {}};
    };
    return {
        feature("gic", false),  // an ARM interrupt controller
        feature("vmcoreinfo", support.vmcoreinfo && qc.hasDevice("vmcoreinfo")),
        feature("genid", support.genid && qc.hasDevice("vmgenid")),
        feature("backingStoreInput", support.backing_store_input && qc.hasCommand("blockdev-add")),
        feature("backup", support.backup && qc.hasCommand("blockdev-backup")),
        feature("sev", false),
        feature("sgx", false),
        feature("hyperv", false),  // the argv builder sets no Hyper-V enlightenments
    };
}

Result<std::string> resolveVirtType(const std::vector<EmulatorCaps>& emulators,
                                    const std::string& requested) {
    if (!requested.empty()) {
        static const std::vector<std::string> kKnown = {
            "none", "qemu",   "kqemu",  "kvm",  "xen",  "lxc",       "uml",   "openvz",
            "test", "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz"};
        if (std::find(kKnown.begin(), kKnown.end(), requested) == kKnown.end()) {
            return fail(
                invalidArg(fmt::format("unknown virttype: {}", requested), ErrorDomain::kQemu));
        }
        return requested;
    }
    bool kvm = std::any_of(emulators.begin(), emulators.end(),
                           [](const EmulatorCaps& e) { return e.caps && e.caps->kvmUsable(); });
    return std::string(kvm ? "kvm" : "qemu");
}

Result<const EmulatorCaps*> pickEmulator(const std::vector<EmulatorCaps>& emulators,
                                         const DomainCapsRequest& req) {
    if (!req.emulator.empty()) {
        for (const EmulatorCaps& e : emulators) {
            if (!e.caps || e.caps->binary != req.emulator) continue;
            if (!req.arch.empty() && req.arch != e.arch) {
                return fail(
                    invalidArg(fmt::format("architecture from emulator '{}' doesn't match given "
                                           "architecture '{}'",
                                           e.arch, req.arch),
                               ErrorDomain::kQemu));
            }
            return &e;
        }
        return fail(
            invalidArg(fmt::format("emulator '{}' is not a known QEMU binary", req.emulator),
                       ErrorDomain::kQemu));
    }
    std::string arch = req.arch.empty() ? "x86_64" : req.arch;
    for (const EmulatorCaps& e : emulators) {
        if (e.caps && e.arch == arch) return &e;
    }
    return fail(configUnsupported(
        fmt::format("unable to find any emulator to serve '{}' architecture", arch),
        ErrorDomain::kQemu));
}

}  // namespace

Result<conf::DomainCapabilities> buildQemuDomainCapabilities(
    const std::vector<EmulatorCaps>& emulators, const DomainCapsRequest& req,
    const DriverSupport& support) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string virttype, resolveVirtType(emulators, req.virttype));
    NODEVIRT_ASSIGN_OR_RETURN(const EmulatorCaps* emu, pickEmulator(emulators, req));
    const QemuCaps& qc = *emu->caps;
    bool kvm = virttype == "kvm";
    if (virttype != "qemu" && !(kvm && qc.kvmUsable())) {
        return fail(invalidArg(fmt::format("the accel '{}' is not supported by '{}' on this host",
                                           virttype, qc.binary),
                               ErrorDomain::kQemu));
    }
    const QemuMachine* machine =
        req.machine.empty() ? qc.defaultMachine() : qc.findMachine(req.machine);
    if (!machine) {
        return fail(invalidArg(
            req.machine.empty() ? fmt::format("emulator '{}' has no default machine", qc.binary)
                                : fmt::format("the machine '{}' is not supported by emulator '{}'",
                                              req.machine, qc.binary),
            ErrorDomain::kQemu));
    }
    conf::DomainCapabilities dc;
    dc.path = qc.binary;
    dc.domain = virttype;
    dc.machine = machine->name;
    dc.arch = emu->arch;
    if (machine->max_cpus > 0) dc.max_vcpus = static_cast<unsigned>(machine->max_cpus);
    dc.iothreads = support.iothreads && qc.hasCommand("query-iothreads");
    dc.os = buildOs(*machine, support);
    dc.cpu = buildCpu(qc, kvm);
    dc.memory_backing = makeDomCapsElement("memoryBacking", support.memory_backing,
                                           {{"sourceType", {"file", "anonymous", "memfd"}}});
    dc.devices = buildDevices(qc, *machine, support);
    dc.features = buildFeatures(qc, support);
    return dc;
}

Result<std::string> qemuDomainCapabilitiesXml(const std::vector<EmulatorCaps>& emulators,
                                              const DomainCapsRequest& request,
                                              const DriverSupport& support) {
    NODEVIRT_ASSIGN_OR_RETURN(conf::DomainCapabilities dc,
                              buildQemuDomainCapabilities(emulators, request, support));
    return conf::formatDomainCapabilitiesXml(dc);
}

}  // namespace nodevirt::qemu::caps
