// Parsing of the node device <device> document and its non-PCI capabilities.
#include <fmt/format.h>

#include <array>

#include "conf/node_device/node_device_parse_internal.h"
#include "conf/node_device/node_device_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace nodedev_parse {

Error at(ErrorCode code, const xml::Node& node, std::string_view detail) {
    return Error::make(code, ErrorDomain::kNodedev,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Error xmlAt(const xml::Node& node, std::string_view detail) {
    return at(ErrorCode::kXmlError, node, detail);
}

Error badValue(const xml::Node& node, std::string_view attr, std::string_view value,
               std::string_view kind) {
    std::string msg = fmt::format("Invalid value for attribute '{}' in element '{}': '{}'.", attr,
                                  node.name(), value);
    if (!kind.empty()) msg += fmt::format(" Expected {} value", kind);
    return xmlAt(node, msg);
}

Result<uint64_t> requireUint64(const Ctx& ctx, const xml::Node& cap, std::string_view element,
                               std::string_view what) {
    xml::Node n = cap.child(element);
    if (!n)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no {} supplied for '{}'", what, ctx.dev)));
    auto v = str::parseUint64(str::trim(n.text()));
    if (!v)
        return fail(at(ErrorCode::kInternalError, n,
                       fmt::format("invalid {} supplied for '{}'", what, ctx.dev)));
    return *v;
}

Result<unsigned> requireUint(const Ctx& ctx, const xml::Node& cap, std::string_view element,
                             std::string_view what, int base) {
    xml::Node n = cap.child(element);
    if (!n)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no {} supplied for '{}'", what, ctx.dev)));
    auto v = str::parseUint(str::trim(n.text()), base);
    if (!v)
        return fail(at(ErrorCode::kInternalError, n,
                       fmt::format("invalid {} supplied for '{}'", what, ctx.dev)));
    return *v;
}

Result<unsigned> requireIdAttr(const Ctx& ctx, const xml::Node& cap, std::string_view element,
                               std::string_view what) {
    xml::Node n = cap.child(element);
    auto id = n ? n.attr("id") : std::nullopt;
    if (!id)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no {} supplied for '{}'", what, ctx.dev)));
    auto v = str::parseUint(str::trim(*id), 16);
    if (!v || *v > 0xffff)
        return fail(at(ErrorCode::kInternalError, n,
                       fmt::format("invalid {} supplied for '{}'", what, ctx.dev)));
    return *v;
}

Result<std::optional<unsigned>> optUintAttr(const xml::Node& node, std::string_view attr) {
    auto text = node.attr(attr);
    if (!text) return std::optional<unsigned>();
    auto v = str::parseUint(str::trim(*text));
    if (!v) return fail(badValue(node, attr, *text, "non-negative integer"));
    return std::optional<unsigned>(*v);
}

std::optional<std::string> optText(const xml::Node& node, std::string_view element) {
    auto t = node.childText(element);
    if (!t || t->empty()) return std::nullopt;
    return t;
}

Result<NodeDevPciAddress> parsePciAddress(const xml::Node& node) {
    NodeDevPciAddress a;
    struct Field {
        const char* name;
        unsigned* value;
        unsigned max;
    };
    for (Field f : {Field{"domain", &a.domain, 0xffff}, Field{"bus", &a.bus, 0xff},
                    Field{"slot", &a.slot, 0x1f}, Field{"function", &a.function, 7}}) {
        auto text = node.attr(f.name).value_or("");
        auto v = str::parseUint(str::trim(text), 0);
        if (!v || *v > f.max) return fail(badValue(node, f.name, text));
        *f.value = *v;
    }
    return a;
}

}  // namespace nodedev_parse

namespace {

using namespace nodedev_parse;

constexpr std::array<std::string_view, 12> kCapNames = {
    "system",      "pci",  "usb_device", "usb",          "net", "scsi_host",
    "scsi_target", "scsi", "storage",    "scsi_generic", "drm", "mdev"};
constexpr size_t kMaxCaps = 64;

Status parseSystem(const Ctx& ctx, const xml::Node& cap, NodeDevCapSystem& sys) {
    sys.product = optText(cap, "product");
    xml::Node hw = cap.child("hardware");
    sys.hw_vendor = optText(hw, "vendor");
    sys.hw_version = optText(hw, "version");
    sys.hw_serial = optText(hw, "serial");
    auto uuid = hw.childText("uuid");
    if (!uuid)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no system UUID supplied for '{}'", ctx.dev)));
    auto u = Uuid::parse(*uuid);
    if (!u)
        return fail(at(ErrorCode::kInternalError, hw,
                       fmt::format("malformed uuid element for '{}'", ctx.dev)));
    sys.hw_uuid = *u;
    xml::Node fw = cap.child("firmware");
    sys.fw_vendor = optText(fw, "vendor");
    sys.fw_version = optText(fw, "version");
    sys.fw_release_date = optText(fw, "release_date");
    return ok();
}

Status parseUsbDevice(const Ctx& ctx, const xml::Node& cap, NodeDevCapUsbDevice& usb) {
    NODEVIRT_ASSIGN_OR_RETURN(usb.bus, requireUint(ctx, cap, "bus", "USB bus number"));
    NODEVIRT_ASSIGN_OR_RETURN(usb.device, requireUint(ctx, cap, "device", "USB device number"));
    NODEVIRT_ASSIGN_OR_RETURN(usb.vendor_id, requireIdAttr(ctx, cap, "vendor", "USB vendor ID"));
    NODEVIRT_ASSIGN_OR_RETURN(usb.product_id, requireIdAttr(ctx, cap, "product", "USB product ID"));
    usb.vendor_name = optText(cap, "vendor");
    usb.product_name = optText(cap, "product");
    return ok();
}

Status parseUsbInterface(const Ctx& ctx, const xml::Node& cap, NodeDevCapUsbInterface& usb) {
    NODEVIRT_ASSIGN_OR_RETURN(usb.number, requireUint(ctx, cap, "number", "USB interface number"));
    NODEVIRT_ASSIGN_OR_RETURN(usb.klass, requireUint(ctx, cap, "class", "USB interface class"));
    NODEVIRT_ASSIGN_OR_RETURN(usb.subclass,
                              requireUint(ctx, cap, "subclass", "USB interface subclass"));
    NODEVIRT_ASSIGN_OR_RETURN(usb.protocol,
                              requireUint(ctx, cap, "protocol", "USB interface protocol"));
    usb.description = optText(cap, "description");
    return ok();
}

Status parseNet(const Ctx& ctx, const xml::Node& cap, NodeDevCapNet& net) {
    auto iface = optText(cap, "interface");
    if (!iface)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no network interface supplied for '{}'", ctx.dev)));
    net.interface = *iface;
    net.address = optText(cap, "address");
    if (xml::Node link = cap.child("link")) {
        NODEVIRT_ASSIGN_OR_RETURN(net.link_speed, optUintAttr(link, "speed"));
        if (net.link_speed == 0U) net.link_speed.reset();
        if (auto state = link.attr("state")) {
            static constexpr std::string_view kStates[] = {
                "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"};
            if (std::find(std::begin(kStates), std::end(kStates), *state) == std::end(kStates)) {
                return fail(badValue(link, "state", *state));
            }
            net.link_state = *state;
        }
    }
    auto features = cap.children("feature");
    if (features.size() > kMaxListItems) return fail(xmlAt(cap, "too many features"));
    for (const xml::Node& f : features) {
        auto name = f.attr("name");
        if (!name) return fail(xmlAt(f, "missing network device feature name"));
        net.features.push_back(*name);
    }
    if (xml::Node sub = cap.child("capability")) {
        auto type = sub.attr("type").value_or("");
        if (type != "80203" && type != "80211") {
            return fail(at(ErrorCode::kConfigUnsupported, sub,
                           fmt::format("invalid network type supplied for '{}'", ctx.dev)));
        }
        net.subtype = type;
    }
    return ok();
}

// A missing WWN in create XML is generated, as libvirt does for new vHBAs.
std::string generateWwn() {
    Uuid u = Uuid::generate();
    std::string out = "5001a4a";
    static constexpr char kHex[] = "0123456789abcdef";
    for (size_t i = 0; out.size() < 16; ++i) out += kHex[u.bytes()[i] & 0xf];
    return out;
}

Status parseScsiHost(const Ctx& ctx, const xml::Node& cap, NodeDevCapScsiHost& host) {
    if (!ctx.opts.new_device || cap.child("host")) {
        NODEVIRT_ASSIGN_OR_RETURN(host.host, requireUint(ctx, cap, "host", "SCSI host ID"));
    }
    if (auto uid = cap.childText("unique_id")) {
        auto v = str::parseInt(str::trim(*uid));
        if (!v)
            return fail(at(ErrorCode::kInternalError, cap,
                           fmt::format("invalid unique_id supplied for '{}'", ctx.dev)));
        host.unique_id = *v;
    }
    for (const xml::Node& sub : cap.children("capability")) {
        auto type = sub.attr("type").value_or("");
        if (type == "fc_host") {
            host.fc_host = true;
            host.wwnn = optText(sub, "wwnn").value_or(generateWwn());
            host.wwpn = optText(sub, "wwpn").value_or(generateWwn());
            host.fabric_wwn = optText(sub, "fabric_wwn");
        } else if (type == "vport_ops") {
            host.vport_ops = true;
            if (ctx.opts.live) {
                host.max_vports = static_cast<unsigned>(
                    str::parseUint(str::trim(sub.childText("max_vports").value_or("")))
                        .value_or(0));
                host.vports = static_cast<unsigned>(
                    str::parseUint(str::trim(sub.childText("vports").value_or(""))).value_or(0));
            }
        } else {
            return fail(
                at(ErrorCode::kConfigUnsupported, sub,
                   fmt::format("unknown SCSI host capability type '{}' for '{}'", type, ctx.dev)));
        }
    }
    return ok();
}

Status parseScsiTarget(const Ctx& ctx, const xml::Node& cap, NodeDevCapScsiTarget& t) {
    auto target = optText(cap, "target");
    if (!target)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no target name supplied for '{}'", ctx.dev)));
    t.target = *target;
    if (xml::Node sub = cap.child("capability"); sub && sub.attr("type") == "fc_remote_port") {
        t.rport = optText(sub, "rport").value_or("");
        t.rport_wwpn = optText(sub, "wwpn").value_or("");
    }
    return ok();
}

Status parseScsi(const Ctx& ctx, const xml::Node& cap, NodeDevCapScsi& s) {
    NODEVIRT_ASSIGN_OR_RETURN(s.host, requireUint(ctx, cap, "host", "SCSI host ID"));
    NODEVIRT_ASSIGN_OR_RETURN(s.bus, requireUint(ctx, cap, "bus", "SCSI bus ID"));
    NODEVIRT_ASSIGN_OR_RETURN(s.target, requireUint(ctx, cap, "target", "SCSI target ID"));
    NODEVIRT_ASSIGN_OR_RETURN(s.lun, requireUint(ctx, cap, "lun", "SCSI LUN ID"));
    s.type = optText(cap, "type");
    return ok();
}

Status parseStorage(const Ctx& ctx, const xml::Node& cap, NodeDevCapStorage& st) {
    auto block = optText(cap, "block");
    if (!block)
        return fail(at(ErrorCode::kInternalError, cap,
                       fmt::format("no block device path supplied for '{}'", ctx.dev)));
    st.block = *block;
    st.bus = optText(cap, "bus");
    st.drive_type = optText(cap, "drive_type");
    st.model = optText(cap, "model");
    st.vendor = optText(cap, "vendor");
    st.serial = optText(cap, "serial");
    const xml::Node* sizes = &cap;
    xml::Node removable;
    for (const xml::Node& sub : cap.children("capability")) {
        auto type = sub.attr("type").value_or("");
        if (type == "hotpluggable") {
            st.hotpluggable = true;
        } else if (type == "removable") {
            st.removable = true;
            removable = sub;
            st.media_available = str::trim(sub.childText("media_available").value_or("0")) == "1";
            NODEVIRT_ASSIGN_OR_RETURN(
                st.media_size, requireUint64(ctx, sub, "media_size", "removable media size"));
            st.media_label = optText(sub, "media_label");
        } else {
            return fail(
                at(ErrorCode::kConfigUnsupported, sub,
                   fmt::format("unknown storage capability type '{}' for '{}'", type, ctx.dev)));
        }
    }
    if (!st.removable) {
        NODEVIRT_ASSIGN_OR_RETURN(st.size, requireUint64(ctx, cap, "size", "size"));
    }
    if (removable) sizes = &removable;
    if (ctx.opts.live) {
        st.logical_block_size =
            str::parseUint64(str::trim(sizes->childText("logical_block_size").value_or("")))
                .value_or(0);
        st.num_blocks =
            str::parseUint64(str::trim(sizes->childText("num_blocks").value_or(""))).value_or(0);
    }
    return ok();
}

Status parseMdev(const Ctx& ctx, const xml::Node& cap, NodeDevCapMdev& m) {
    auto type = cap.child("type").attr("id");
    if (!type)
        return fail(at(ErrorCode::kConfigUnsupported, cap,
                       fmt::format("missing type id attribute for '{}'", ctx.dev)));
    m.type = *type;
    if (auto uuid = cap.childText("uuid")) {
        m.uuid = Uuid::parse(*uuid);
        if (!m.uuid)
            return fail(at(ErrorCode::kInternalError, cap,
                           fmt::format("Invalid uuid '{}' for new mdev device", *uuid)));
    }
    if (xml::Node iommu = cap.child("iommuGroup")) {
        NODEVIRT_ASSIGN_OR_RETURN(m.iommu_group, optUintAttr(iommu, "number"));
    }
    auto attrs = cap.children("attr");
    if (attrs.size() > kMaxListItems) return fail(xmlAt(cap, "too many mdev attributes"));
    for (const xml::Node& a : attrs) {
        auto name = a.attr("name");
        auto value = a.attr("value");
        if (!name || !value)
            return fail(
                at(ErrorCode::kConfigUnsupported, a, "mdev attribute missing name or value"));
        m.attrs.emplace_back(*name, *value);
    }
    return ok();
}

Result<NodeDevCap> parseCap(const Ctx& ctx, const xml::Node& cap) {
    auto type = cap.attr("type");
    if (!type) return fail(xmlAt(cap, "Missing required attribute 'type' in element 'capability'"));
    auto it = std::find(kCapNames.begin(), kCapNames.end(), *type);
    if (it == kCapNames.end()) return fail(badValue(cap, "type", *type));
    switch (it - kCapNames.begin()) {
        case 0: {
            NodeDevCapSystem c;
            NODEVIRT_TRY(parseSystem(ctx, cap, c));
            return c;
        }
        case 1: {
            NodeDevCapPci c;
            NODEVIRT_TRY(parsePciCap(ctx, cap, c));
            return c;
        }
        case 2: {
            NodeDevCapUsbDevice c;
            NODEVIRT_TRY(parseUsbDevice(ctx, cap, c));
            return c;
        }
        case 3: {
            NodeDevCapUsbInterface c;
            NODEVIRT_TRY(parseUsbInterface(ctx, cap, c));
            return c;
        }
        case 4: {
            NodeDevCapNet c;
            NODEVIRT_TRY(parseNet(ctx, cap, c));
            return c;
        }
        case 5: {
            NodeDevCapScsiHost c;
            NODEVIRT_TRY(parseScsiHost(ctx, cap, c));
            return c;
        }
        case 6: {
            NodeDevCapScsiTarget c;
            NODEVIRT_TRY(parseScsiTarget(ctx, cap, c));
            return c;
        }
        case 7: {
            NodeDevCapScsi c;
            NODEVIRT_TRY(parseScsi(ctx, cap, c));
            return c;
        }
        case 8: {
            NodeDevCapStorage c;
            NODEVIRT_TRY(parseStorage(ctx, cap, c));
            return c;
        }
        case 9:
            return NodeDevCapScsiGeneric{cap.childText("char").value_or("")};
        case 10: {
            NodeDevCapDrm c{cap.childText("type").value_or("")};
            if (c.type != "primary" && c.type != "control" && c.type != "render") {
                return fail(at(ErrorCode::kConfigUnsupported, cap,
                               fmt::format("unknown drm type '{}' for '{}'", c.type, ctx.dev)));
            }
            return c;
        }
        default: {
            NodeDevCapMdev c;
            NODEVIRT_TRY(parseMdev(ctx, cap, c));
            return c;
        }
    }
}

Status parseHeader(const xml::Node& root, const ParseOptions& opts, NodeDeviceDef& def) {
    def.name = root.childText("name").value_or("");
    def.sysfs_path = optText(root, "path");
    for (const xml::Node& n : root.children("devnode")) {
        auto type = n.attr("type").value_or("");
        if (type != "dev" && type != "link") return fail(badValue(n, "type", type));
        def.devnodes.push_back({type == "link", n.text()});
        if (def.devnodes.size() > kMaxListItems) return fail(xmlAt(root, "too many devnodes"));
    }
    if (xml::Node parent = root.child("parent")) {
        def.parent = optText(root, "parent");
        def.parent_wwnn = parent.attr("wwnn");
        def.parent_wwpn = parent.attr("wwpn");
        def.parent_fabric_wwn = parent.attr("fabric_wwn");
    }
    if (opts.live) def.driver = optText(root.child("driver"), "name");
    return ok();
}

}  // namespace

std::string_view nodeDevCapName(const NodeDevCap& cap) { return kCapNames[cap.index()]; }

Result<std::shared_ptr<NodeDeviceDef>> parseNodeDeviceXml(std::string_view xml,
                                                          const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "node device"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "node_device_definition"));
    xml::Node root = doc->root();
    if (root.name() != "device") {
        return fail(
            Error::make(ErrorCode::kXmlError, ErrorDomain::kNodedev,
                        fmt::format("expecting root element of 'device', not '{}'", root.name())));
    }
    NODEVIRT_TRY(
        checkChildren(root, {"name", "path", "devnode", "parent", "driver", "capability"}, opts));
    auto def = std::make_shared<NodeDeviceDef>();
    NODEVIRT_TRY(parseHeader(root, opts, *def));
    auto caps = root.children("capability");
    if (caps.empty()) {
        return fail(at(ErrorCode::kInternalError, root,
                       fmt::format("no device capabilities for '{}'", def->name)));
    }
    if (caps.size() > kMaxCaps) return fail(xmlAt(root, "too many device capabilities"));
    Ctx ctx{def->name, opts};
    for (const xml::Node& c : caps) {
        NODEVIRT_ASSIGN_OR_RETURN(NodeDevCap cap, parseCap(ctx, c));
        def->caps.push_back(std::move(cap));
    }
    if (opts.validate) NODEVIRT_TRY(validateNodeDeviceDef(*def));
    return def;
}

}  // namespace nodevirt::conf
