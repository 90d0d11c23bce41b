#include "conf/domain/controller.h"

#include <fmt/format.h>

#include <algorithm>

namespace nodevirt::conf {
namespace {

// Model spellings libvirt accepts per controller type.
constexpr std::string_view kScsiModels[] = {
    "auto",     "buslogic",    "lsilogic",   "lsisas1068",          "vmpvscsi",
    "ibmvscsi", "virtio-scsi", "lsisas1078", "virtio-transitional", "virtio-non-transitional",
    "ncr53c90", "am53c974",    "dc390"};
constexpr std::string_view kUsbModels[] = {
    "piix3-uhci", "piix4-uhci", "ehci",           "ich9-ehci1", "ich9-uhci1",
    "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci",   "nec-xhci",
    "qusb1",      "qusb2",      "qemu-xhci",      "none"};
constexpr std::string_view kPciModels[] = {"pci-root",
                                           "pcie-root",
                                           "pci-bridge",
                                           "dmi-to-pci-bridge",
                                           "pcie-root-port",
                                           "pcie-switch-upstream-port",
                                           "pcie-switch-downstream-port",
                                           "pci-expander-bus",
                                           "pcie-expander-bus",
                                           "pcie-to-pci-bridge"};
constexpr std::string_view kIdeModels[] = {"piix3", "piix4", "ich6"};
constexpr std::string_view kVirtioSerialModels[] = {"virtio", "virtio-transitional",
                                                    "virtio-non-transitional"};
constexpr std::string_view kIsaModels[] = {"isa"};

bool modelKnown(ControllerType type, std::string_view model) {
    auto in = [&](const auto& list) {
        return std::find(std::begin(list), std::end(list), model) != std::end(list);
    };
    switch (type) {
        case ControllerType::kScsi:
            return in(kScsiModels);
        case ControllerType::kUsb:
            return in(kUsbModels);
        case ControllerType::kPci:
            return in(kPciModels);
        case ControllerType::kIde:
            return in(kIdeModels);
        case ControllerType::kVirtioSerial:
            return in(kVirtioSerialModels);
        case ControllerType::kIsa:
            return in(kIsaModels);
        default:
            return false;
    }
}

Result<ControllerDriver> parseDriver(Elem& d, ControllerType type,
                                     const std::optional<std::string>& model) {
    ControllerDriver drv;
    NODEVIRT_ASSIGN_OR_RETURN(drv.queues, d.uint32Attr("queues"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.cmd_per_lun, d.uint32Attr("cmd_per_lun"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.max_sectors, d.uint32Attr("max_sectors"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.ioeventfd, d.onOffAttr("ioeventfd"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.iothread, d.uint32Attr("iothread"));
    if (drv.iothread && !(type == ControllerType::kScsi && model == "virtio-scsi"))
        return fail(d.error("'iothread' attribute only supported for virtio scsi controllers"));
    NODEVIRT_TRY(d.done());
    return drv;
}

Result<PciControllerTarget> parsePciTarget(Elem& t) {
    PciControllerTarget p;
    NODEVIRT_ASSIGN_OR_RETURN(p.chassis_nr, t.uint32Attr("chassisNr"));
    NODEVIRT_ASSIGN_OR_RETURN(p.chassis, t.uint32Attr("chassis"));
    NODEVIRT_ASSIGN_OR_RETURN(p.port, t.uint32Attr("port", 0));
    NODEVIRT_ASSIGN_OR_RETURN(p.bus_nr, t.uint32Attr("busNr"));
    NODEVIRT_ASSIGN_OR_RETURN(p.index, t.uint32Attr("index"));
    NODEVIRT_ASSIGN_OR_RETURN(p.hotplug, t.onOffAttr("hotplug"));
    NODEVIRT_ASSIGN_OR_RETURN(auto node, t.leafUint("node"));
    if (node) {
        if (*node > UINT32_MAX) return fail(t.error("invalid NUMA node"));
        p.numa_node = static_cast<uint32_t>(*node);
    }
    NODEVIRT_TRY(t.done());
    return p;
}

}  // namespace

Result<ControllerDef> parseController(Elem& e) {
    ControllerDef c;
    auto type = e.attr("type");
    if (type) {
        auto t = kControllerTypes.parse(*type);
        if (!t) return fail(e.badValue("type", *type, "one of " + kControllerTypes.list()));
        c.type = *t;
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto index, e.uint32Attr("index"));
    if (index) {
        if (*index > INT32_MAX)
            return fail(e.badValue("index", fmt::format("{}", *index), "a controller index"));
        c.index = static_cast<int32_t>(*index);
    }
    c.model = e.attr("model");
    if (c.model && !modelKnown(c.type, *c.model))
        return fail(e.unsupported(fmt::format("Unknown model type '{}'", *c.model)));
    if (c.type == ControllerType::kUsb || c.type == ControllerType::kVirtioSerial) {
        NODEVIRT_ASSIGN_OR_RETURN(c.ports, e.uint32Attr("ports"));
    }
    if (c.type == ControllerType::kVirtioSerial) {
        NODEVIRT_ASSIGN_OR_RETURN(c.vectors, e.uint32Attr("vectors"));
    }
    if (c.type == ControllerType::kXenbus) {
        NODEVIRT_ASSIGN_OR_RETURN(c.max_grant_frames, e.uint32Attr("maxGrantFrames"));
        NODEVIRT_ASSIGN_OR_RETURN(c.max_event_channels, e.uint32Attr("maxEventChannels"));
    }
    if (c.type == ControllerType::kPci) {
        if (Elem m = e.child("model")) {
            c.model_name = m.attr("name");
            NODEVIRT_TRY(m.done());
        }
        if (Elem t = e.child("target")) {
            NODEVIRT_ASSIGN_OR_RETURN(c.target, parsePciTarget(t));
        }
    }
    if (Elem d = e.child("driver")) {
        NODEVIRT_ASSIGN_OR_RETURN(c.driver, parseDriver(d, c.type, c.model));
    }
    NODEVIRT_TRY(parseDeviceInfo(e, c.info, false));
    NODEVIRT_TRY(e.done());
    return c;
}

void formatController(xml::Writer& w, const ControllerDef& c, const FormatCtx& fc) {
    w.open("controller").attr("type", kControllerTypes.name(c.type));
    if (c.index != ControllerDef::kIndexUnset)
        w.attr("index", c.index);  // unset only before post-parse
    if (c.model) w.attr("model", *c.model);
    w.attrIf("ports", c.ports).attrIf("vectors", c.vectors);
    w.attrIf("maxGrantFrames", c.max_grant_frames).attrIf("maxEventChannels", c.max_event_channels);
    if (c.model_name) w.open("model").attr("name", *c.model_name).close();
    if (c.driver) {
        const ControllerDriver& d = *c.driver;
        w.open("driver").attrIf("queues", d.queues).attrIf("cmd_per_lun", d.cmd_per_lun);
        w.attrIf("max_sectors", d.max_sectors);
        if (d.ioeventfd) w.attr("ioeventfd", *d.ioeventfd ? "on" : "off");
        w.attrIf("iothread", d.iothread).close();
    }
    if (c.target) {
        const PciControllerTarget& t = *c.target;
        w.open("target").attrIf("chassisNr", t.chassis_nr).attrIf("chassis", t.chassis);
        if (t.port) w.attr("port", fmt::format("{:#x}", *t.port));
        w.attrIf("busNr", t.bus_nr).attrIf("index", t.index);
        if (t.hotplug) w.attr("hotplug", *t.hotplug ? "on" : "off");
        if (t.numa_node) w.textElement("node", fmt::format("{}", *t.numa_node));
        w.close();
    }
    formatDeviceInfo(w, c.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
