#include "drivers/test/network_update.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <sstream>

#include "conf/network/network_xml.h"
#include "driver/libvirt_constants.h"
#include "util/strings.h"

namespace nodevirt::drivers::test {
namespace {

constexpr unsigned kModify = lv::kNetworkUpdateCommandModify;
constexpr unsigned kDelete = lv::kNetworkUpdateCommandDelete;
constexpr unsigned kAddLast = lv::kNetworkUpdateCommandAddLast;
constexpr unsigned kAddFirst = lv::kNetworkUpdateCommandAddFirst;

Error invalid(std::string detail) { return operationInvalid(detail, ErrorDomain::kNetwork); }
Error unsupported(std::string detail) {
    return Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kNetwork, detail);
}
Error unknownCommand(unsigned command) {
    return unsupported(fmt::format("unrecognized network update command code {}", command));
}

std::string attr(const pugi::xml_node& n, const char* name) { return n.attribute(name).value(); }

bool sameMac(const std::string& a, const std::string& b) {
    return !a.empty() && str::toLower(a) == str::toLower(b);
}

// The <ip> whose DHCP section an update addresses: by index, or the first with DHCP data,
// else the first IPv4 (then IPv6) one.
Result<pugi::xml_node> ipForDhcp(pugi::xml_node net, int index, const std::string& name) {
    std::vector<pugi::xml_node> ips;
    for (auto ip : net.children("ip")) ips.push_back(ip);
    if (index >= 0) {
        if (static_cast<size_t>(index) < ips.size()) return ips[static_cast<size_t>(index)];
        return fail(invalid(fmt::format("couldn't update dhcp host entry - no <ip> element found at "
                                        "index {} in network '{}'",
                                        index, name)));
    }
    for (auto ip : ips) {
        auto dhcp = ip.child("dhcp");
        if (dhcp && (dhcp.child("range") || dhcp.child("host"))) return ip;
    }
    for (auto ip : ips) {
        if (attr(ip, "family") != "ipv6" && attr(ip, "address").find(':') == std::string::npos) return ip;
    }
    if (!ips.empty()) return ips.front();
    return fail(invalid(fmt::format("couldn't update dhcp host entry - no <ip> element found in network '{}'",
                                    name)));
}

pugi::xml_node childOrCreate(pugi::xml_node parent, const char* name, bool first = false) {
    if (auto c = parent.child(name)) return c;
    return first ? parent.prepend_child(name) : parent.append_child(name);
}

void insert(pugi::xml_node parent, const pugi::xml_node& item, unsigned command) {
    if (command == kAddFirst) {
        auto first = parent.child(item.name());
        if (first) parent.insert_copy_before(item, first);
        else parent.append_copy(item);
    } else {
        pugi::xml_node last;
        for (auto c : parent.children(item.name())) last = c;
        if (last) parent.insert_copy_after(item, last);
        else parent.append_copy(item);
    }
}

std::string hostText(const pugi::xml_node& h) {
    std::string out = "<host";
    for (const char* a : {"mac", "id", "name", "ip"}) {
        if (h.attribute(a)) out += fmt::format(" {}='{}'", a, attr(h, a));
    }
    return out + "/>";
}

Status updateDhcpHost(pugi::xml_node net, const pugi::xml_node& item, unsigned command, int index,
                      const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto ip, ipForDhcp(net, index, name));
    auto dhcp = childOrCreate(ip, "dhcp");
    auto matches = [&](const pugi::xml_node& h) {
        return sameMac(attr(item, "mac"), attr(h, "mac")) ||
               (!attr(item, "name").empty() && attr(item, "name") == attr(h, "name")) ||
               (!attr(item, "ip").empty() && attr(item, "ip") == attr(h, "ip"));
    };
    pugi::xml_node found;
    for (auto h : dhcp.children("host")) {
        if (matches(h)) {
            found = h;
            break;
        }
    }
    if (command == kModify) {
        if (!found) {
            auto show = [&](const char* a) { return item.attribute(a) ? attr(item, a) : "(null)"; };
            return fail(invalid(fmt::format("couldn't locate an existing dhcp host entry with \"mac='{}'\" "
                                            "\"name='{}'\" \"ip='{}'\" in network '{}'",
                                            show("mac"), show("name"), show("ip"), name)));
        }
        dhcp.insert_copy_before(item, found);
        dhcp.remove_child(found);
    } else if (command == kAddFirst || command == kAddLast) {
        if (found) {
            return fail(invalid(fmt::format("there is an existing dhcp host entry in network '{}' that "
                                            "matches \"{}\"",
                                            name, hostText(item))));
        }
        insert(dhcp, item, command);
    } else if (command == kDelete) {
        if (!found) return fail(invalid(fmt::format("couldn't locate a matching dhcp host entry in network '{}'", name)));
        dhcp.remove_child(found);
    } else {
        return fail(unknownCommand(command));
    }
    return ok();
}

Status updateDhcpRange(pugi::xml_node net, const pugi::xml_node& item, unsigned command, int index,
                       const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto ip, ipForDhcp(net, index, name));
    if (command == kModify) return fail(unsupported("dhcp ranges cannot be modified, only added or deleted"));
    auto dhcp = childOrCreate(ip, "dhcp", true);
    pugi::xml_node found;
    for (auto r : dhcp.children("range")) {
        if (attr(r, "start") == attr(item, "start") && attr(r, "end") == attr(item, "end")) found = r;
    }
    if (command == kAddFirst || command == kAddLast) {
        if (found) {
            return fail(invalid(fmt::format("there is an existing dhcp range entry in network '{}' that matches "
                                            "\"<range start='{}' end='{}'/>\"",
                                            name, attr(item, "start"), attr(item, "end"))));
        }
        insert(dhcp, item, command);
    } else if (command == kDelete) {
        if (!found) return fail(invalid(fmt::format("couldn't locate a matching dhcp range entry in network '{}'", name)));
        dhcp.remove_child(found);
    } else {
        return fail(unknownCommand(command));
    }
    return ok();
}

// DNS host/txt/srv records and port groups: matched by a key, added or deleted.
Status updateKeyed(pugi::xml_node parent, const pugi::xml_node& item, unsigned command,
                   const std::function<bool(const pugi::xml_node&)>& same, bool modifiable,
                   const std::string& what_exists, const std::string& what_missing,
                   const std::string& no_modify) {
    pugi::xml_node found;
    for (auto c : parent.children(item.name())) {
        if (same(c)) {
            found = c;
            break;
        }
    }
    if (command == kAddFirst || command == kAddLast) {
        if (found) return fail(invalid(what_exists));
        insert(parent, item, command);
    } else if (command == kDelete) {
        if (!found) return fail(invalid(what_missing));
        parent.remove_child(found);
    } else if (command == kModify) {
        if (!modifiable) return fail(unsupported(no_modify));
        if (!found) return fail(invalid(what_missing));
        parent.insert_copy_before(item, found);
        parent.remove_child(found);
    } else {
        return fail(unknownCommand(command));
    }
    return ok();
}

// <dns> must come before <ip> in the document for the parser to accept it in order.
pugi::xml_node dnsNode(pugi::xml_node net) {
    if (auto d = net.child("dns")) return d;
    if (auto ip = net.child("ip")) return net.insert_child_before("dns", ip);
    return net.append_child("dns");
}

std::string sectionName(unsigned section) {
    switch (section) {
        case lv::kNetworkSectionBridge: return "bridge";
        case lv::kNetworkSectionDomain: return "domain";
        case lv::kNetworkSectionIp: return "ip";
        case lv::kNetworkSectionForward: return "forward";
        case lv::kNetworkSectionForwardPf: return "forward pf";
        default: return "";
    }
}

Status applySection(pugi::xml_node net, const pugi::xml_node& item, unsigned command, unsigned section,
                    int index, const std::string& name) {
    auto expect = [&](const char* el) -> Status {
        if (std::string_view(item.name()) == el) return ok();
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kNetwork,
                                fmt::format("unexpected element <{}>, expecting <{}>, while updating network '{}'",
                                            item.name(), el, name)));
    };
    switch (section) {
        case lv::kNetworkSectionIpDhcpHost:
            NODEVIRT_TRY(expect("host"));
            return updateDhcpHost(net, item, command, index, name);
        case lv::kNetworkSectionIpDhcpRange:
            NODEVIRT_TRY(expect("range"));
            return updateDhcpRange(net, item, command, index, name);
        case lv::kNetworkSectionDnsHost: {
            NODEVIRT_TRY(expect("host"));
            auto same = [&](const pugi::xml_node& h) { return attr(h, "ip") == attr(item, "ip"); };
            return updateKeyed(dnsNode(net), item, command, same, false,
                               fmt::format("there is already at least one DNS HOST record with a matching field "
                                           "in network {}",
                                           name),
                               fmt::format("couldn't locate a matching DNS HOST record in network {}", name),
                               "DNS HOST records cannot be modified, only added or deleted");
        }
        case lv::kNetworkSectionDnsTxt: {
            NODEVIRT_TRY(expect("txt"));
            auto same = [&](const pugi::xml_node& t) { return attr(t, "name") == attr(item, "name"); };
            return updateKeyed(dnsNode(net), item, command, same, false,
                               fmt::format("there is already a DNS TXT record with name '{}' in network {}",
                                           attr(item, "name"), name),
                               fmt::format("couldn't locate a matching DNS TXT record in network {}", name),
                               "DNS TXT records cannot be modified, only added or deleted");
        }
        case lv::kNetworkSectionDnsSrv: {
            NODEVIRT_TRY(expect("srv"));
            auto same = [&](const pugi::xml_node& s) {
                return attr(s, "service") == attr(item, "service") && attr(s, "protocol") == attr(item, "protocol");
            };
            return updateKeyed(dnsNode(net), item, command, same, false,
                               fmt::format("there is already at least one DNS SRV record matching all specified "
                                           "fields in network {}",
                                           name),
                               fmt::format("couldn't locate a matching DNS SRV record in network {}", name),
                               "DNS SRV records cannot be modified, only added or deleted");
        }
        case lv::kNetworkSectionPortgroup: {
            NODEVIRT_TRY(expect("portgroup"));
            auto same = [&](const pugi::xml_node& p) { return attr(p, "name") == attr(item, "name"); };
            return updateKeyed(net, item, command, same, true,
                               fmt::format("there is already a portgroup named '{}' in network '{}'",
                                           attr(item, "name"), name),
                               fmt::format("couldn't find a portgroup named '{}' in network '{}'", attr(item, "name"),
                                           name),
                               "");
        }
        case lv::kNetworkSectionForwardInterface: {
            NODEVIRT_TRY(expect("interface"));
            auto forward = net.child("forward");
            if (!forward) return fail(invalid(fmt::format("can't add an <interface> element unless the network has a "
                                                          "<forward> element in network '{}'", name)));
            auto same = [&](const pugi::xml_node& i) { return attr(i, "dev") == attr(item, "dev"); };
            return updateKeyed(forward, item, command, same, false,
                               fmt::format("there is an existing interface entry in network '{}' that matches "
                                           "\"<interface dev='{}'>\"",
                                           name, attr(item, "dev")),
                               fmt::format("couldn't find an interface entry with dev='{}' in network '{}'",
                                           attr(item, "dev"), name),
                               "forward interface entries cannot be modified, only added or deleted");
        }
        default:
            break;
    }
    std::string sec = sectionName(section);
    if (sec.empty()) return fail(unsupported("can't update unrecognized section of network"));
    return fail(unsupported(fmt::format("can't update '{}' section of network '{}'", sec, name)));
}

}  // namespace

Result<std::shared_ptr<conf::NetworkDef>> updateNetworkDef(const conf::NetworkDef& def, unsigned command,
                                                           unsigned section, int parent_index,
                                                           const std::string& xml) {
    pugi::xml_document doc;
    std::string current = conf::formatNetworkXml(def, 0);
    if (!doc.load_string(current.c_str())) return fail(internalError("cannot re-read a network definition"));
    pugi::xml_document frag;
    if (!frag.load_string(xml.c_str()) || !frag.document_element()) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kNetwork,
                                fmt::format("cannot parse the update for network '{}'", def.name)));
    }
    NODEVIRT_TRY(applySection(doc.document_element(), frag.document_element(), command, section, parent_index,
                              def.name));
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default | pugi::format_no_declaration);
    conf::ParseOptions opts;
    return conf::parseNetworkXml(out.str(), opts);
}

}  // namespace nodevirt::drivers::test
