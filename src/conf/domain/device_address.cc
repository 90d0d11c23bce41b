#include "conf/domain/device_address.h"

#include <fmt/format.h>

#include <cctype>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

enum class AddressKind : uint8_t {
    kPci,
    kDrive,
    kVirtioSerial,
    kCcid,
    kUsb,
    kSpaprVio,
    kVirtioS390,
    kCcw,
    kVirtioMmio,
    kIsa,
    kDimm,
    kUnassigned
};
constexpr auto kAddressKinds =
    makeEnumTable<AddressKind>("pci", "drive", "virtio-serial", "ccid", "usb", "spapr-vio",
                               "virtio-s390", "ccw", "virtio-mmio", "isa", "dimm", "unassigned");

// Attribute read as a number in any C base (libvirt reads PCI/ISA/CCW fields with base 0).
Result<uint32_t> field(Elem& e, std::string_view name, int base, uint64_t max) {
    NODEVIRT_ASSIGN_OR_RETURN(auto v, e.uintAttr(name, base));
    if (!v) return 0u;
    if (*v > max) {
        std::string type = e.attr("type").value_or("");
        for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return fail(e.error(
            fmt::format("Invalid {} address {}='{:#x}', must be <= 0x{:X}", type, name, *v, max)));
    }
    return static_cast<uint32_t>(*v);
}

Result<PciAddress> parsePci(Elem& e) {
    PciAddress a;
    NODEVIRT_ASSIGN_OR_RETURN(a.domain, field(e, "domain", 0, 0xFFFFFFFFu));
    NODEVIRT_ASSIGN_OR_RETURN(a.bus, field(e, "bus", 0, 0xFF));
    NODEVIRT_ASSIGN_OR_RETURN(a.slot, field(e, "slot", 0, 0x1F));
    NODEVIRT_ASSIGN_OR_RETURN(a.function, field(e, "function", 0, 7));
    NODEVIRT_ASSIGN_OR_RETURN(a.multifunction, e.onOffAttr("multifunction"));
    return a;
}

bool validUsbPort(std::string_view port) {
    auto parts = str::split(port, '.');
    if (parts.empty() || parts.size() > 4) return false;
    for (const auto& p : parts)
        if (!str::parseUint(p)) return false;
    return true;
}

Result<DeviceAddress> parseByKind(Elem& e, AddressKind kind) {
    constexpr uint64_t k32 = 0xFFFFFFFFu;
    switch (kind) {
        case AddressKind::kPci:
            return parsePci(e);
        case AddressKind::kDrive: {
            DriveAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.controller, field(e, "controller", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(a.bus, field(e, "bus", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(a.target, field(e, "target", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(a.unit, field(e, "unit", 10, k32));
            return a;
        }
        case AddressKind::kVirtioSerial: {
            VirtioSerialAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.controller, field(e, "controller", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(a.bus, field(e, "bus", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(a.port, field(e, "port", 10, k32));
            return a;
        }
        case AddressKind::kCcid: {
            CcidAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.controller, field(e, "controller", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(a.slot, field(e, "slot", 10, k32));
            return a;
        }
        case AddressKind::kUsb: {
            UsbAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.bus, field(e, "bus", 10, k32));
            a.port = e.attr("port").value_or("");
            if (!a.port.empty() && !validUsbPort(a.port))
                return fail(e.badValue("port", a.port, "up to four dot-separated port numbers"));
            return a;
        }
        case AddressKind::kSpaprVio: {
            SpaprVioAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.reg, e.uintAttr("reg", 16));
            return a;
        }
        case AddressKind::kCcw: {
            CcwAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.cssid, field(e, "cssid", 0, 0xFE));
            NODEVIRT_ASSIGN_OR_RETURN(a.ssid, field(e, "ssid", 0, 3));
            NODEVIRT_ASSIGN_OR_RETURN(a.devno, field(e, "devno", 0, 0xFFFF));
            return a;
        }
        case AddressKind::kIsa: {
            IsaAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.iobase, field(e, "iobase", 0, 0xFFFF));
            NODEVIRT_ASSIGN_OR_RETURN(a.irq, field(e, "irq", 0, 0xFF));
            return a;
        }
        case AddressKind::kDimm: {
            DimmAddress a;
            NODEVIRT_ASSIGN_OR_RETURN(a.slot, field(e, "slot", 10, k32));
            NODEVIRT_ASSIGN_OR_RETURN(auto base, e.uintAttr("base", 0));
            a.base = base.value_or(0);
            return a;
        }
        case AddressKind::kVirtioS390:
            return fail(e.error("virtio-s390 bus doesn't have an address"));
        case AddressKind::kVirtioMmio:
            return BareAddress::kVirtioMmio;
        case AddressKind::kUnassigned:
            return BareAddress::kUnassigned;
    }
    return fail(e.error("unknown address type"));
}

AddressKind kindOf(const DeviceAddress& a) {
    struct Visitor {
        AddressKind operator()(const std::monostate&) const { return AddressKind::kPci; }
        AddressKind operator()(const PciAddress&) const { return AddressKind::kPci; }
        AddressKind operator()(const DriveAddress&) const { return AddressKind::kDrive; }
        AddressKind operator()(const VirtioSerialAddress&) const {
            return AddressKind::kVirtioSerial;
        }
        AddressKind operator()(const CcidAddress&) const { return AddressKind::kCcid; }
        AddressKind operator()(const UsbAddress&) const { return AddressKind::kUsb; }
        AddressKind operator()(const SpaprVioAddress&) const { return AddressKind::kSpaprVio; }
        AddressKind operator()(const CcwAddress&) const { return AddressKind::kCcw; }
        AddressKind operator()(const IsaAddress&) const { return AddressKind::kIsa; }
        AddressKind operator()(const DimmAddress&) const { return AddressKind::kDimm; }
        AddressKind operator()(const BareAddress& b) const {
            switch (b) {
                case BareAddress::kVirtioS390:
                    return AddressKind::kVirtioS390;
                case BareAddress::kVirtioMmio:
                    return AddressKind::kVirtioMmio;
                case BareAddress::kUnassigned:
                    return AddressKind::kUnassigned;
            }
            return AddressKind::kUnassigned;
        }
    };
    return std::visit(Visitor{}, a);
}

void formatFields(xml::Writer& w, const DeviceAddress& address) {
    if (const auto* a = std::get_if<PciAddress>(&address)) {
        if (a->domain || a->bus || a->slot || a->function) {
            w.attrHex("domain", a->domain, 4).attrHex("bus", a->bus, 2);
            w.attrHex("slot", a->slot, 2).attrHex("function", a->function, 1);
        }
        if (a->multifunction) w.attr("multifunction", *a->multifunction ? "on" : "off");
    } else if (const auto* d = std::get_if<DriveAddress>(&address)) {
        w.attr("controller", d->controller).attr("bus", d->bus);
        w.attr("target", d->target).attr("unit", d->unit);
    } else if (const auto* v = std::get_if<VirtioSerialAddress>(&address)) {
        w.attr("controller", v->controller).attr("bus", v->bus).attr("port", v->port);
    } else if (const auto* c = std::get_if<CcidAddress>(&address)) {
        w.attr("controller", c->controller).attr("slot", c->slot);
    } else if (const auto* u = std::get_if<UsbAddress>(&address)) {
        w.attr("bus", u->bus);
        if (!u->port.empty()) w.attr("port", u->port);
    } else if (const auto* s = std::get_if<SpaprVioAddress>(&address)) {
        if (s->reg) w.attr("reg", fmt::format("{:#x}", *s->reg));
    } else if (const auto* cc = std::get_if<CcwAddress>(&address)) {
        w.attr("cssid", fmt::format("{:#x}", cc->cssid))
            .attr("ssid", fmt::format("{:#x}", cc->ssid));
        w.attrHex("devno", cc->devno, 4);
    } else if (const auto* i = std::get_if<IsaAddress>(&address)) {
        if (i->iobase) w.attr("iobase", fmt::format("{:#x}", i->iobase));
        if (i->irq) w.attr("irq", fmt::format("{:#x}", i->irq));
    } else if (const auto* m = std::get_if<DimmAddress>(&address)) {
        w.attr("slot", m->slot).attr("base", fmt::format("{:#x}", m->base));
    }
}

}  // namespace

Status parseDeviceAddress(Elem& parent, DeviceAddress& address) {
    Elem e = parent.child("address");
    if (!e) return ok();
    auto type = e.attr("type");
    if (!type) return fail(internalError("No type specified for device address"));
    auto kind = kAddressKinds.parse(*type);
    if (!kind)
        return fail(configUnsupported(fmt::format("unknown address type '{}'", *type),
                                      ErrorDomain::kDomain));
    NODEVIRT_ASSIGN_OR_RETURN(address, parseByKind(e, *kind));
    return e.done();
}

Status parseDeviceInfo(Elem& parent, DeviceInfo& info, bool allow_boot) {
    NODEVIRT_TRY(parseDeviceAddress(parent, info.address));
    if (Elem alias = parent.child("alias")) {
        auto name = alias.attr("name");
        // Only user-chosen aliases persist; generated ones belong to a running domain.
        if (name && (!parent.ctx().inactive || str::startsWith(*name, "ua-")))
            info.alias = std::move(*name);
        NODEVIRT_TRY(alias.done());
    }
    if (Elem master = parent.child("master")) {
        NODEVIRT_ASSIGN_OR_RETURN(info.master_startport, master.uint32Attr("startport"));
        if (!info.master_startport) return fail(master.error("missing 'startport' attribute"));
        NODEVIRT_TRY(master.done());
    }
    if (Elem rom = parent.child("rom")) {
        RomInfo r;
        NODEVIRT_ASSIGN_OR_RETURN(r.enabled, rom.yesNoAttr("enabled"));
        NODEVIRT_ASSIGN_OR_RETURN(r.bar, rom.onOffAttr("bar"));
        r.file = rom.attr("file");
        NODEVIRT_TRY(rom.done());
        info.rom = std::move(r);
    }
    if (Elem acpi = parent.child("acpi")) {
        NODEVIRT_ASSIGN_OR_RETURN(info.acpi_index, acpi.uint32Attr("index"));
        NODEVIRT_TRY(acpi.done());
    }
    if (!allow_boot) return ok();
    if (Elem boot = parent.child("boot")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto order, boot.uint32Attr("order"));
        if (!order || *order == 0) return fail(boot.error("boot order must be a positive integer"));
        info.boot_order = order;
        NODEVIRT_TRY(boot.done());
    }
    return ok();
}

void formatDeviceAddress(xml::Writer& w, const DeviceAddress& address) {
    if (address.index() == 0) return;
    w.open("address").attr("type", kAddressKinds.name(kindOf(address)));
    formatFields(w, address);
    w.close();
}

void formatDeviceInfo(xml::Writer& w, const DeviceInfo& info, const FormatCtx& fc) {
    if (info.boot_order) w.open("boot").attr("order", *info.boot_order).close();
    if (info.alias && (!fc.inactive || str::startsWith(*info.alias, "ua-")))
        w.open("alias").attr("name", *info.alias).close();
    if (info.master_startport) w.open("master").attr("startport", *info.master_startport).close();
    if (info.rom) {
        w.open("rom");
        if (info.rom->enabled) w.attr("enabled", *info.rom->enabled ? "yes" : "no");
        if (info.rom->bar) w.attr("bar", *info.rom->bar ? "on" : "off");
        if (info.rom->file) w.attr("file", *info.rom->file);
        w.close();
    }
    if (info.acpi_index) w.open("acpi").attr("index", *info.acpi_index).close();
    formatDeviceAddress(w, info.address);
}

}  // namespace nodevirt::conf
