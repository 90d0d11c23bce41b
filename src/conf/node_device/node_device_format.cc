// Prints the node device <device> document in libvirt's element order, including its small
// irregularities (an always-present <firmware> pair, "<product id='0x0002' />" for a USB
// device without a product name).
#include <fmt/format.h>

#include "conf/common/format_helpers.h"
#include "conf/node_device/node_device_xml.h"

namespace nodevirt::conf {
namespace {

void optElement(xml::Writer& w, std::string_view name, const std::optional<std::string>& value) {
    if (value) w.textElement(name, *value);
}

void formatPciAddress(xml::Writer& w, const NodeDevPciAddress& a) {
    w.open("address").attrHex("domain", a.domain, 4).attrHex("bus", a.bus, 2);
    w.attrHex("slot", a.slot, 2).attrHex("function", a.function, 1).close();
}

void formatSystem(xml::Writer& w, const NodeDevCapSystem& s) {
    optElement(w, "product", s.product);
    w.open("hardware");
    optElement(w, "vendor", s.hw_vendor);
    optElement(w, "version", s.hw_version);
    optElement(w, "serial", s.hw_serial);
    w.textElement("uuid", s.hw_uuid.toString());
    w.close();
    xml::Writer head;
    head.open("firmware").close();
    xml::Writer body(1);
    optElement(body, "vendor", s.fw_vendor);
    optElement(body, "version", s.fw_version);
    optElement(body, "release_date", s.fw_release_date);
    writeExpanded(w, head, body);
}

void formatVpdFields(xml::Writer& w, std::string_view access, const NodeDevVpdFields& f) {
    w.open("fields").attr("access", access);
    optElement(w, "change_level", f.change_level);
    optElement(w, "manufacture_id", f.manufacture_id);
    optElement(w, "part_number", f.part_number);
    optElement(w, "serial_number", f.serial_number);
    optElement(w, "asset_tag", f.asset_tag);
    for (const auto& [index, value] : f.vendor_fields)
        w.open("vendor_field").attr("index", index).text(value).close();
    for (const auto& [index, value] : f.system_fields)
        w.open("system_field").attr("index", index).text(value).close();
    w.close();
}

void formatPciSubCaps(xml::Writer& w, const NodeDevCapPci& p) {
    if (p.phys_function) {
        w.open("capability").attr("type", "phys_function");
        formatPciAddress(w, *p.phys_function);
        w.close();
    }
    if (p.has_virt_functions) {
        w.open("capability").attr("type", "virt_functions");
        if (p.virt_functions_max) w.attr("maxCount", p.virt_functions_max);
        for (const NodeDevPciAddress& a : p.virt_functions) formatPciAddress(w, a);
        w.close();
    }
    if (p.bridge_type) w.open("capability").attr("type", *p.bridge_type).close();
    if (p.has_mdev_types) {
        w.open("capability").attr("type", "mdev_types");
        for (const NodeDevMdevType& t : p.mdev_types) {
            w.open("type").attr("id", t.id);
            optElement(w, "name", t.name);
            w.textElement("deviceAPI", t.device_api);
            w.textElement("availableInstances", std::to_string(t.available_instances));
            w.close();
        }
        w.close();
    }
    if (p.vpd) {
        w.open("capability").attr("type", "vpd");
        optElement(w, "name", p.vpd->name);
        if (p.vpd->read_only) formatVpdFields(w, "readonly", *p.vpd->read_only);
        if (p.vpd->read_write) formatVpdFields(w, "readwrite", *p.vpd->read_write);
        w.close();
    }
}

void formatIdName(xml::Writer& w, std::string_view element, unsigned id,
                  const std::optional<std::string>& name) {
    w.open(element).attrHex("id", id, 4);
    if (name) w.text(*name);
    w.close();
}

void formatPci(xml::Writer& w, const NodeDevCapPci& p) {
    if (p.pci_class) w.textElement("class", fmt::format("0x{:06x}", *p.pci_class));
    w.textElement("domain", std::to_string(p.address.domain));
    w.textElement("bus", std::to_string(p.address.bus));
    w.textElement("slot", std::to_string(p.address.slot));
    w.textElement("function", std::to_string(p.address.function));
    formatIdName(w, "product", p.product_id, p.product_name);
    formatIdName(w, "vendor", p.vendor_id, p.vendor_name);
    formatPciSubCaps(w, p);
    if (p.iommu_group) {
        w.open("iommuGroup").attr("number", *p.iommu_group);
        for (const NodeDevPciAddress& a : p.iommu_group_devices) formatPciAddress(w, a);
        w.close();
    }
    if (p.numa_node) w.open("numa").attr("node", *p.numa_node).close();
    if (p.pci_express) {
        w.open("pci-express");
        for (auto [validity, link] :
             {std::pair{"cap", &p.link_cap}, std::pair{"sta", &p.link_sta}}) {
            if (!*link) continue;
            w.open("link").attr("validity", validity);
            w.attrIf("port", (*link)->port);
            w.attr("speed", (*link)->speed).attr("width", (*link)->width).close();
        }
        w.close();
    }
}

// libvirt prints a USB id without a name with a space before "/>".
void formatUsbIdName(xml::Writer& w, std::string_view element, unsigned id,
                     const std::optional<std::string>& name) {
    if (name) {
        formatIdName(w, element, id, name);
    } else {
        w.raw(fmt::format("<{} id='0x{:04x}' />", element, id));
    }
}

void formatUsbDevice(xml::Writer& w, const NodeDevCapUsbDevice& u) {
    w.textElement("bus", std::to_string(u.bus));
    w.textElement("device", std::to_string(u.device));
    formatUsbIdName(w, "product", u.product_id, u.product_name);
    formatUsbIdName(w, "vendor", u.vendor_id, u.vendor_name);
}

void formatUsbInterface(xml::Writer& w, const NodeDevCapUsbInterface& u) {
    w.textElement("number", std::to_string(u.number));
    w.textElement("class", std::to_string(u.klass));
    w.textElement("subclass", std::to_string(u.subclass));
    w.textElement("protocol", std::to_string(u.protocol));
    optElement(w, "description", u.description);
}

void formatNet(xml::Writer& w, const NodeDevCapNet& n) {
    w.textElement("interface", n.interface);
    optElement(w, "address", n.address);
    if (n.link_speed || n.link_state) {
        w.open("link");
        w.attrIf("speed", n.link_speed).attrIf("state", n.link_state);
        w.close();
    }
    for (const std::string& f : n.features) w.open("feature").attr("name", f).close();
    if (n.subtype) w.open("capability").attr("type", *n.subtype).close();
}

void formatScsiHost(xml::Writer& w, const NodeDevCapScsiHost& h, unsigned flags) {
    (void)flags;
    w.textElement("host", std::to_string(h.host));
    if (h.unique_id) w.textElement("unique_id", std::to_string(*h.unique_id));
    if (h.fc_host) {
        w.open("capability").attr("type", "fc_host");
        w.textElement("wwnn", h.wwnn).textElement("wwpn", h.wwpn);
        optElement(w, "fabric_wwn", h.fabric_wwn);
        w.close();
    }
    if (h.vport_ops) {
        w.open("capability").attr("type", "vport_ops");
        w.textElement("max_vports", std::to_string(h.max_vports))
            .textElement("vports", std::to_string(h.vports));
        w.close();
    }
}

void formatStorage(xml::Writer& w, const NodeDevCapStorage& s) {
    w.textElement("block", s.block);
    optElement(w, "bus", s.bus);
    optElement(w, "drive_type", s.drive_type);
    optElement(w, "model", s.model);
    optElement(w, "vendor", s.vendor);
    optElement(w, "serial", s.serial);
    auto blocks = [&](xml::Writer& out) {
        if (s.logical_block_size)
            out.textElement("logical_block_size", std::to_string(s.logical_block_size));
        if (s.num_blocks) out.textElement("num_blocks", std::to_string(s.num_blocks));
    };
    if (s.removable) {
        w.open("capability").attr("type", "removable");
        w.textElement("media_available", s.media_available ? "1" : "0");
        w.textElement("media_size", std::to_string(s.media_size));
        optElement(w, "media_label", s.media_label);
        blocks(w);
        w.close();
    } else {
        w.textElement("size", std::to_string(s.size));
        blocks(w);
    }
    if (s.hotpluggable) w.open("capability").attr("type", "hotpluggable").close();
}

void formatMdev(xml::Writer& w, const NodeDevCapMdev& m) {
    w.open("type").attr("id", m.type).close();
    if (m.uuid) w.textElement("uuid", m.uuid->toString());
    if (m.iommu_group) w.open("iommuGroup").attr("number", *m.iommu_group).close();
    for (const auto& [name, value] : m.attrs)
        w.open("attr").attr("name", name).attr("value", value).close();
}

void formatCap(xml::Writer& w, const NodeDevCap& cap, unsigned flags) {
    w.open("capability").attr("type", nodeDevCapName(cap));
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, NodeDevCapSystem>)
                formatSystem(w, c);
            else if constexpr (std::is_same_v<T, NodeDevCapPci>)
                formatPci(w, c);
            else if constexpr (std::is_same_v<T, NodeDevCapUsbDevice>)
                formatUsbDevice(w, c);
            else if constexpr (std::is_same_v<T, NodeDevCapUsbInterface>)
                formatUsbInterface(w, c);
            else if constexpr (std::is_same_v<T, NodeDevCapNet>)
                formatNet(w, c);
            else if constexpr (std::is_same_v<T, NodeDevCapScsiHost>)
                formatScsiHost(w, c, flags);
            else if constexpr (std::is_same_v<T, NodeDevCapScsiTarget>) {
                w.textElement("target", c.target);
                if (c.rport) {
                    w.open("capability").attr("type", "fc_remote_port");
                    w.textElement("rport", *c.rport).textElement("wwpn", c.rport_wwpn).close();
                }
            } else if constexpr (std::is_same_v<T, NodeDevCapScsi>) {
                w.textElement("host", std::to_string(c.host))
                    .textElement("bus", std::to_string(c.bus));
                w.textElement("target", std::to_string(c.target))
                    .textElement("lun", std::to_string(c.lun));
                optElement(w, "type", c.type);
            } else if constexpr (std::is_same_v<T, NodeDevCapStorage>)
                formatStorage(w, c);
            else if constexpr (std::is_same_v<T, NodeDevCapScsiGeneric>)
                w.textElement("char", c.char_dev);
            else if constexpr (std::is_same_v<T, NodeDevCapDrm>)
                w.textElement("type", c.type);
            else
                formatMdev(w, c);
        },
        cap);
    w.close();
}

}  // namespace

std::string formatNodeDeviceXml(const NodeDeviceDef& def, unsigned flags) {
    xml::Writer w;
    w.open("device");
    w.textElement("name", def.name);
    optElement(w, "path", def.sysfs_path);
    for (const NodeDevNode& n : def.devnodes)
        w.open("devnode").attr("type", n.link ? "link" : "dev").text(n.path).close();
    optElement(w, "parent", def.parent);
    if (def.driver) w.open("driver").textElement("name", *def.driver).close();
    for (const NodeDevCap& cap : def.caps) formatCap(w, cap, flags);
    w.close();
    return w.take();
}

Status validateNodeDeviceDef(const NodeDeviceDef& def) {
    auto err = [&](std::string detail) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kNodedev, detail));
    };
    if (def.name.empty() && !def.parent && !def.parent_wwnn)
        return err("node device has neither a name nor a parent");
    std::vector<size_t> seen;
    for (const NodeDevCap& cap : def.caps) {
        if (std::find(seen.begin(), seen.end(), cap.index()) != seen.end()) {
            return err(fmt::format("node device '{}' has more than one '{}' capability", def.name,
                                   nodeDevCapName(cap)));
        }
        seen.push_back(cap.index());
        if (const auto* host = std::get_if<NodeDevCapScsiHost>(&cap); host && host->fc_host) {
            for (const std::string& wwn : {host->wwnn, host->wwpn}) {
                bool good = wwn.size() == 16 &&
                            wwn.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
                if (!good)
                    return err(
                        fmt::format("malformed wwn '{}' in node device '{}'", wwn, def.name));
            }
        }
    }
    return ok();
}

}  // namespace nodevirt::conf
