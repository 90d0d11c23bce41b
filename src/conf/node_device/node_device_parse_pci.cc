// Parsing of <capability type='pci'> and its nested capabilities (SR-IOV functions, bridge
// type, mediated device types, VPD), IOMMU group, NUMA node and PCI Express links.
#include <fmt/format.h>

#include "conf/node_device/node_device_parse_internal.h"
#include "util/strings.h"

namespace nodevirt::conf::nodedev_parse {
namespace {

Status parseAddressList(const xml::Node& node, std::vector<NodeDevPciAddress>& out) {
    auto addrs = node.children("address");
    if (addrs.size() > kMaxListItems) return fail(xmlAt(node, "too many PCI addresses"));
    for (const xml::Node& a : addrs) {
        NODEVIRT_ASSIGN_OR_RETURN(NodeDevPciAddress addr, parsePciAddress(a));
        out.push_back(addr);
    }
    return ok();
}

Status parseMdevTypes(const Ctx& ctx, const xml::Node& node, NodeDevCapPci& pci) {
    pci.has_mdev_types = true;
    auto types = node.children("type");
    if (types.size() > kMaxListItems) return fail(xmlAt(node, "too many mdev types"));
    for (const xml::Node& t : types) {
        NodeDevMdevType type;
        auto id = t.attr("id");
        if (!id)
            return fail(at(
                ErrorCode::kConfigUnsupported, t,
                fmt::format("missing 'id' attribute for mediated device's <type> element for '{}'",
                            ctx.dev)));
        type.id = *id;
        type.name = optText(t, "name");
        type.device_api = t.childText("deviceAPI").value_or("");
        auto avail = str::parseUint(str::trim(t.childText("availableInstances").value_or("")));
        if (!avail) {
            return fail(at(
                ErrorCode::kInternalError, t,
                fmt::format("missing number of available instances for mediated device type '{}'",
                            type.id)));
        }
        type.available_instances = *avail;
        pci.mdev_types.push_back(std::move(type));
    }
    return ok();
}

Status parseVpdFields(const xml::Node& node, NodeDevVpdFields& f) {
    f.change_level = optText(node, "change_level");
    f.manufacture_id = optText(node, "manufacture_id");
    f.part_number = optText(node, "part_number");
    f.serial_number = optText(node, "serial_number");
    f.asset_tag = optText(node, "asset_tag");
    for (auto [element, list] : {std::pair{"vendor_field", &f.vendor_fields},
                                 std::pair{"system_field", &f.system_fields}}) {
        auto items = node.children(element);
        if (items.size() > kMaxListItems) return fail(xmlAt(node, "too many VPD fields"));
        for (const xml::Node& i : items) {
            auto index = i.attr("index");
            if (!index) return fail(xmlAt(i, "VPD field index is missing"));
            list->emplace_back(*index, i.text());
        }
    }
    return ok();
}

Status parseVpd(const xml::Node& node, NodeDevCapPci& pci) {
    NodeDevVpd& vpd = pci.vpd.emplace();
    vpd.name = optText(node, "name");
    for (const xml::Node& f : node.children("fields")) {
        auto access = f.attr("access").value_or("");
        if (access == "readonly")
            NODEVIRT_TRY(parseVpdFields(f, vpd.read_only.emplace()));
        else if (access == "readwrite")
            NODEVIRT_TRY(parseVpdFields(f, vpd.read_write.emplace()));
        else
            return fail(badValue(f, "access", access));
    }
    return ok();
}

Status parseSubCaps(const Ctx& ctx, const xml::Node& cap, NodeDevCapPci& pci) {
    for (const xml::Node& sub : cap.children("capability")) {
        auto type = sub.attr("type").value_or("");
        if (type == "phys_function") {
            xml::Node addr = sub.child("address");
            if (!addr) return fail(xmlAt(sub, "Missing address in 'phys_function' capability"));
            NODEVIRT_ASSIGN_OR_RETURN(pci.phys_function, parsePciAddress(addr));
        } else if (type == "virt_functions") {
            pci.has_virt_functions = true;
            NODEVIRT_ASSIGN_OR_RETURN(auto max, optUintAttr(sub, "maxCount"));
            pci.virt_functions_max = max.value_or(0);
            NODEVIRT_TRY(parseAddressList(sub, pci.virt_functions));
        } else if (type == "pci-bridge" || type == "cardbus-bridge") {
            pci.bridge_type = type;
        } else if (type == "mdev_types") {
            NODEVIRT_TRY(parseMdevTypes(ctx, sub, pci));
        } else if (type == "vpd") {
            NODEVIRT_TRY(parseVpd(sub, pci));
        }
        // Other nested types are ignored, as libvirt does.
    }
    return ok();
}

Result<NodeDevPciExpressLink> parseLink(const xml::Node& node) {
    NodeDevPciExpressLink link;
    NODEVIRT_ASSIGN_OR_RETURN(link.port, optUintAttr(node, "port"));
    link.speed = node.attr("speed").value_or("");
    static constexpr std::string_view kSpeeds[] = {"2.5", "5", "8", "16", "32", "64"};
    if (std::find(std::begin(kSpeeds), std::end(kSpeeds), link.speed) == std::end(kSpeeds)) {
        return fail(xmlAt(node, fmt::format("malformed 'speed' attribute: {}", link.speed)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto width, optUintAttr(node, "width"));
    if (!width) return fail(xmlAt(node, "mandatory attribute 'width' is missing or malformed"));
    link.width = *width;
    return link;
}

Status parsePciExpress(const xml::Node& node, NodeDevCapPci& pci) {
    pci.pci_express = true;
    for (const xml::Node& l : node.children("link")) {
        auto validity = l.attr("validity").value_or("");
        if (validity != "cap" && validity != "sta") return fail(badValue(l, "validity", validity));
        NODEVIRT_ASSIGN_OR_RETURN(NodeDevPciExpressLink link, parseLink(l));
        (validity == "cap" ? pci.link_cap : pci.link_sta) = std::move(link);
    }
    return ok();
}

}  // namespace

Status parsePciCap(const Ctx& ctx, const xml::Node& cap, NodeDevCapPci& pci) {
    if (xml::Node klass = cap.child("class")) {
        std::string text(str::trim(klass.text()));
        auto v = str::parseUint(text, 16);
        if (!v || *v > 0xffffff || text.empty()) {
            return fail(at(ErrorCode::kInternalError, klass,
                           fmt::format("invalid PCI class supplied for '{}'", ctx.dev)));
        }
        pci.pci_class = *v;
    }
    NODEVIRT_ASSIGN_OR_RETURN(pci.address.domain, requireUint(ctx, cap, "domain", "PCI domain ID"));
    NODEVIRT_ASSIGN_OR_RETURN(pci.address.bus, requireUint(ctx, cap, "bus", "PCI bus ID"));
    NODEVIRT_ASSIGN_OR_RETURN(pci.address.slot, requireUint(ctx, cap, "slot", "PCI slot ID"));
    NODEVIRT_ASSIGN_OR_RETURN(pci.address.function,
                              requireUint(ctx, cap, "function", "PCI function ID"));
    NODEVIRT_ASSIGN_OR_RETURN(pci.product_id, requireIdAttr(ctx, cap, "product", "PCI product ID"));
    NODEVIRT_ASSIGN_OR_RETURN(pci.vendor_id, requireIdAttr(ctx, cap, "vendor", "PCI vendor ID"));
    pci.product_name = optText(cap, "product");
    pci.vendor_name = optText(cap, "vendor");
    NODEVIRT_TRY(parseSubCaps(ctx, cap, pci));
    if (xml::Node iommu = cap.child("iommuGroup")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto number, optUintAttr(iommu, "number"));
        if (!number) return fail(xmlAt(iommu, "missing iommuGroup number attribute"));
        pci.iommu_group = *number;
        NODEVIRT_TRY(parseAddressList(iommu, pci.iommu_group_devices));
    }
    if (xml::Node numa = cap.child("numa")) {
        NODEVIRT_ASSIGN_OR_RETURN(pci.numa_node, optUintAttr(numa, "node"));
    }
    if (xml::Node pcie = cap.child("pci-express")) NODEVIRT_TRY(parsePciExpress(pcie, pci));
    return ok();
}

}  // namespace nodevirt::conf::nodedev_parse
