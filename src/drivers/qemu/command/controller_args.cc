// Controllers: PCIe root ports and the PCIe-to-PCI bridge (q35), USB, SCSI (virtio-scsi),
// SATA beyond the ICH9's own, virtio-serial. The machine's built-in PCI root, PIIX3 IDE and
// ICH9 SATA need no option; anything else is refused by name.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

using conf::ControllerDef;
using conf::ControllerType;

std::string alias(const ControllerDef& c) { return c.info.alias.value_or(""); }

Status addPciController(BuildState& s, const ControllerDef& c) {
    std::string model = c.model.value_or("");
    if (c.index == 0) return ok();  // pci-root / pcie-root: the machine's own
    OrderedJson dev;
    if (model == "pcie-root-port") {
        dev["driver"] = "pcie-root-port";
        if (c.target && c.target->port) dev["port"] = *c.target->port;
        dev["chassis"] =
            c.target && c.target->chassis ? *c.target->chassis : static_cast<uint32_t>(c.index);
    } else if (model == "pcie-to-pci-bridge") {
        dev["driver"] = "pcie-pci-bridge";
    } else if (model == "pci-bridge") {
        dev["driver"] = "pci-bridge";
        dev["chassis_nr"] = c.target && c.target->chassis_nr ? *c.target->chassis_nr
                                                             : static_cast<uint32_t>(c.index);
    } else {
        return fail(unsupported(fmt::format("PCI controller model '{}' is not supported", model)));
    }
    dev["id"] = alias(c);
    addPciAddress(s, c.info, dev);
    s.addJson("-device", dev);
    return ok();
}

Status addUsbController(BuildState& s, const ControllerDef& c) {
    std::string model = c.model.value_or("");
    if (model == "none") return ok();
    OrderedJson dev;
    if (model == "piix3-uhci")
        dev["driver"] = "piix3-usb-uhci";
    else if (model == "qemu-xhci")
        dev["driver"] = "qemu-xhci";
    else if (model == "nec-xhci")
        dev["driver"] = "nec-usb-xhci";
    else
        return fail(unsupported(fmt::format("USB controller model '{}' is not supported", model)));
    if (c.ports && model != "piix3-uhci") {
        dev["p2"] = *c.ports;
        dev["p3"] = *c.ports;
    }
    dev["id"] = alias(c);
    addPciAddress(s, c.info, dev);
    s.addJson("-device", dev);
    return ok();
}

Status addOneController(BuildState& s, const ControllerDef& c) {
    OrderedJson dev;
    switch (c.type) {
        case ControllerType::kPci:
            return addPciController(s, c);
        case ControllerType::kUsb:
            return addUsbController(s, c);
        case ControllerType::kIde:
            if (s.q35)
                return fail(
                    unsupported("IDE controllers are not supported by the q35 machine "
                                "type (use bus='sata')"));
            if (c.index != 0)
                return fail(unsupported("only the machine's own IDE controller is supported"));
            return ok();
        case ControllerType::kSata:
            if (!s.q35) return fail(unsupported("SATA controllers need the q35 machine type"));
            if (c.index == 0) return ok();
            dev["driver"] = "ich9-ahci";
            break;
        case ControllerType::kScsi: {
            std::string model = c.model.value_or("virtio-scsi");
            if (model != "virtio-scsi")
                return fail(unsupported(fmt::format(
                    "SCSI controller model '{}' is not supported (use virtio-scsi)", model)));
            dev["driver"] = "virtio-scsi-pci";
            break;
        }
        case ControllerType::kVirtioSerial:
            dev["driver"] = "virtio-serial-pci";
            if (c.ports) dev["max_ports"] = *c.ports;
            break;
        default:
            return fail(unsupported(fmt::format("controller type '{}' is not supported",
                                                conf::kControllerTypes.name(c.type))));
    }
    dev["id"] = alias(c);
    addPciAddress(s, c.info, dev);
    s.addJson("-device", dev);
    return ok();
}

}  // namespace

Status addControllerArgs(BuildState& s) {
    // PCI buses first (a device names its bus, which must exist), then USB, then the others:
    // libvirt's order.
    for (const auto& c : s.def.devs().controllers)
        if (c.type == ControllerType::kPci) NODEVIRT_TRY(addOneController(s, c));
    for (const auto& c : s.def.devs().controllers)
        if (c.type == ControllerType::kUsb) NODEVIRT_TRY(addOneController(s, c));
    for (const auto& c : s.def.devs().controllers)
        if (c.type != ControllerType::kPci && c.type != ControllerType::kUsb)
            NODEVIRT_TRY(addOneController(s, c));
    return ok();
}

}  // namespace nodevirt::qemu::command
