// Prints a NetworkDef the way libvirt's network XML formatter does: element order, which
// zero/default values are omitted, and the open/close pairs it keeps for empty <ip> and
// <portgroup> elements.
#include <fmt/format.h>

#include "conf/common/format_helpers.h"
#include "conf/network/metadata_xml.h"
#include "conf/network/network_xml.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {
namespace {

constexpr std::string_view kDnsmasqNamespace = "http://libvirt.org/schemas/network/dnsmasq/1.0";

std::string_view leaseUnitName(LeaseUnit u) {
    switch (u) {
        case LeaseUnit::kSeconds:
            return "seconds";
        case LeaseUnit::kMinutes:
            return "minutes";
        case LeaseUnit::kHours:
            return "hours";
    }
    return "minutes";
}

void formatLease(xml::Writer& w, const std::optional<DhcpLease>& lease) {
    if (!lease) return;
    w.open("lease").attr("expiry", lease->expiry);
    if (lease->expiry > 0) w.attr("unit", leaseUnitName(lease->unit));
    w.close();
}

void formatForwardPool(xml::Writer& w, const NetworkForward& fwd, unsigned flags) {
    bool inactive = flags & kFormatInactive;
    if (fwd.pf_dev) w.open("pf").attr("dev", *fwd.pf_dev).close();
    if (fwd.interfaces.empty() || (fwd.pf_dev && inactive)) return;
    for (const ForwardInterface& fi : fwd.interfaces) {
        if (fi.is_pci) {
            w.open("address").attr("type", "pci").attrHex("domain", fi.pci.domain, 4);
            w.attrHex("bus", fi.pci.bus, 2)
                .attrHex("slot", fi.pci.slot, 2)
                .attrHex("function", fi.pci.function, 1);
        } else {
            w.open("interface").attr("dev", fi.dev);
        }
        if (!inactive && fi.connections > 0) w.attr("connections", fi.connections);
        w.close();
    }
}

void formatForward(xml::Writer& w, const NetworkForward& fwd, unsigned flags) {
    if (fwd.mode == ForwardMode::kNone) return;
    w.open("forward");
    if (!fwd.pf_dev && !fwd.interfaces.empty() && !fwd.interfaces[0].is_pci) {
        w.attr("dev", fwd.interfaces[0].dev);
    }
    w.attr("mode", forwardModeName(fwd.mode));
    if (fwd.mode == ForwardMode::kHostdev) w.attr("managed", fwd.managed ? "yes" : "no");
    if (fwd.driver != ForwardDriverName::kDefault) {
        w.open("driver")
            .attr("name", fwd.driver == ForwardDriverName::kKvm ? "kvm" : "vfio")
            .close();
    }
    bool has_nat = fwd.nat_start || fwd.nat_port_start || fwd.nat_port_end || fwd.nat_ipv6;
    if (fwd.mode == ForwardMode::kNat && has_nat) {
        w.open("nat");
        if (fwd.nat_ipv6) w.attr("ipv6", *fwd.nat_ipv6 ? "yes" : "no");
        if (fwd.nat_start) {
            w.open("address").attr("start", fwd.nat_start->toString());
            if (fwd.nat_end) w.attr("end", fwd.nat_end->toString());
            w.close();
        }
        if (fwd.nat_port_start || fwd.nat_port_end) {
            w.open("port").attr("start", fwd.nat_port_start).attr("end", fwd.nat_port_end).close();
        }
        w.close();
    }
    formatForwardPool(w, fwd, flags);
    w.close();
}

void formatBridge(xml::Writer& w, const NetworkDef& def) {
    const NetworkBridge& b = def.bridge;
    if (!def.managesBridge() && !b.name && b.mac_table_manager == MacTableManager::kDefault) return;
    w.open("bridge");
    if (b.name) w.attr("name", *b.name);
    if (b.zone) w.attr("zone", *b.zone);
    if (def.managesBridge()) w.attr("stp", b.stp ? "on" : "off").attr("delay", b.delay);
    if (b.mac_table_manager != MacTableManager::kDefault) {
        w.attr("macTableManager",
               b.mac_table_manager == MacTableManager::kKernel ? "kernel" : "libvirt");
    }
    w.close();
}

void formatDns(xml::Writer& w, const NetworkDns& dns) {
    if (dns.empty()) return;
    w.open("dns");
    if (dns.enable) w.attr("enable", *dns.enable ? "yes" : "no");
    if (dns.forward_plain_names)
        w.attr("forwardPlainNames", *dns.forward_plain_names ? "yes" : "no");
    for (const DnsForwarder& f : dns.forwarders) {
        w.open("forwarder");
        if (f.domain) w.attr("domain", *f.domain);
        if (f.addr) w.attr("addr", f.addr->toString());
        w.close();
    }
    for (const DnsTxt& t : dns.txts)
        w.open("txt").attr("name", t.name).attr("value", t.value).close();
    for (const DnsSrv& s : dns.srvs) {
        w.open("srv").attr("service", s.service).attr("protocol", s.protocol);
        if (s.domain) w.attr("domain", *s.domain);
        if (s.target) w.attr("target", *s.target);
        if (s.port) w.attr("port", s.port);
        if (s.priority) w.attr("priority", s.priority);
        if (s.weight) w.attr("weight", s.weight);
        w.close();
    }
    for (const DnsHost& h : dns.hosts) {
        w.open("host").attr("ip", h.ip.toString());
        for (const std::string& name : h.hostnames) w.textElement("hostname", name);
        w.close();
    }
    w.close();
}

void formatDhcp(xml::Writer& w, const NetworkIp& ip) {
    if (!ip.hasDhcp()) return;
    w.open("dhcp");
    for (const DhcpRange& r : ip.ranges) {
        w.open("range").attr("start", r.start.toString()).attr("end", r.end.toString());
        formatLease(w, r.lease);
        w.close();
    }
    for (const DhcpHost& h : ip.hosts) {
        w.open("host");
        if (h.mac) w.attr("mac", *h.mac);
        if (h.id) w.attr("id", *h.id);
        if (h.name) w.attr("name", *h.name);
        w.attr("ip", h.ip.toString());
        formatLease(w, h.lease);
        w.close();
    }
    if (ip.bootp_file) {
        w.open("bootp").attr("file", *ip.bootp_file);
        if (ip.bootp_server) w.attr("server", *ip.bootp_server);
        w.close();
    }
    w.close();
}

void formatIp(xml::Writer& w, const NetworkIp& ip) {
    xml::Writer head;
    head.open("ip");
    if (ip.family) head.attr("family", *ip.family);
    if (ip.address) head.attr("address", ip.address->toString());
    if (ip.netmask) head.attr("netmask", ip.netmask->toString());
    if (ip.prefix > 0) head.attr("prefix", ip.prefix);
    if (ip.local_ptr) head.attr("localPtr", *ip.local_ptr ? "yes" : "no");
    head.close();
    xml::Writer body(1);
    if (ip.tftp_root) body.open("tftp").attr("root", *ip.tftp_root).close();
    formatDhcp(body, ip);
    writeExpanded(w, head, body);
}

void formatRoute(xml::Writer& w, const NetworkRoute& r) {
    w.open("route");
    if (r.family) w.attr("family", *r.family);
    w.attr("address", r.address.toString());
    if (r.netmask) w.attr("netmask", r.netmask->toString());
    if (r.prefix) w.attr("prefix", *r.prefix);
    w.attr("gateway", r.gateway.toString());
    if (r.metric) w.attr("metric", *r.metric);
    w.close();
}

void formatPortGroup(xml::Writer& w, const NetworkPortGroup& pg, unsigned flags) {
    xml::Writer head;
    head.open("portgroup").attr("name", pg.name);
    if (pg.is_default) head.attr("default", "yes");
    if (pg.trust_guest_rx_filters)
        head.attr("trustGuestRxFilters", *pg.trust_guest_rx_filters ? "yes" : "no");
    head.close();
    xml::Writer body(1);
    formatVlan(body, pg.vlan);
    formatVirtualPort(body, pg.virtual_port);
    formatBandwidth(body, pg.bandwidth, !(flags & kFormatInactive));
    writeExpanded(w, head, body);
}

void formatHead(xml::Writer& w, const NetworkDef& def, unsigned flags) {
    w.open("network");
    if (!def.dnsmasq_options.empty()) w.attr("xmlns:dnsmasq", kDnsmasqNamespace);
    if (!(flags & kFormatInactive) && def.connections > 0) w.attr("connections", def.connections);
    if (def.ipv6) w.attr("ipv6", "yes");
    if (def.trust_guest_rx_filters)
        w.attr("trustGuestRxFilters", *def.trust_guest_rx_filters ? "yes" : "no");
    w.textElement("name", def.name);
    w.textElement("uuid", def.uuid.toString());
    if (def.metadata) {
        w.open("metadata");
        if (!def.metadata->empty()) w.raw(kMetadataMarker);
        w.close();
    }
}

}  // namespace

std::string formatNetworkXml(const NetworkDef& def, unsigned flags) {
    xml::Writer w;
    formatHead(w, def, flags);
    formatForward(w, def.forward, flags);
    formatBridge(w, def);
    if (def.mtu) w.open("mtu").attr("size", *def.mtu).close();
    if (def.mac) w.open("mac").attr("address", def.mac->toString()).close();
    if (def.domain) {
        w.open("domain").attr("name", def.domain->name);
        if (def.domain->local_only) w.attr("localOnly", *def.domain->local_only ? "yes" : "no");
        w.close();
    }
    formatDns(w, def.dns);
    formatVlan(w, def.vlan);
    formatBandwidth(w, def.bandwidth, !(flags & kFormatInactive));
    if (def.port_isolated)
        w.open("port").attr("isolated", *def.port_isolated ? "yes" : "no").close();
    for (const NetworkIp& ip : def.ips) formatIp(w, ip);
    for (const NetworkRoute& r : def.routes) formatRoute(w, r);
    formatVirtualPort(w, def.virtual_port);
    for (const NetworkPortGroup& pg : def.portgroups) formatPortGroup(w, pg, flags);
    if (!def.dnsmasq_options.empty()) {
        w.open("dnsmasq:options");
        for (const std::string& o : def.dnsmasq_options)
            w.open("dnsmasq:option").attr("value", o).close();
        w.close();
    }
    w.close();
    std::string out = w.take();
    if (def.metadata && !def.metadata->empty()) spliceMetadata(out, *def.metadata);
    return out;
}

}  // namespace nodevirt::conf
