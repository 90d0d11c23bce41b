// Guest blocks of <capabilities> from probed QEMU binaries.
#include "drivers/qemu/caps_xml/guest_caps.h"

#include "conf/capabilities/capabilities_xml.h"
#include "drivers/qemu/caps_xml/host_caps.h"
#include "util/strings.h"

namespace nodevirt::qemu::caps {
namespace {

conf::CapsMachine capsMachine(const QemuMachine& m, std::string name,
                              std::optional<std::string> canonical) {
    conf::CapsMachine out;
    out.name = std::move(name);
    out.canonical = std::move(canonical);
    if (m.max_cpus > 0) out.max_cpus = static_cast<unsigned>(m.max_cpus);
    out.deprecated = m.deprecated;
    return out;
}

}  // namespace

std::optional<std::string> archOfEmulator(std::string_view path) {
    std::string_view base =
        path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
    if (base == "qemu-system-x86_64") return "x86_64";
    if (base == "qemu-system-i386") return "i686";
    return std::nullopt;
}

conf::CapsGuest buildGuestCaps(const EmulatorCaps& emulator) {
    const QemuCaps& qc = *emulator.caps;
    conf::CapsGuest g;
    g.os_type = "hvm";
    g.arch = emulator.arch;
    g.wordsize = emulator.arch == "x86_64" ? 64 : 32;
    g.emulator = qc.binary;
    // The default machine leads, as libvirt prints it; the others keep QEMU's order.
    std::vector<const QemuMachine*> order;
    if (const QemuMachine* def = qc.defaultMachine()) order.push_back(def);
    // "none" (no board at all, used for probing) is not a machine a guest can run on.
    for (const QemuMachine& m : qc.machines) {
        if (!m.is_default && m.name != "none") order.push_back(&m);
    }
    for (const QemuMachine* m : order) {
        g.machines.push_back(capsMachine(*m, m->name, std::nullopt));
        if (!m->alias.empty()) g.machines.push_back(capsMachine(*m, m->alias, m->name));
    }
    conf::addCapsGuestDomain(g, "qemu");
    if (qc.kvmUsable()) conf::addCapsGuestDomain(g, "kvm");
    if (g.wordsize == 32) {
        conf::addCapsGuestFeature(g, "pae");
        conf::addCapsGuestFeature(g, "nonpae");
    }
    conf::addCapsGuestFeature(g, "acpi", true, true);
    conf::addCapsGuestFeature(g, "apic", true, false);
    conf::addCapsGuestFeature(g, "cpuselection");
    conf::addCapsGuestFeature(g, "deviceboot");
    conf::addCapsGuestFeature(g, "disksnapshot", true, false);
    return g;
}

conf::Capabilities buildQemuCapabilities(conf::CapsHost host,
                                         const std::vector<EmulatorCaps>& emulators) {
    conf::Capabilities caps;
    caps.host = std::move(host);
    for (const EmulatorCaps& e : emulators) {
        if (e.caps) caps.guests.push_back(buildGuestCaps(e));
    }
    return caps;
}

Result<std::string> qemuCapabilitiesXml(const HostSource& src,
                                        const std::vector<EmulatorCaps>& emulators) {
    NODEVIRT_ASSIGN_OR_RETURN(conf::CapsHost host, probeHostCaps(src));
    return conf::formatCapabilitiesXml(buildQemuCapabilities(std::move(host), emulators));
}

}  // namespace nodevirt::qemu::caps
