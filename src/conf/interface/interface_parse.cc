// Parsing of the host <interface> document, top level and nested members, with libvirt's
// rules on which fields each level and type carries.
#include <fmt/format.h>

#include <array>

#include "conf/common/mac_address.h"
#include "conf/interface/interface_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

constexpr std::array<std::string_view, 4> kTypes = {"ethernet", "bridge", "bond", "vlan"};
constexpr std::string_view kBondModes[] = {"balance-rr", "active-backup", "balance-xor",
                                           "broadcast",  "802.3ad",       "balance-tlb",
                                           "balance-alb"};
constexpr size_t kMaxMembers = 1024;
constexpr size_t kMaxAddresses = 1024;
constexpr int kMaxDepth = 3;  // top, bridge member, bond member inside a bridge

Error xmlAt(const xml::Node& node, std::string_view detail) {
    return Error::make(ErrorCode::kXmlError, ErrorDomain::kInterface,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Error badValue(const xml::Node& node, std::string_view attr, std::string_view value,
               std::string_view expected = "") {
    std::string msg = fmt::format("Invalid value for attribute '{}' in element '{}': '{}'.", attr,
                                  node.name(), value);
    if (!expected.empty()) msg += fmt::format(" Expected {} value", expected);
    return xmlAt(node, msg);
}

Result<unsigned> uintAttr(const xml::Node& node, std::string_view attr, std::string_view expected) {
    auto text = node.attr(attr);
    if (!text) return 0U;
    auto v = str::parseUint(str::trim(*text));
    if (!v) return fail(badValue(node, attr, *text, expected));
    return *v;
}

Status parseProtocol(const xml::Node& node, HostInterfaceProtocol& proto) {
    proto.family = node.attr("family").value_or("");
    if (proto.family != "ipv4" && proto.family != "ipv6") {
        return fail(xmlAt(node, fmt::format("unsupported protocol family '{}'", proto.family)));
    }
    if (proto.family == "ipv6") proto.autoconf = static_cast<bool>(node.child("autoconf"));
    if (xml::Node dhcp = node.child("dhcp")) {
        proto.dhcp = true;
        if (auto peer = dhcp.attr("peerdns")) {
            if (*peer != "yes" && *peer != "no") return fail(badValue(dhcp, "peerdns", *peer));
            proto.peer_dns = *peer == "yes";
        }
    }
    auto ips = node.children("ip");
    if (ips.size() > kMaxAddresses) return fail(xmlAt(node, "too many addresses"));
    for (const xml::Node& ip : ips) {
        auto address = ip.attr("address");
        if (!address) return fail(xmlAt(ip, "missing address attribute in protocol ip"));
        NODEVIRT_ASSIGN_OR_RETURN(unsigned prefix, uintAttr(ip, "prefix", "integer"));
        proto.ips.push_back({*address, prefix});
    }
    if (xml::Node route = node.child("route")) proto.gateway = route.attr("gateway");
    return ok();
}

Status parseLink(const xml::Node& node, HostInterfaceLink& link) {
    xml::Node l = node.child("link");
    if (!l) return ok();
    if (l.hasAttr("speed")) {
        NODEVIRT_ASSIGN_OR_RETURN(unsigned speed, uintAttr(l, "speed", "non-negative integer"));
        link.speed = speed;
    }
    if (auto state = l.attr("state")) {
        static constexpr std::string_view kStates[] = {
            "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"};
        if (std::find(std::begin(kStates), std::end(kStates), *state) == std::end(kStates)) {
            return fail(badValue(l, "state", *state));
        }
        link.state = *state;
    }
    return ok();
}

Status parseInterface(const xml::Node& node, const ParseOptions& opts, int depth,
                      std::optional<HostInterfaceType> parent, HostInterfaceDef& def);

Status parseMembers(const xml::Node& container, const ParseOptions& opts, int depth,
                    HostInterfaceType parent, std::vector<HostInterfaceDef>& members) {
    auto children = container.children("interface");
    if (children.size() > kMaxMembers) return fail(xmlAt(container, "too many member interfaces"));
    for (const xml::Node& c : children) {
        NODEVIRT_TRY(parseInterface(c, opts, depth + 1, parent, members.emplace_back()));
    }
    return ok();
}

Status parseBridge(const xml::Node& node, const ParseOptions& opts, int depth,
                   HostInterfaceDef& def) {
    xml::Node b = node.child("bridge");
    if (!b) return fail(xmlAt(node, "bridge interface misses the bridge element"));
    HostInterfaceBridge& bridge = def.bridge.emplace();
    auto stp = b.attr("stp");
    if (stp == "on" || stp == "off") bridge.stp = *stp == "on";
    bridge.delay = b.attr("delay");
    return parseMembers(b, opts, depth, HostInterfaceType::kBridge, bridge.members);
}

Status parseBond(const xml::Node& node, const ParseOptions& opts, int depth,
                 HostInterfaceDef& def) {
    xml::Node b = node.child("bond");
    if (!b) return fail(xmlAt(node, "bond interface misses the bond element"));
    HostInterfaceBond& bond = def.bond.emplace();
    if (auto mode = b.attr("mode")) {
        if (std::find(std::begin(kBondModes), std::end(kBondModes), *mode) ==
            std::end(kBondModes)) {
            return fail(xmlAt(b, fmt::format("unknown bonding mode {}", *mode)));
        }
        bond.mode = *mode;
    }
    if (xml::Node mii = b.child("miimon")) {
        bond.monitor = BondMonitor::kMii;
        auto freq = str::parseUint(str::trim(mii.attr("freq").value_or("")));
        if (!freq) return fail(xmlAt(mii, "bond interface miimon freq missing or invalid"));
        bond.mii_freq = *freq;
        NODEVIRT_ASSIGN_OR_RETURN(bond.mii_downdelay,
                                  uintAttr(mii, "downdelay", "non-negative integer"));
        NODEVIRT_ASSIGN_OR_RETURN(bond.mii_updelay,
                                  uintAttr(mii, "updelay", "non-negative integer"));
        if (auto carrier = mii.attr("carrier")) {
            if (*carrier != "ioctl" && *carrier != "netif") {
                return fail(xmlAt(mii, fmt::format("unknown miimon carrier {}", *carrier)));
            }
            bond.mii_carrier = *carrier;
        }
    } else if (xml::Node arp = b.child("arpmon")) {
        bond.monitor = BondMonitor::kArp;
        auto interval = str::parseUint(str::trim(arp.attr("interval").value_or("")));
        if (!interval) return fail(xmlAt(arp, "bond interface arpmon interval missing or invalid"));
        bond.arp_interval = *interval;
        auto target = arp.attr("target");
        if (!target) return fail(xmlAt(arp, "bond interface arpmon target missing"));
        bond.arp_target = *target;
        if (auto validate = arp.attr("validate")) {
            static constexpr std::string_view kValidate[] = {"none", "active", "backup", "all"};
            if (std::find(std::begin(kValidate), std::end(kValidate), *validate) ==
                std::end(kValidate)) {
                return fail(xmlAt(arp, fmt::format("unknown arpmon validate {}", *validate)));
            }
            bond.arp_validate = *validate;
        }
    }
    return parseMembers(b, opts, depth, HostInterfaceType::kBond, bond.members);
}

Status parseVlan(const xml::Node& node, HostInterfaceDef& def) {
    xml::Node v = node.child("vlan");
    if (!v) return fail(xmlAt(node, "vlan interface misses the vlan element"));
    auto tag = v.attr("tag");
    if (!tag) return fail(xmlAt(v, "vlan interface misses the tag attribute"));
    auto dev = v.child("interface").attr("name");
    if (!dev) return fail(xmlAt(v, "vlan interface misses name attribute"));
    def.vlan = HostInterfaceVlan{*tag, *dev};
    return ok();
}

Status parseTopLevel(const xml::Node& node, const ParseOptions& opts, HostInterfaceDef& def) {
    NODEVIRT_TRY(checkChildren(
        node, {"start", "mtu", "protocol", "link", "mac", "bridge", "bond", "vlan"}, opts));
    if (xml::Node start = node.child("start")) {
        auto mode = start.attr("mode").value_or("");
        if (mode == "none")
            def.start_mode = HostInterfaceStartMode::kNone;
        else if (mode == "onboot")
            def.start_mode = HostInterfaceStartMode::kOnboot;
        else if (mode == "hotplug")
            def.start_mode = HostInterfaceStartMode::kHotplug;
        else
            return fail(xmlAt(start, fmt::format("unknown interface startmode {}", mode)));
    }
    if (xml::Node mtu = node.child("mtu")) {
        auto size = mtu.attr("size").value_or("");
        auto v = str::parseUint(str::trim(size));
        if (!v) return fail(xmlAt(mtu, fmt::format("interface mtu value '{}' is improper", size)));
        def.mtu = *v;
    }
    auto protocols = node.children("protocol");
    if (protocols.size() > 2) return fail(xmlAt(node, "too many protocol elements"));
    for (const xml::Node& p : protocols)
        NODEVIRT_TRY(parseProtocol(p, def.protocols.emplace_back()));
    return ok();
}

Status parseInterface(const xml::Node& node, const ParseOptions& opts, int depth,
                      std::optional<HostInterfaceType> parent, HostInterfaceDef& def) {
    if (depth > kMaxDepth) return fail(xmlAt(node, "interfaces nested too deeply"));
    auto type = node.attr("type");
    if (!type) return fail(xmlAt(node, "Missing required attribute 'type' in element 'interface'"));
    auto it = std::find(kTypes.begin(), kTypes.end(), *type);
    if (it == kTypes.end()) return fail(badValue(node, "type", *type));
    def.type = static_cast<HostInterfaceType>(it - kTypes.begin());
    bool allowed =
        !parent || def.type == HostInterfaceType::kEthernet ||
        (*parent == HostInterfaceType::kBridge && def.type != HostInterfaceType::kBridge);
    if (!allowed)
        return fail(xmlAt(node, fmt::format("interface has unsupported type '{}'", *type)));
    auto name = node.attr("name");
    if (!name || name->empty()) return fail(xmlAt(node, "interface has no name"));
    def.name = *name;
    if (!parent) NODEVIRT_TRY(parseTopLevel(node, opts, def));
    // Bridges have no <link> of their own in libvirt's schema; it is dropped.
    if (def.type != HostInterfaceType::kBridge) NODEVIRT_TRY(parseLink(node, def.link));
    switch (def.type) {
        case HostInterfaceType::kEthernet:
            if (xml::Node mac = node.child("mac")) def.mac = mac.attr("address");
            return ok();
        case HostInterfaceType::kBridge:
            return parseBridge(node, opts, depth, def);
        case HostInterfaceType::kBond:
            return parseBond(node, opts, depth, def);
        case HostInterfaceType::kVlan:
            return parseVlan(node, def);
    }
    return ok();
}

Status validateProtocol(const HostInterfaceDef& def, const HostInterfaceProtocol& p) {
    for (const HostInterfaceIp& ip : p.ips) {
        unsigned max = p.family == "ipv4" ? 32 : 128;
        std::string_view a = ip.address;
        bool v6 = a.find(':') != std::string_view::npos;
        bool ok_family = (p.family == "ipv6") == v6 && !a.empty();
        if (!ok_family || ip.prefix > max) {
            return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kInterface,
                                    fmt::format("interface '{}' has invalid {} address '{}/{}'",
                                                def.name, p.family, ip.address, ip.prefix)));
        }
    }
    return ok();
}

}  // namespace

std::string_view hostInterfaceTypeName(HostInterfaceType type) {
    return kTypes[static_cast<size_t>(type)];
}

Result<std::shared_ptr<HostInterfaceDef>> parseHostInterfaceXml(std::string_view xml,
                                                                const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "interface"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "interface_definition"));
    xml::Node root = doc->root();
    if (root.name() != "interface") {
        return fail(Error::make(
            ErrorCode::kXmlError, ErrorDomain::kInterface,
            fmt::format("expecting root element of 'interface', not '{}'", root.name())));
    }
    auto def = std::make_shared<HostInterfaceDef>();
    NODEVIRT_TRY(parseInterface(root, opts, 0, std::nullopt, *def));
    if (opts.validate) NODEVIRT_TRY(validateHostInterfaceDef(*def));
    return def;
}

Status validateHostInterfaceDef(const HostInterfaceDef& def) {
    for (const HostInterfaceProtocol& p : def.protocols) NODEVIRT_TRY(validateProtocol(def, p));
    if (def.mac && !MacAddress::parse(*def.mac)) {
        return fail(Error::make(ErrorCode::kInvalidMac, ErrorDomain::kInterface,
                                fmt::format("'{}' of interface '{}'", *def.mac, def.name)));
    }
    auto members = [&]() -> const std::vector<HostInterfaceDef>* {
        if (def.bridge) return &def.bridge->members;
        if (def.bond) return &def.bond->members;
        return nullptr;
    }();
    if (members) {
        for (const HostInterfaceDef& m : *members) NODEVIRT_TRY(validateHostInterfaceDef(m));
    }
    return ok();
}

}  // namespace nodevirt::conf
