#include "conf/domain/hostdev.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

Status parsePciSource(Elem& src, HostdevDef& h) {
    Elem a = src.child("address");
    if (!a) return fail(src.error("PCI host devices must use 'pci' address type"));
    NODEVIRT_ASSIGN_OR_RETURN(auto domain, a.uintAttr("domain", 0));
    NODEVIRT_ASSIGN_OR_RETURN(auto bus, a.uintAttr("bus", 0));
    NODEVIRT_ASSIGN_OR_RETURN(auto slot, a.uintAttr("slot", 0));
    NODEVIRT_ASSIGN_OR_RETURN(auto function, a.uintAttr("function", 0));
    if (domain.value_or(0) > 0xFFFF || bus.value_or(0) > 0xFF || slot.value_or(0) > 0x1F ||
        function.value_or(0) > 7)
        return fail(a.error("invalid PCI address"));
    h.pci.domain = static_cast<uint32_t>(domain.value_or(0));
    h.pci.bus = static_cast<uint32_t>(bus.value_or(0));
    h.pci.slot = static_cast<uint32_t>(slot.value_or(0));
    h.pci.function = static_cast<uint32_t>(function.value_or(0));
    return a.done();
}

Result<std::optional<uint32_t>> idChild(Elem& src, std::string_view name) {
    Elem c = src.child(name);
    if (!c) return std::optional<uint32_t>();
    NODEVIRT_ASSIGN_OR_RETURN(auto id, c.uintAttr("id", 0));
    if (!id || *id > 0xFFFF) return fail(c.error(fmt::format("usb {} needs an id", name)));
    NODEVIRT_TRY(c.done());
    return std::optional<uint32_t>(static_cast<uint32_t>(*id));
}

Status parseUsbSource(Elem& src, HostdevDef& h) {
    h.startup_policy = src.attr("startupPolicy");
    NODEVIRT_ASSIGN_OR_RETURN(h.vendor, idChild(src, "vendor"));
    NODEVIRT_ASSIGN_OR_RETURN(h.product, idChild(src, "product"));
    if (h.vendor && !h.product) return fail(src.error("missing product"));
    if (h.product && !h.vendor) return fail(src.error("missing vendor"));
    if (Elem a = src.child("address")) {
        NODEVIRT_ASSIGN_OR_RETURN(h.usb_bus, a.uint32Attr("bus"));
        NODEVIRT_ASSIGN_OR_RETURN(h.usb_device, a.uint32Attr("device"));
        if (!h.usb_bus || !h.usb_device) return fail(a.error("usb address needs bus and device"));
        NODEVIRT_TRY(a.done());
    }
    if (!h.vendor && !h.usb_bus)
        return fail(src.error("usb host device needs vendor/product or an address"));
    return ok();
}

}  // namespace

Result<HostdevDef> parseHostdev(Elem& e) {
    HostdevDef h;
    auto mode = e.attr("mode");
    if (mode && *mode != "subsystem")
        return fail(e.unsupported(fmt::format("hostdev mode '{}' is not supported", *mode)));
    auto type = e.attr("type");
    if (!type) return fail(e.error("missing type in hostdev"));
    auto t = kHostdevTypes.parse(*type);
    if (!t)
        return fail(
            e.unsupported(fmt::format("unknown host device source address type '{}'", *type)));
    h.type = *t;
    NODEVIRT_ASSIGN_OR_RETURN(auto managed, e.yesNoAttr("managed"));
    h.managed = managed.value_or(false);
    if (Elem d = e.child("driver")) {
        h.driver_name = d.attr("name");
        NODEVIRT_TRY(d.done());
    }
    Elem src = e.child("source");
    if (!src) return fail(e.error("Missing <source> element in hostdev device"));
    NODEVIRT_TRY(h.type == HostdevType::kPci ? parsePciSource(src, h) : parseUsbSource(src, h));
    NODEVIRT_TRY(src.done());
    NODEVIRT_TRY(parseDeviceInfo(e, h.info, true));
    NODEVIRT_TRY(e.done());
    return h;
}

void formatHostdev(xml::Writer& w, const HostdevDef& h, const FormatCtx& fc) {
    w.open("hostdev").attr("mode", "subsystem").attr("type", kHostdevTypes.name(h.type));
    w.attr("managed", h.managed ? "yes" : "no");
    if (h.driver_name) w.open("driver").attr("name", *h.driver_name).close();
    w.open("source");
    if (h.type == HostdevType::kPci) {
        w.open("address").attrHex("domain", h.pci.domain, 4).attrHex("bus", h.pci.bus, 2);
        w.attrHex("slot", h.pci.slot, 2).attrHex("function", h.pci.function, 1).close();
    } else {
        if (h.startup_policy) w.attr("startupPolicy", *h.startup_policy);
        if (h.vendor) w.open("vendor").attrHex("id", *h.vendor, 4).close();
        if (h.product) w.open("product").attrHex("id", *h.product, 4).close();
        if (h.usb_bus)
            w.open("address").attr("bus", *h.usb_bus).attr("device", *h.usb_device).close();
    }
    w.close();
    formatDeviceInfo(w, h.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
