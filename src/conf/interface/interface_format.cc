// Prints the host <interface> document in libvirt's order: start, mtu, protocols and link
// first, then the type's own element; member interfaces always as open/close pairs.
#include <fmt/format.h>

#include "conf/common/format_helpers.h"
#include "conf/interface/interface_xml.h"

namespace nodevirt::conf {
namespace {

std::string_view startModeName(HostInterfaceStartMode m) {
    switch (m) {
        case HostInterfaceStartMode::kNone:
            return "none";
        case HostInterfaceStartMode::kOnboot:
            return "onboot";
        case HostInterfaceStartMode::kHotplug:
            return "hotplug";
        case HostInterfaceStartMode::kUnspecified:
            break;
    }
    return "";
}

void formatProtocol(xml::Writer& w, const HostInterfaceProtocol& p) {
    xml::Writer head;
    head.open("protocol").attr("family", p.family).close();
    xml::Writer body(1);
    if (p.autoconf) body.open("autoconf").close();
    if (p.dhcp) {
        body.open("dhcp");
        if (p.peer_dns) body.attr("peerdns", *p.peer_dns ? "yes" : "no");
        body.close();
    }
    for (const HostInterfaceIp& ip : p.ips) {
        body.open("ip").attr("address", ip.address);
        if (ip.prefix > 0) body.attr("prefix", ip.prefix);
        body.close();
    }
    if (p.gateway) body.open("route").attr("gateway", *p.gateway).close();
    writeExpanded(w, head, body);
}

void formatInterface(xml::Writer& w, const HostInterfaceDef& def, bool top);

void formatBond(xml::Writer& w, const HostInterfaceBond& bond) {
    xml::Writer head;
    head.open("bond");
    head.attrIf("mode", bond.mode);
    head.close();
    xml::Writer body(1);
    if (bond.monitor == BondMonitor::kMii) {
        body.open("miimon").attr("freq", bond.mii_freq);
        if (bond.mii_downdelay) body.attr("downdelay", bond.mii_downdelay);
        if (bond.mii_updelay) body.attr("updelay", bond.mii_updelay);
        body.attrIf("carrier", bond.mii_carrier);
        body.close();
    } else if (bond.monitor == BondMonitor::kArp) {
        body.open("arpmon").attr("interval", bond.arp_interval).attr("target", bond.arp_target);
        body.attrIf("validate", bond.arp_validate);
        body.close();
    }
    for (const HostInterfaceDef& m : bond.members) formatInterface(body, m, false);
    writeExpanded(w, head, body);
}

void formatBridge(xml::Writer& w, const HostInterfaceBridge& bridge) {
    xml::Writer head;
    head.open("bridge");
    if (bridge.stp) head.attr("stp", *bridge.stp ? "on" : "off");
    head.attrIf("delay", bridge.delay);
    head.close();
    xml::Writer body(1);
    for (const HostInterfaceDef& m : bridge.members) formatInterface(body, m, false);
    writeExpanded(w, head, body);
}

void formatInterface(xml::Writer& w, const HostInterfaceDef& def, bool top) {
    xml::Writer head;
    head.open("interface")
        .attr("type", hostInterfaceTypeName(def.type))
        .attr("name", def.name)
        .close();
    xml::Writer body(1);
    if (top) {
        if (def.start_mode != HostInterfaceStartMode::kUnspecified) {
            body.open("start").attr("mode", startModeName(def.start_mode)).close();
        }
        if (def.mtu) body.open("mtu").attr("size", def.mtu).close();
        for (const HostInterfaceProtocol& p : def.protocols) formatProtocol(body, p);
    }
    if (!def.link.empty()) {
        body.open("link");
        body.attrIf("speed", def.link.speed).attrIf("state", def.link.state);
        body.close();
    }
    switch (def.type) {
        case HostInterfaceType::kEthernet:
            if (def.mac) body.open("mac").attr("address", *def.mac).close();
            break;
        case HostInterfaceType::kBridge:
            if (def.bridge) formatBridge(body, *def.bridge);
            break;
        case HostInterfaceType::kBond:
            if (def.bond) formatBond(body, *def.bond);
            break;
        case HostInterfaceType::kVlan:
            if (def.vlan) {
                body.open("vlan").attr("tag", def.vlan->tag);
                body.open("interface").attr("name", def.vlan->device).close();
                body.close();
            }
            break;
    }
    writeExpanded(w, head, body);
}

}  // namespace

std::string formatHostInterfaceXml(const HostInterfaceDef& def, unsigned flags) {
    (void)flags;
    xml::Writer w;
    formatInterface(w, def, true);
    return w.take();
}

}  // namespace nodevirt::conf
