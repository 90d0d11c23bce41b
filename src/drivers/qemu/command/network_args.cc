// Network interfaces: a -netdev back end (user-mode networking, or a TAP device the driver
// opened and passes as a descriptor for type network/bridge) and the guest NIC (-device
// virtio-net-pci / e1000 / e1000e / rtl8139) with its MAC, alias netN and PCI address.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

// libvirt's default NIC model for x86 QEMU guests.
constexpr std::string_view kDefaultModel = "rtl8139";

Result<std::string> nicDriver(const conf::InterfaceDef& n, size_t index) {
    std::string_view model = n.model ? std::string_view(*n.model) : kDefaultModel;
    if (model == "virtio") return std::string("virtio-net-pci");
    if (model == "e1000" || model == "e1000e" || model == "rtl8139") return std::string(model);
    return fail(unsupported(
        fmt::format("interface {}: NIC model '{}' is not supported (virtio, e1000, e1000e, "
                    "rtl8139)",
                    index, model)));
}

Result<std::string> netdevArg(const BuildState& s, const conf::InterfaceDef& n, size_t index,
                              const std::string& id) {
    switch (n.type) {
        case conf::NetType::kUser:
            return fmt::format("user,id={}", id);
        case conf::NetType::kNetwork:
        case conf::NetType::kBridge:
            for (const TapHandle& tap : s.ctx.taps)
                if (tap.interface_index == index) {
                    if (tap.child_fd < 0)
                        return fail(internalError(
                            fmt::format("TAP device of interface {} has no descriptor", index)));
                    return fmt::format("tap,fd={},id={}", tap.child_fd, id);
                }
            return fail(
                internalError(fmt::format("no TAP device was prepared for interface {} (type '{}')",
                                          index, conf::kNetTypes.name(n.type))));
        default:
            return fail(unsupported(fmt::format("interface {}: type '{}' is not supported", index,
                                                conf::kNetTypes.name(n.type))));
    }
}

}  // namespace

Status addNetworkArgs(BuildState& s, const BootIndexes& boot) {
    const auto& nets = s.def.devs().interfaces;
    for (size_t i = 0; i < nets.size(); ++i) {
        const conf::InterfaceDef& n = nets[i];
        std::string alias = n.info.alias.value_or(fmt::format("net{}", i));
        std::string id = "host" + alias;
        NODEVIRT_ASSIGN_OR_RETURN(std::string netdev, netdevArg(s, n, i, id));
        NODEVIRT_ASSIGN_OR_RETURN(std::string driver, nicDriver(n, i));
        if (!n.mac) return fail(internalError(fmt::format("interface {} has no MAC address", i)));
        s.add("-netdev", netdev);
        OrderedJson dev;
        dev["driver"] = driver;
        dev["netdev"] = id;
        dev["id"] = alias;
        dev["mac"] = n.mac->toString();
        // QEMU has no device property for the link state: the driver runs set_link.
        if (n.link_up && !*n.link_up) s.links_down.push_back(alias);
        if (n.mtu && driver == "virtio-net-pci") dev["host_mtu"] = *n.mtu;
        if (boot.interfaces[i]) dev["bootindex"] = boot.interfaces[i];
        addPciAddress(s, n.info, dev);
        s.addJson("-device", dev);
    }
    return ok();
}

}  // namespace nodevirt::qemu::command
