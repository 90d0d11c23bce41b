// Capability documents of a QEMU connection: virConnectGetCapabilities (the host probed once
// per driver plus one <guest> per emulator) and virConnectGetDomainCapabilities, both built by
// caps_xml/ from the emulators' cached QemuCaps, so neither ever probes QEMU again.
#include <unistd.h>

#include <fmt/format.h>

#include "driver/libvirt_constants.h"
#include "conf/capabilities/capabilities_xml.h"
#include "drivers/qemu/caps_xml/caps_xml.h"
#include "drivers/qemu/driver/qemu_facets.h"
#include "drivers/qemu/driver/qemu_host_caps.h"

namespace nodevirt::qemu {
namespace {

// The emulators the documents describe, with the QemuCaps that keep them alive. The default
// emulator always; `extra` too when it is another x86 QEMU binary that exists.
struct Emulators {
    std::vector<std::shared_ptr<const QemuCaps>> owned;
    std::vector<caps::EmulatorCaps> list;
};

Result<Emulators> emulatorsOf(QemuDriver& d, const std::string& extra = {}) {
    Emulators out;
    std::vector<std::string> paths{d.options().default_emulator};
    if (!extra.empty() && extra != paths[0] && caps::archOfEmulator(extra) &&
        ::access(extra.c_str(), X_OK) == 0) {
        paths.push_back(extra);
    }
    for (const std::string& path : paths) {
        std::optional<std::string> arch = caps::archOfEmulator(path);
        NODEVIRT_ASSIGN_OR_RETURN(auto qc, d.caps(path));
        out.owned.push_back(qc);
        out.list.push_back({arch.value_or("x86_64"), qc.get()});
    }
    return out;
}

}  // namespace

Result<conf::CapsHost> HostCapsCache::get(const caps::HostSource& src) {
    std::lock_guard lock(mu_);
    if (!host_) {
        NODEVIRT_ASSIGN_OR_RETURN(conf::CapsHost host, caps::probeHostCaps(src));
        host_ = std::move(host);
    }
    return *host_;
}

const caps::HostSource& hostSourceOr(const std::shared_ptr<const caps::HostSource>& configured) {
    static const caps::RootedHostSource kRealHost("/");
    return configured ? *configured : kRealHost;
}

Result<std::string> QemuConnect::getCapabilities() {
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(Emulators emulators, emulatorsOf(d));
    NODEVIRT_ASSIGN_OR_RETURN(conf::CapsHost host,
                              d.hostCaps().get(hostSourceOr(d.options().host_source)));
    return conf::formatCapabilitiesXml(caps::buildQemuCapabilities(std::move(host), emulators.list));
}

Result<std::string> QemuConnect::getDomainCapabilities(const std::optional<std::string>& emulator,
                                                       const std::optional<std::string>& arch,
                                                       const std::optional<std::string>& machine,
                                                       const std::optional<std::string>& virttype,
                                                       unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, 0, "qemuConnectGetDomainCapabilities"));
    caps::DomainCapsRequest req;
    req.emulator = emulator.value_or("");
    req.arch = arch.value_or("");
    req.machine = machine.value_or("");
    req.virttype = virttype.value_or("");
    NODEVIRT_ASSIGN_OR_RETURN(Emulators emulators, emulatorsOf(ctx_.driver(), req.emulator));
    return caps::qemuDomainCapabilitiesXml(emulators.list, req);
}

}  // namespace nodevirt::qemu
