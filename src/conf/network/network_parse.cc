// Parsing of <network>: the document itself, <forward>, <bridge>, <portgroup> and the
// parse-time rules libvirt applies (forward dev, which bridge options each mode allows).
#include <fmt/format.h>

#include <array>

#include "conf/network/metadata_xml.h"
#include "conf/network/network_parse_internal.h"
#include "conf/network/network_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace network_parse {

Error at(ErrorCode code, const xml::Node& node, std::string_view detail) {
    return Error::make(code, ErrorDomain::kNetwork,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Error xmlAt(const xml::Node& node, std::string_view detail) {
    return at(ErrorCode::kXmlError, node, detail);
}

Status checkCount(const xml::Node& parent, size_t count, size_t limit, std::string_view what) {
    if (count <= limit) return ok();
    return fail(xmlAt(parent, fmt::format("too many {} ({}, limit {})", what, count, limit)));
}

Result<std::optional<bool>> yesNo(const xml::Node& node, std::string_view attr,
                                  std::string_view what, const std::string& net) {
    auto v = node.attr(attr);
    if (!v) return std::optional<bool>();
    if (*v == "yes") return std::optional<bool>(true);
    if (*v == "no") return std::optional<bool>(false);
    return fail(xmlAt(node, fmt::format("Invalid {} setting '{}' in network '{}'", what, *v, net)));
}

}  // namespace network_parse

namespace {

using namespace network_parse;

constexpr std::array<std::string_view, 9> kForwardModes = {
    "none", "nat", "route", "open", "bridge", "private", "vepa", "passthrough", "hostdev"};
constexpr std::string_view kDnsmasqNamespace = "http://libvirt.org/schemas/network/dnsmasq/1.0";
constexpr size_t kMaxDnsmasqOptions = 1024;

Result<unsigned> pciField(const xml::Node& node, std::string_view attr, unsigned max) {
    auto text = node.attr(attr);
    if (!text) return fail(xmlAt(node, fmt::format("Missing '{}' in PCI address", attr)));
    auto v = str::parseUint(str::trim(*text), 0);
    if (!v || *v > max)
        return fail(node.badAttr(attr, *text, fmt::format("a number up to {:#x}", max)));
    return *v;
}

Result<NetworkPciAddress> parsePciAddress(const xml::Node& node) {
    NetworkPciAddress a;
    NODEVIRT_ASSIGN_OR_RETURN(a.domain, pciField(node, "domain", 0xffff));
    NODEVIRT_ASSIGN_OR_RETURN(a.bus, pciField(node, "bus", 0xff));
    NODEVIRT_ASSIGN_OR_RETURN(a.slot, pciField(node, "slot", 0x1f));
    NODEVIRT_ASSIGN_OR_RETURN(a.function, pciField(node, "function", 7));
    return a;
}

Result<unsigned> connections(const xml::Node& node, const ParseOptions& opts) {
    if (!opts.live) return 0U;
    NODEVIRT_ASSIGN_OR_RETURN(auto v, node.attrUint("connections"));
    if (v && *v > UINT32_MAX)
        return fail(node.badAttr("connections", *node.attr("connections"), "an unsigned int"));
    return static_cast<unsigned>(v.value_or(0));
}

Status parseNat(const xml::Node& nat, const std::string& net, NetworkForward& fwd) {
    NODEVIRT_ASSIGN_OR_RETURN(fwd.nat_ipv6, nat.attrYesNo("ipv6"));
    if (xml::Node addr = nat.child("address")) {
        auto start = addr.attr("start");
        auto end = addr.attr("end");
        if (!start)
            return fail(xmlAt(addr, fmt::format("missing 'start' attribute in <address> element in "
                                                "<nat> in <forward> in network {}",
                                                net)));
        if (!end)
            return fail(xmlAt(addr, fmt::format("missing 'end' attribute in <address> element in "
                                                "<nat> in <forward> in network {}",
                                                net)));
        fwd.nat_start = IpAddress::parse(*start);
        if (!fwd.nat_start || !fwd.nat_start->isIpv4()) {
            return fail(xmlAt(
                addr,
                fmt::format("Bad ipv4 start address '{}' in <nat> in <forward> in network '{}'",
                            *start, net)));
        }
        fwd.nat_end = IpAddress::parse(*end);
        if (!fwd.nat_end || !fwd.nat_end->isIpv4()) {
            return fail(xmlAt(
                addr, fmt::format("Bad ipv4 end address '{}' in <nat> in <forward> in network '{}'",
                                  *end, net)));
        }
        if (*fwd.nat_end < *fwd.nat_start) {
            return fail(at(ErrorCode::kInternalError, addr,
                           fmt::format("range {} - {} is reversed ", *start, *end)));
        }
    }
    if (xml::Node port = nat.child("port")) {
        auto bad = [&](std::string_view which) {
            return at(ErrorCode::kXmlDetail, port,
                      fmt::format("Missing or invalid '{}' attribute in <port> in <nat> in "
                                  "<forward> in network {}",
                                  which, net));
        };
        auto start = str::parseUint(str::trim(port.attr("start").value_or("")));
        if (!start || *start > 65535) return fail(bad("start"));
        auto end = str::parseUint(str::trim(port.attr("end").value_or("")));
        if (!end || *end > 65535 || *end < *start) return fail(bad("end"));
        fwd.nat_port_start = *start;
        fwd.nat_port_end = *end;
    }
    return ok();
}

// Where the forward pool comes from: <interface> (or dev=) wins over <address>, which wins
// over <pf> — libvirt keeps only one kind.
Status parseForwardPool(const xml::Node& node, const std::string& net, const ParseOptions& opts,
                        NetworkForward& fwd) {
    auto ifaces = node.children("interface");
    auto addrs = node.children("address");
    auto pfs = node.children("pf");
    NODEVIRT_TRY(checkCount(node, ifaces.size() + addrs.size(), kMaxForwardInterfaces,
                            "forward interfaces"));
    if (pfs.size() > 1)
        return fail(xmlAt(
            node, fmt::format("Only one <pf> element is allowed in <forward> of network {}", net)));
    if (!ifaces.empty() || fwd.dev) {
        for (const xml::Node& i : ifaces) {
            auto dev = i.attr("dev");
            if (!dev || dev->empty()) {
                return fail(xmlAt(i, fmt::format("Missing required dev attribute in <forward> "
                                                 "<interface> element of network {}",
                                                 net)));
            }
            if (fwd.interfaces.empty() && fwd.dev && *fwd.dev != *dev) {
                return fail(xmlAt(
                    i,
                    fmt::format(
                        "<forward dev='{}'> must match first <interface dev='{}'/> in network {}",
                        *fwd.dev, *dev, net)));
            }
            ForwardInterface fi;
            fi.dev = *dev;
            NODEVIRT_ASSIGN_OR_RETURN(fi.connections, connections(i, opts));
            fwd.interfaces.push_back(std::move(fi));
        }
        if (fwd.interfaces.empty()) fwd.interfaces.push_back(ForwardInterface{false, *fwd.dev});
        return ok();
    }
    if (!addrs.empty()) {
        for (const xml::Node& a : addrs) {
            auto type = a.attr("type");
            if (!type || *type != "pci") {
                return fail(xmlAt(a, fmt::format("unsupported address type '{}' in network {}",
                                                 type.value_or(""), net)));
            }
            ForwardInterface fi;
            fi.is_pci = true;
            NODEVIRT_ASSIGN_OR_RETURN(fi.pci, parsePciAddress(a));
            NODEVIRT_ASSIGN_OR_RETURN(fi.connections, connections(a, opts));
            fwd.interfaces.push_back(std::move(fi));
        }
        return ok();
    }
    if (!pfs.empty()) {
        fwd.pf_dev = pfs[0].attr("dev");
        if (!fwd.pf_dev)
            return fail(
                xmlAt(pfs[0],
                      fmt::format("Missing required dev attribute in <pf> element of network '{}'",
                                  net)));
    }
    return ok();
}

Status parseForward(const xml::Node& node, const std::string& net, const ParseOptions& opts,
                    NetworkForward& fwd) {
    NODEVIRT_TRY(checkAttrs(node, {"dev", "mode", "managed"}, opts));
    NODEVIRT_TRY(checkChildren(node, {"interface", "address", "pf", "driver", "nat"}, opts));
    fwd.mode = ForwardMode::kNat;
    if (auto mode = node.attr("mode")) {
        size_t i = 1;
        while (i < kForwardModes.size() && kForwardModes[i] != *mode) ++i;
        if (i == kForwardModes.size()) {
            return fail(at(ErrorCode::kConfigUnsupported, node,
                           fmt::format("unknown forwarding type '{}'", *mode)));
        }
        fwd.mode = static_cast<ForwardMode>(i);
    }
    if (auto dev = node.attr("dev"); dev && !dev->empty()) fwd.dev = *dev;
    NODEVIRT_ASSIGN_OR_RETURN(auto managed, node.attrYesNo("managed"));
    fwd.managed = managed.value_or(false);
    if (xml::Node driver = node.child("driver")) {
        auto name = driver.attr("name").value_or("");
        if (name == "kvm")
            fwd.driver = ForwardDriverName::kKvm;
        else if (name == "vfio")
            fwd.driver = ForwardDriverName::kVfio;
        else
            return fail(
                at(ErrorCode::kConfigUnsupported, driver,
                   fmt::format("Unknown forward <driver name='{}'/> in network {}", name, net)));
    }
    if (xml::Node nat = node.child("nat")) {
        if (fwd.mode != ForwardMode::kNat) {
            return fail(xmlAt(nat, fmt::format("The <nat> element can only be used when <forward> "
                                               "'mode' is 'nat' in network {}",
                                               net)));
        }
        NODEVIRT_TRY(parseNat(nat, net, fwd));
    }
    return parseForwardPool(node, net, opts, fwd);
}

Status parseBridge(const xml::Node& node, const std::string& net, NetworkBridge& bridge) {
    if (auto name = node.attr("name"); name && !name->empty()) bridge.name = *name;
    if (auto zone = node.attr("zone"); zone && !zone->empty()) bridge.zone = *zone;
    bridge.stp = node.attr("stp").value_or("on") != "off";
    if (auto delay = node.attr("delay")) {
        auto v = str::parseUint64(str::trim(*delay));
        if (!v) return fail(xmlAt(node, fmt::format("Invalid delay value in network '{}'", net)));
        bridge.delay = *v;
    }
    if (auto mtm = node.attr("macTableManager")) {
        if (*mtm == "kernel")
            bridge.mac_table_manager = MacTableManager::kKernel;
        else if (*mtm == "libvirt")
            bridge.mac_table_manager = MacTableManager::kLibvirt;
        else
            return fail(xmlAt(
                node,
                fmt::format("Invalid macTableManager setting '{}' in network '{}'", *mtm, net)));
    }
    return ok();
}

Status parsePortGroup(const xml::Node& node, const std::string& net, const ParseOptions& opts,
                      NetworkPortGroup& pg) {
    NODEVIRT_TRY(checkAttrs(node, {"name", "default", "trustGuestRxFilters"}, opts));
    NODEVIRT_TRY(checkChildren(node, {"virtualport", "bandwidth", "vlan"}, opts));
    auto name = node.attr("name");
    if (!name) return fail(xmlAt(node, "Missing required name attribute in portgroup"));
    pg.name = *name;
    NODEVIRT_ASSIGN_OR_RETURN(auto is_default, node.attrYesNo("default"));
    pg.is_default = is_default.value_or(false);
    NODEVIRT_ASSIGN_OR_RETURN(pg.trust_guest_rx_filters,
                              yesNo(node, "trustGuestRxFilters", "trustGuestRxFilters", net));
    if (xml::Node vp = node.child("virtualport")) {
        NODEVIRT_ASSIGN_OR_RETURN(pg.virtual_port, parseVirtualPort(vp, false));
    }
    if (xml::Node bw = node.child("bandwidth")) {
        NODEVIRT_ASSIGN_OR_RETURN(pg.bandwidth, parseBandwidth(bw, {false, opts.live}));
    }
    if (xml::Node vlan = node.child("vlan")) {
        NODEVIRT_ASSIGN_OR_RETURN(pg.vlan, parseVlan(vlan));
    }
    return ok();
}

// The rules libvirt applies once the whole document is read: which bridge settings each
// forward mode accepts, and that routed/NATed networks have an address.
Status checkModeRules(const xml::Node& root, const NetworkDef& def, bool stp_or_delay_given) {
    const std::string& net = def.name;
    std::string_view mode = kForwardModes[static_cast<size_t>(def.forward.mode)];
    switch (def.forward.mode) {
        case ForwardMode::kNat:
        case ForwardMode::kRoute:
        case ForwardMode::kOpen:
            if (def.ips.empty()) {
                return fail(xmlAt(
                    root,
                    fmt::format(
                        "{} forwarding requested, but no IP address provided for network '{}'",
                        mode, net)));
            }
            [[fallthrough]];
        case ForwardMode::kNone:
            if (def.forward.interfaces.size() > 1) {
                return fail(xmlAt(root, fmt::format("multiple forwarding interfaces specified for "
                                                    "network '{}', only one is supported",
                                                    net)));
            }
            return ok();
        default:
            break;
    }
    if (def.bridge.name && def.forward.mode != ForwardMode::kBridge) {
        return fail(xmlAt(
            root, fmt::format("bridge name not allowed in {} mode (network '{}')", mode, net)));
    }
    if (def.bridge.name && (!def.forward.interfaces.empty() || def.forward.pf_dev)) {
        return fail(xmlAt(root, fmt::format("A network with forward mode='{}' can specify a bridge "
                                            "name or a forward dev, but not both (network '{}')",
                                            mode, net)));
    }
    if (stp_or_delay_given || def.bridge.zone) {
        return fail(xmlAt(root, fmt::format("bridge delay/stp/zone options only allowed in route, "
                                            "nat, and isolated mode, not in {} (network '{}')",
                                            mode, net)));
    }
    return ok();
}

Status parseName(const xml::Node& root, NetworkDef& def) {
    auto name = root.childText("name");
    if (!name || name->empty()) return fail(Error::make(ErrorCode::kNoName, ErrorDomain::kNetwork));
    if (name->find('/') != std::string::npos) {
        return fail(
            Error::make(ErrorCode::kXmlDetail, ErrorDomain::kNetwork, "invalid char in name: /"));
    }
    def.name = *name;
    if (auto uuid = root.childText("uuid")) {
        auto u = Uuid::parse(*uuid);
        if (!u)
            return fail(
                at(ErrorCode::kInternalError, root.child("uuid"), "malformed uuid element"));
        def.uuid = *u;
        def.uuid_specified = true;
    }
    return ok();
}

Status parseTopAttributes(const xml::Node& root, const ParseOptions& opts, NetworkDef& def) {
    NODEVIRT_ASSIGN_OR_RETURN(def.trust_guest_rx_filters,
                              yesNo(root, "trustGuestRxFilters", "trustGuestRxFilters", def.name));
    NODEVIRT_ASSIGN_OR_RETURN(auto ipv6, yesNo(root, "ipv6", "ipv6", def.name));
    def.ipv6 = ipv6.value_or(false);
    NODEVIRT_ASSIGN_OR_RETURN(def.connections, connections(root, opts));
    if (xml::Node md = root.child("metadata"))
        def.metadata = serializeMetadataChildren(md.raw(), 4);
    if (xml::Node mtu = root.child("mtu")) {
        auto size = mtu.attr("size").value_or("");
        auto v = str::parseUint(str::trim(size));
        if (!v)
            return fail(
                xmlAt(mtu, fmt::format("Invalid mtu size '{}' in network '{}'", size, def.name)));
        def.mtu = *v;
    }
    if (xml::Node mac = root.child("mac")) {
        auto text = mac.attr("address").value_or("");
        auto m = MacAddress::parse(text);
        if (!m)
            return fail(xmlAt(mac, fmt::format("Invalid bridge mac address '{}' in network '{}'",
                                               text, def.name)));
        if (m->isMulticast()) {
            return fail(
                xmlAt(mac, fmt::format("Invalid multicast bridge mac address '{}' in network '{}'",
                                       text, def.name)));
        }
        def.mac = *m;
    }
    if (xml::Node dom = root.child("domain"); dom && dom.hasAttr("name")) {
        NetworkDomain d{*dom.attr("name"), std::nullopt};
        auto local = dom.attr("localOnly");
        if (local && *local != "yes" && *local != "no") {
            return fail(xmlAt(
                dom,
                fmt::format("Invalid value for attribute 'localOnly' in element 'domain': '{}'.",
                            *local)));
        }
        if (local) d.local_only = *local == "yes";
        def.domain = std::move(d);
    }
    if (xml::Node port = root.child("port")) {
        NODEVIRT_ASSIGN_OR_RETURN(def.port_isolated, port.attrYesNo("isolated"));
    }
    return ok();
}

// <dnsmasq:options>, located through whichever prefix the document binds to the namespace.
Status parseDnsmasqOptions(const xml::Node& root, NetworkDef& def) {
    std::string prefix;
    for (pugi::xml_attribute a = root.raw().first_attribute(); a; a = a.next_attribute()) {
        std::string_view n = a.name();
        if (n.substr(0, 6) == "xmlns:" && a.value() == kDnsmasqNamespace)
            prefix = std::string(n.substr(6));
    }
    if (prefix.empty()) return ok();
    xml::Node options = root.child(prefix + ":options");
    if (!options) return ok();
    auto items = options.children(prefix + ":option");
    NODEVIRT_TRY(checkCount(options, items.size(), kMaxDnsmasqOptions, "dnsmasq options"));
    for (const xml::Node& o : items) {
        auto value = o.attr("value");
        if (!value) return fail(xmlAt(o, "Missing required value attribute in dnsmasq option"));
        def.dnsmasq_options.push_back(*value);
    }
    return ok();
}

Status parseLists(const xml::Node& root, const ParseOptions& opts, NetworkDef& def) {
    auto ips = root.children("ip");
    auto routes = root.children("route");
    auto pgs = root.children("portgroup");
    NODEVIRT_TRY(checkCount(root, ips.size(), kMaxIps, "ip elements"));
    NODEVIRT_TRY(checkCount(root, routes.size(), kMaxRoutes, "routes"));
    NODEVIRT_TRY(checkCount(root, pgs.size(), kMaxPortGroups, "portgroups"));
    for (const xml::Node& n : ips) NODEVIRT_TRY(parseIp(n, def.name, opts, def.ips.emplace_back()));
    for (const xml::Node& n : routes)
        NODEVIRT_TRY(parseRoute(n, def.name, def.routes.emplace_back()));
    for (const xml::Node& n : pgs)
        NODEVIRT_TRY(parsePortGroup(n, def.name, opts, def.portgroups.emplace_back()));
    return ok();
}

Status parseNetwork(const xml::Node& root, const ParseOptions& opts, NetworkDef& def) {
    NODEVIRT_TRY(checkAttrs(root, {"connections", "ipv6", "trustGuestRxFilters"}, opts));
    NODEVIRT_TRY(checkChildren(
        root,
        {"name", "uuid", "metadata", "forward", "bridge", "mtu", "mac", "domain", "dns", "vlan",
         "bandwidth", "port", "ip", "route", "virtualport", "portgroup", "dnsmasq:options"},
        opts));
    NODEVIRT_TRY(parseName(root, def));
    NODEVIRT_TRY(parseTopAttributes(root, opts, def));
    if (xml::Node dns = root.child("dns")) NODEVIRT_TRY(parseDns(dns, def.name, opts, def.dns));
    if (xml::Node bw = root.child("bandwidth")) {
        NODEVIRT_ASSIGN_OR_RETURN(def.bandwidth, parseBandwidth(bw, {false, opts.live}));
    }
    if (xml::Node vlan = root.child("vlan")) {
        NODEVIRT_ASSIGN_OR_RETURN(def.vlan, parseVlan(vlan));
    }
    if (xml::Node vp = root.child("virtualport")) {
        NODEVIRT_ASSIGN_OR_RETURN(def.virtual_port, parseVirtualPort(vp, true));
    }
    NODEVIRT_TRY(parseLists(root, opts, def));
    bool stp_or_delay = false;
    if (xml::Node bridge = root.child("bridge")) {
        NODEVIRT_TRY(parseBridge(bridge, def.name, def.bridge));
        stp_or_delay = bridge.hasAttr("stp") || bridge.hasAttr("delay");
    }
    if (xml::Node fwd = root.child("forward"))
        NODEVIRT_TRY(parseForward(fwd, def.name, opts, def.forward));
    if (opts.xml_namespaces) NODEVIRT_TRY(parseDnsmasqOptions(root, def));
    return checkModeRules(root, def, stp_or_delay);
}

}  // namespace

std::string_view forwardModeName(ForwardMode mode) {
    return kForwardModes[static_cast<size_t>(mode)];
}

unsigned NetworkIp::effectivePrefix() const {
    if (prefix > 0) return prefix;
    if (netmask) {
        if (auto p = netmask->prefixFromNetmask()) return *p;
    }
    return address ? address->defaultPrefix() : 0;
}

Result<std::shared_ptr<NetworkDef>> parseNetworkXml(std::string_view xml,
                                                    const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "network"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "network_definition"));
    xml::Node root = doc->root();
    if (root.name() != "network") {
        return fail(
            Error::make(ErrorCode::kXmlError, ErrorDomain::kNetwork,
                        fmt::format("expecting root element of 'network', not '{}'", root.name())));
    }
    auto def = std::make_shared<NetworkDef>();
    NODEVIRT_TRY(parseNetwork(root, opts, *def));
    if (!def->uuid_specified) def->uuid = Uuid::generate();
    if (opts.validate) NODEVIRT_TRY(validateNetworkDef(*def));
    return def;
}

}  // namespace nodevirt::conf
