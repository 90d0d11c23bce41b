// Parsing of the addressing parts of <network>: <ip> with its DHCP service, <route>, <dns>.
#include <fmt/format.h>

#include "conf/network/network_parse_internal.h"
#include "util/strings.h"

namespace nodevirt::conf::network_parse {
namespace {

constexpr uint64_t kMinLeaseSeconds = 120;
constexpr uint64_t kMaxLeaseSeconds = UINT32_MAX;

Result<IpAddress> requireAddress(const xml::Node& node, std::string_view attr,
                                 std::string_view missing, std::string_view invalid) {
    auto text = node.attr(attr);
    if (!text) return fail(xmlAt(node, missing));
    auto a = IpAddress::parse(*text);
    if (!a) return fail(xmlAt(node, fmt::format("{} '{}'", invalid, *text)));
    return *a;
}

Result<std::optional<DhcpLease>> parseLease(const xml::Node& parent) {
    xml::Node node = parent.child("lease");
    if (!node) return std::optional<DhcpLease>();
    DhcpLease lease;
    auto expiry = node.attr("expiry");
    if (!expiry) return fail(xmlAt(node, "Missing 'expiry' attribute in <lease>"));
    auto v = str::parseUint64(str::trim(*expiry));
    if (!v)
        return fail(
            xmlAt(node, fmt::format("Invalid value for 'expiry' attribute: '{}'", *expiry)));
    lease.expiry = *v;
    NODEVIRT_ASSIGN_OR_RETURN(auto unit, node.attrEnum("unit", {"seconds", "minutes", "hours"}));
    uint64_t scale = 60;
    if (unit && *unit == "seconds") {
        lease.unit = LeaseUnit::kSeconds;
        scale = 1;
    } else if (unit && *unit == "hours") {
        lease.unit = LeaseUnit::kHours;
        scale = 3600;
    }
    if (lease.expiry > 0) {
        if (lease.expiry > kMaxLeaseSeconds / scale) {
            return fail(
                xmlAt(node, fmt::format("The maximum lease time is {} seconds", kMaxLeaseSeconds)));
        }
        if (lease.expiry * scale < kMinLeaseSeconds) {
            return fail(xmlAt(node, "The minimum lease time should be greater than 2 minutes"));
        }
    }
    return std::optional<DhcpLease>(lease);
}

Status checkRange(const xml::Node& node, const NetworkIp& ip, const DhcpRange& range) {
    std::string s = range.start.toString(), e = range.end.toString();
    if (range.start.family() != range.end.family() || !ip.address ||
        range.start.family() != ip.address->family()) {
        return fail(at(ErrorCode::kInternalError, node,
                       fmt::format("range {} - {} has incorrect address family", s, e)));
    }
    unsigned prefix = ip.effectivePrefix();
    if (!range.start.sameNetwork(*ip.address, prefix) ||
        !range.end.sameNetwork(*ip.address, prefix)) {
        return fail(at(ErrorCode::kInternalError, node,
                       fmt::format("range {} - {} is not entirely within network {}/{}", s, e,
                                   ip.address->toString(), prefix)));
    }
    if (range.end < range.start) {
        return fail(
            at(ErrorCode::kInternalError, node, fmt::format("range {} - {} is reversed ", s, e)));
    }
    return ok();
}

Status parseDhcpHost(const xml::Node& node, const NetworkIp& ip, const std::string& net,
                     DhcpHost& host) {
    host.mac = node.attr("mac");
    host.id = node.attr("id");
    host.name = node.attr("name");
    bool v6 = ip.isIpv6();
    if (host.mac) {
        if (v6) {
            return fail(xmlAt(node, fmt::format("Invalid to specify MAC address '{}' in network "
                                                "'{}' IPv6 static host definition",
                                                *host.mac, net)));
        }
        auto mac = MacAddress::parse(*host.mac);
        if (!mac) {
            return fail(xmlAt(node, fmt::format("Cannot parse MAC address '{}' in network '{}'",
                                                *host.mac, net)));
        }
        if (mac->isMulticast()) {
            return fail(xmlAt(node, fmt::format("expected unicast mac address, found multicast "
                                                "'{}' in network '{}'",
                                                *host.mac, net)));
        }
    }
    if (host.id && !v6) {
        return fail(xmlAt(node, fmt::format("Invalid to specify id '{}' in network '{}' IPv4 "
                                            "static host definition",
                                            *host.id, net)));
    }
    if (host.name && host.name->empty()) {
        return fail(xmlAt(node, fmt::format("Empty host name in network '{}'", net)));
    }
    auto ip_text = node.attr("ip");
    if (!ip_text) {
        return fail(xmlAt(node, fmt::format("Missing IP address in static host definition for "
                                            "network '{}'",
                                            net)));
    }
    auto addr = IpAddress::parse(*ip_text);
    if (!addr || (ip.address && addr->family() != ip.address->family())) {
        return fail(xmlAt(node, fmt::format("Invalid IP address in static host definition for "
                                            "network '{}'",
                                            net)));
    }
    host.ip = *addr;
    if (!v6 && !host.mac && !host.name) {
        return fail(xmlAt(node, fmt::format("Static host definition in IPv4 network '{}' must "
                                            "have mac or name attribute",
                                            net)));
    }
    if (v6 && !host.id && !host.name) {
        return fail(xmlAt(node, fmt::format("Static host definition in IPv6 network '{}' must "
                                            "have id or name attribute",
                                            net)));
    }
    NODEVIRT_ASSIGN_OR_RETURN(host.lease, parseLease(node));
    return ok();
}

Status parseDhcp(const xml::Node& dhcp, const std::string& net, const ParseOptions& opts,
                 NetworkIp& ip) {
    NODEVIRT_TRY(checkChildren(dhcp, {"range", "host", "bootp"}, opts));
    auto ranges = dhcp.children("range");
    auto hosts = dhcp.children("host");
    NODEVIRT_TRY(checkCount(dhcp, ranges.size() + hosts.size(), kMaxDhcpEntries, "dhcp entries"));
    for (const xml::Node& r : ranges) {
        DhcpRange range;
        NODEVIRT_ASSIGN_OR_RETURN(
            range.start,
            requireAddress(
                r, "start",
                fmt::format("Missing 'start' attribute in dhcp range for network '{}'", net),
                "Invalid dhcp range 'start' address"));
        NODEVIRT_ASSIGN_OR_RETURN(
            range.end,
            requireAddress(
                r, "end",
                fmt::format("Missing 'end' attribute in dhcp range for network '{}'", net),
                "Invalid dhcp range 'end' address"));
        NODEVIRT_TRY(checkRange(r, ip, range));
        NODEVIRT_ASSIGN_OR_RETURN(range.lease, parseLease(r));
        ip.ranges.push_back(std::move(range));
    }
    for (const xml::Node& h : hosts) {
        DhcpHost host;
        NODEVIRT_TRY(parseDhcpHost(h, ip, net, host));
        ip.hosts.push_back(std::move(host));
    }
    if (xml::Node bootp = dhcp.child("bootp")) {
        if (ip.isIpv6()) {
            return fail(at(ErrorCode::kConfigUnsupported, bootp,
                           fmt::format("Unsupported <bootp> element in an IPv6 element in "
                                       "network '{}'",
                                       net)));
        }
        ip.bootp_file = bootp.attr("file");
        if (!ip.bootp_file) {
            return fail(xmlAt(bootp, fmt::format("Missing 'file' attribute in dhcp bootp for "
                                                 "network '{}'",
                                                 net)));
        }
        ip.bootp_server = bootp.attr("server");
    }
    return ok();
}

// family=, address=, netmask=/prefix= and their consistency rules.
Status parseIpAddressing(const xml::Node& node, const std::string& net, NetworkIp& ip) {
    ip.family = node.attr("family");
    if (ip.family && *ip.family != "ipv4" && *ip.family != "ipv6") {
        return fail(
            xmlAt(node, fmt::format("Unrecognized family '{}' in network '{}'", *ip.family, net)));
    }
    auto address = node.attr("address");
    if (!address) {
        return fail(
            xmlAt(node, fmt::format("Missing required address attribute in network '{}'", net)));
    }
    ip.address = IpAddress::parse(*address);
    if (!ip.address)
        return fail(
            xmlAt(node, fmt::format("Invalid address '{}' in network '{}'", *address, net)));
    if (!ip.family && !ip.address->isIpv4()) {
        return fail(at(ErrorCode::kConfigUnsupported, node,
                       fmt::format("no family specified for non-IPv4 address '{}' in network '{}'",
                                   *address, net)));
    }
    if (ip.family && (*ip.family == "ipv6") != ip.address->isIpv6()) {
        return fail(
            at(ErrorCode::kConfigUnsupported, node,
               fmt::format("family '{}' specified for non-{} address '{}' in network '{}'",
                           *ip.family, *ip.family == "ipv6" ? "IPv6" : "IPv4", *address, net)));
    }
    auto netmask = node.attr("netmask");
    if (netmask && node.hasAttr("prefix")) {
        return fail(at(
            ErrorCode::kConfigUnsupported, node,
            fmt::format("Network '{}' IP address cannot have both a prefix and a netmask", net)));
    }
    if (netmask) {
        ip.netmask = IpAddress::parse(*netmask);
        if (!ip.netmask || !ip.netmask->isIpv4()) {
            return fail(
                xmlAt(node, fmt::format("Invalid netmask '{}' in network '{}'", *netmask, net)));
        }
        if (!ip.address->isIpv4()) {
            return fail(
                at(ErrorCode::kConfigUnsupported, node,
                   fmt::format("netmask not supported for address '{}' in network '{}' (IPv4 only)",
                               *address, net)));
        }
    }
    if (auto prefix_text = node.attr("prefix")) {
        auto prefix = str::parseUint(str::trim(*prefix_text));
        if (!prefix)
            return fail(
                xmlAt(node, fmt::format("Invalid prefix '{}' in network '{}'", *prefix_text, net)));
        unsigned max = ip.address->isIpv4() ? 32 : 128;
        if (*prefix > max) {
            return fail(at(ErrorCode::kConfigUnsupported, node,
                           fmt::format("Invalid {} prefix '{}' in network '{}'",
                                       ip.address->isIpv4() ? "IPv4" : "IPv6", *prefix, net)));
        }
        ip.prefix = *prefix;
    }
    return ok();
}

}  // namespace

Status parseIp(const xml::Node& node, const std::string& net, const ParseOptions& opts,
               NetworkIp& ip) {
    NODEVIRT_TRY(checkAttrs(node, {"address", "netmask", "prefix", "family", "localPtr"}, opts));
    NODEVIRT_TRY(checkChildren(node, {"tftp", "dhcp"}, opts));
    NODEVIRT_TRY(parseIpAddressing(node, net, ip));
    NODEVIRT_ASSIGN_OR_RETURN(ip.local_ptr, node.attrYesNo("localPtr"));
    if (xml::Node tftp = node.child("tftp")) {
        if (ip.isIpv6()) {
            return fail(at(
                ErrorCode::kConfigUnsupported, tftp,
                fmt::format("Unsupported <tftp> element in an IPv6 element in network '{}'", net)));
        }
        ip.tftp_root = tftp.attr("root");
        if (!ip.tftp_root)
            return fail(xmlAt(
                tftp, fmt::format("Missing 'root' attribute in <tftp> of network '{}'", net)));
    }
    if (xml::Node dhcp = node.child("dhcp")) NODEVIRT_TRY(parseDhcp(dhcp, net, opts, ip));
    return ok();
}

Status parseRoute(const xml::Node& node, const std::string& net, NetworkRoute& route) {
    route.family = node.attr("family");
    if (route.family && *route.family != "ipv4" && *route.family != "ipv6") {
        return fail(xmlAt(node, fmt::format("{}: Unrecognized family '{}' in route definition", net,
                                            *route.family)));
    }
    auto address = node.attr("address");
    if (!address)
        return fail(xmlAt(
            node, fmt::format("{}: Missing required address attribute in route definition", net)));
    auto gateway = node.attr("gateway");
    if (!gateway)
        return fail(xmlAt(
            node, fmt::format("{}: Missing required gateway attribute in route definition", net)));
    auto addr = IpAddress::parse(*address);
    if (!addr)
        return fail(xmlAt(
            node, fmt::format("{}: Bad network address '{}' in route definition", net, *address)));
    auto gw = IpAddress::parse(*gateway);
    if (!gw)
        return fail(xmlAt(
            node, fmt::format("{}: Bad gateway address '{}' in route definition", net, *gateway)));
    route.address = *addr;
    route.gateway = *gw;
    bool v6 = route.family && *route.family == "ipv6";
    if (addr->isIpv6() != v6 || gw->isIpv6() != v6) {
        return fail(xmlAt(
            node, fmt::format("{}: {} family specified for non-{} address '{}' in route definition",
                              net, v6 ? "IPv6" : "IPv4 (default)", v6 ? "IPv6" : "IPv4",
                              addr->isIpv6() != v6 ? *address : *gateway)));
    }
    if (auto netmask = node.attr("netmask")) {
        if (node.hasAttr("prefix")) {
            return fail(xmlAt(
                node,
                fmt::format("{}: Route definition cannot have both a prefix and a netmask", net)));
        }
        auto mask = IpAddress::parse(*netmask);
        if (!mask || !mask->isIpv4() || v6) {
            return fail(xmlAt(node, fmt::format("{}: Bad netmask address '{}' in route definition",
                                                net, *netmask)));
        }
        route.netmask = mask;
    }
    if (auto prefix_text = node.attr("prefix")) {
        auto prefix = str::parseUint(str::trim(*prefix_text));
        if (!prefix || *prefix > (v6 ? 128U : 32U)) {
            return fail(
                xmlAt(node, fmt::format("{}: Invalid prefix {} specified in route definition", net,
                                        *prefix_text)));
        }
        route.prefix = *prefix;
    }
    if (auto metric_text = node.attr("metric")) {
        auto metric = str::parseUint(str::trim(*metric_text));
        if (!metric) return fail(node.badAttr("metric", *metric_text, "an unsigned integer"));
        if (*metric == 0) {
            return fail(xmlAt(
                node,
                "Invalid value for attribute 'metric' in element 'route': Zero is not permitted"));
        }
        route.metric = *metric;
    }
    return ok();
}

}  // namespace nodevirt::conf::network_parse
