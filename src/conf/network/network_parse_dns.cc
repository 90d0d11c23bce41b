// Parsing of <network><dns>: forwarders, TXT, SRV and host records.
#include <fmt/format.h>

#include "conf/network/network_parse_internal.h"
#include "util/strings.h"

namespace nodevirt::conf::network_parse {
namespace {

constexpr size_t kMaxSrvServiceLength = 15;
constexpr size_t kMaxSrvProtocolLength = 3;

Status parseForwarder(const xml::Node& node, const std::string& net, DnsForwarder& fwd) {
    if (auto addr = node.attr("addr")) {
        fwd.addr = IpAddress::parse(*addr);
        if (!fwd.addr) {
            return fail(xmlAt(node, fmt::format("Invalid forwarder IP address '{}' in network '{}'",
                                                *addr, net)));
        }
    }
    fwd.domain = node.attr("domain");
    if (!fwd.addr && !fwd.domain) {
        return fail(xmlAt(node,
                          "Invalid forwarder element, must contain at least one of addr or "
                          "domain"));
    }
    return ok();
}

Status parseTxt(const xml::Node& node, const std::string& net, DnsTxt& txt) {
    auto name = node.attr("name");
    if (!name) {
        return fail(at(
            ErrorCode::kXmlDetail, node,
            fmt::format("missing required name attribute in DNS TXT record of network {}", net)));
    }
    if (name->find(' ') != std::string::npos) {
        return fail(
            at(ErrorCode::kXmlDetail, node,
               fmt::format("prohibited space character in DNS TXT record name '{}' of network {}",
                           *name, net)));
    }
    auto value = node.attr("value");
    if (!value) {
        return fail(
            at(ErrorCode::kXmlDetail, node,
               fmt::format("missing required value attribute in DNS TXT record named '{}' of "
                           "network {}",
                           *name, net)));
    }
    txt.name = *name;
    txt.value = *value;
    return ok();
}

Result<unsigned> srvNumber(const xml::Node& node, std::string_view attr, const DnsSrv& srv,
                           const std::string& net, unsigned min) {
    auto text = node.attr(attr);
    if (!text) return 0U;
    auto v = str::parseUint(str::trim(*text));
    if (!v || *v < min || *v > 65535) {
        return fail(at(ErrorCode::kXmlDetail, node,
                       fmt::format("invalid DNS SRV {} attribute for service '{}' in network '{}'",
                                   attr, srv.service, net)));
    }
    return *v;
}

Status parseSrv(const xml::Node& node, const std::string& net, DnsSrv& srv) {
    auto service = node.attr("service");
    if (!service) {
        return fail(
            at(ErrorCode::kXmlDetail, node,
               fmt::format("missing required service attribute in DNS SRV record of network '{}'",
                           net)));
    }
    if (service->size() > kMaxSrvServiceLength) {
        return fail(
            at(ErrorCode::kXmlDetail, node,
               fmt::format("service attribute '{}' in network '{}' is too long, limit is {} bytes",
                           *service, net, kMaxSrvServiceLength)));
    }
    srv.service = *service;
    auto protocol = node.attr("protocol");
    if (!protocol) {
        return fail(
            at(ErrorCode::kXmlDetail, node,
               fmt::format(
                   "missing required protocol attribute in DNS SRV record '{}' of network '{}'",
                   *service, net)));
    }
    if (protocol->size() > kMaxSrvProtocolLength) {
        return fail(
            at(ErrorCode::kXmlDetail, node,
               fmt::format("protocol attribute '{}' in network '{}' is too long, limit is {} bytes",
                           *protocol, net, kMaxSrvProtocolLength)));
    }
    srv.protocol = *protocol;
    srv.domain = node.attr("domain");
    srv.target = node.attr("target");
    if (!srv.target) {
        for (std::string_view attr : {"port", "priority", "weight"}) {
            if (!node.hasAttr(attr)) continue;
            return fail(at(ErrorCode::kXmlDetail, node,
                           fmt::format("DNS SRV {} attribute not permitted without target for "
                                       "service '{}' in network '{}'",
                                       attr, srv.service, net)));
        }
    }
    NODEVIRT_ASSIGN_OR_RETURN(srv.port, srvNumber(node, "port", srv, net, 1));
    NODEVIRT_ASSIGN_OR_RETURN(srv.priority, srvNumber(node, "priority", srv, net, 0));
    NODEVIRT_ASSIGN_OR_RETURN(srv.weight, srvNumber(node, "weight", srv, net, 0));
    return ok();
}

Status parseHost(const xml::Node& node, const std::string& net, DnsHost& host) {
    auto ip = node.attr("ip");
    if (!ip) {
        return fail(at(ErrorCode::kXmlDetail, node,
                       fmt::format("Missing IP address in network '{}' DNS HOST record", net)));
    }
    auto addr = IpAddress::parse(*ip);
    if (!addr) {
        return fail(at(ErrorCode::kXmlDetail, node,
                       fmt::format("Invalid IP address in network '{}' DNS HOST record", net)));
    }
    host.ip = *addr;
    auto names = node.children("hostname");
    NODEVIRT_TRY(checkCount(node, names.size(), kMaxDnsEntries, "hostnames"));
    for (const xml::Node& n : names) {
        std::string text = n.text();
        if (!text.empty()) host.hostnames.push_back(std::move(text));
    }
    if (host.hostnames.empty()) {
        return fail(at(ErrorCode::kXmlDetail, node,
                       fmt::format("Missing hostname in network '{}' DNS HOST record", net)));
    }
    return ok();
}

}  // namespace

Status parseDns(const xml::Node& node, const std::string& net, const ParseOptions& opts,
                NetworkDns& dns) {
    NODEVIRT_TRY(checkAttrs(node, {"enable", "forwardPlainNames"}, opts));
    NODEVIRT_TRY(checkChildren(node, {"forwarder", "txt", "srv", "host"}, opts));
    NODEVIRT_ASSIGN_OR_RETURN(dns.enable, yesNo(node, "enable", "dns enable", net));
    NODEVIRT_ASSIGN_OR_RETURN(dns.forward_plain_names,
                              yesNo(node, "forwardPlainNames", "dns forwardPlainNames", net));
    auto forwarders = node.children("forwarder");
    auto txts = node.children("txt");
    auto srvs = node.children("srv");
    auto hosts = node.children("host");
    NODEVIRT_TRY(checkCount(node, forwarders.size() + txts.size() + srvs.size() + hosts.size(),
                            kMaxDnsEntries, "dns records"));
    for (const xml::Node& n : forwarders) {
        NODEVIRT_TRY(parseForwarder(n, net, dns.forwarders.emplace_back()));
    }
    for (const xml::Node& n : hosts) NODEVIRT_TRY(parseHost(n, net, dns.hosts.emplace_back()));
    for (const xml::Node& n : srvs) NODEVIRT_TRY(parseSrv(n, net, dns.srvs.emplace_back()));
    for (const xml::Node& n : txts) NODEVIRT_TRY(parseTxt(n, net, dns.txts.emplace_back()));
    if (dns.enable == false && !(dns.forwarders.empty() && dns.hosts.empty() && dns.srvs.empty() &&
                                 dns.txts.empty() && !dns.forward_plain_names)) {
        return fail(xmlAt(node, fmt::format("Extra data in disabled network '{}'", net)));
    }
    return ok();
}

}  // namespace nodevirt::conf::network_parse
