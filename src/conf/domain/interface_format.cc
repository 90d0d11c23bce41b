// Formatting half of interface.h, in libvirt's element order.
#include <fmt/format.h>

#include "conf/domain/interface.h"

namespace nodevirt::conf {
namespace {

void formatSource(xml::Writer& w, const InterfaceDef& n, const NetExtra* x) {
    switch (n.type) {
        case NetType::kNetwork:
            w.open("source").attr("network", n.source.value_or(""));
            if (x && x->portgroup) w.attr("portgroup", *x->portgroup);
            w.close();
            break;
        case NetType::kBridge:
            w.open("source").attr("bridge", n.source.value_or("")).close();
            break;
        case NetType::kDirect:
            w.open("source").attr("dev", n.source.value_or(""));
            if (n.direct_mode) w.attr("mode", kDirectModes.name(*n.direct_mode));
            w.close();
            break;
        case NetType::kServer:
        case NetType::kClient:
        case NetType::kMcast:
        case NetType::kUdp:
            if (x && x->socket) {
                const NetSocket& s = *x->socket;
                w.open("source");
                if (s.address) w.attr("address", *s.address);
                w.attrIf("port", s.port);
                if (s.local_address || s.local_port) {
                    w.open("local");
                    if (s.local_address) w.attr("address", *s.local_address);
                    w.attrIf("port", s.local_port).close();
                }
                w.close();
            }
            break;
        default:
            break;
    }
}

void formatRate(xml::Writer& w, std::string_view name, const BandwidthRate& r) {
    w.open(name).attrIf("average", r.average).attrIf("peak", r.peak);
    w.attrIf("floor", r.floor).attrIf("burst", r.burst).close();
}

void formatQos(xml::Writer& w, const NetExtra& x) {
    if (x.vlan) {
        w.open("vlan");
        if (x.vlan->trunk) w.attr("trunk", *x.vlan->trunk ? "yes" : "no");
        for (const auto& t : x.vlan->tags) {
            w.open("tag").attr("id", t.id);
            if (t.native_mode) w.attr("nativeMode", *t.native_mode);
            w.close();
        }
        w.close();
    }
    if (x.virtualport) {
        const VirtualPort& v = *x.virtualport;
        w.open("virtualport");
        if (v.type) w.attr("type", *v.type);
        bool params = v.managerid || v.typeid_ || v.typeidversion || v.instanceid ||
                      v.interfaceid || v.profileid;
        if (params) {
            w.open("parameters");
            auto opt = [&](std::string_view name, const std::optional<std::string>& s) {
                if (s) w.attr(name, *s);
            };
            opt("managerid", v.managerid);
            opt("typeid", v.typeid_);
            opt("typeidversion", v.typeidversion);
            opt("instanceid", v.instanceid);
            opt("interfaceid", v.interfaceid);
            opt("profileid", v.profileid);
            w.close();
        }
        w.close();
    }
    if (x.bandwidth) {
        w.open("bandwidth");
        if (x.bandwidth->inbound) formatRate(w, "inbound", *x.bandwidth->inbound);
        if (x.bandwidth->outbound) formatRate(w, "outbound", *x.bandwidth->outbound);
        w.close();
    }
    if (x.port_isolated) w.open("port").attr("isolated", *x.port_isolated ? "yes" : "no").close();
    for (const auto& ip : x.ips) {
        w.open("ip").attr("address", ip.address).attr("family", ip.family);
        w.attrIf("prefix", ip.prefix);
        if (ip.peer) w.attr("peer", *ip.peer);
        w.close();
    }
    for (const auto& r : x.routes) {
        w.open("route");
        for (const auto& [name, value] : r.attrs) w.attr(name, value);
        w.close();
    }
    if (x.script) w.open("script").attr("path", *x.script).close();
    if (x.downscript) w.open("downscript").attr("path", *x.downscript).close();
}

void formatDriver(xml::Writer& w, const NetDriver& d) {
    w.open("driver");
    if (d.name) w.attr("name", *d.name);
    if (d.txmode) w.attr("txmode", *d.txmode);
    if (d.ioeventfd) w.attr("ioeventfd", *d.ioeventfd ? "on" : "off");
    if (d.event_idx) w.attr("event_idx", *d.event_idx ? "on" : "off");
    w.attrIf("queues", d.queues).attrIf("rx_queue_size", d.rx_queue_size);
    w.attrIf("tx_queue_size", d.tx_queue_size);
    auto offloads = [&](std::string_view name, const auto& values, const auto& names) {
        bool any = false;
        for (const auto& v : values) any = any || v.has_value();
        if (!any) return;
        w.open(name);
        for (size_t i = 0; i < values.size(); ++i)
            if (values[i]) w.attr(names[i], *values[i] ? "on" : "off");
        w.close();
    };
    offloads("host", d.host, kNetHostOffloads);
    offloads("guest", d.guest, kNetGuestOffloads);
    w.close();
}

void formatTail(xml::Writer& w, const InterfaceDef& n, const NetExtra* x) {
    if (x && x->driver) formatDriver(w, *x->driver);
    if (x && (x->backend_tap || x->backend_vhost)) {
        w.open("backend");
        if (x->backend_tap) w.attr("tap", *x->backend_tap);
        if (x->backend_vhost) w.attr("vhost", *x->backend_vhost);
        w.close();
    }
    if (x && x->filterref) {
        w.open("filterref").attr("filter", x->filterref->filter);
        for (const auto& [name, value] : x->filterref->params)
            w.open("parameter").attr("name", name).attr("value", value).close();
        w.close();
    }
    if (x && x->sndbuf) w.open("tune").textElement("sndbuf", fmt::format("{}", *x->sndbuf)).close();
    if (x && (x->teaming_type || x->teaming_persistent)) {
        w.open("teaming");
        if (x->teaming_type) w.attr("type", *x->teaming_type);
        if (x->teaming_persistent) w.attr("persistent", *x->teaming_persistent);
        w.close();
    }
    if (n.link_up) w.open("link").attr("state", *n.link_up ? "up" : "down").close();
    if (n.mtu) w.open("mtu").attr("size", *n.mtu).close();
    if (x && x->coalesce_rx_frames) {
        w.open("coalesce").open("rx").open("frames").attr("max", *x->coalesce_rx_frames);
        w.close().close().close();
    }
}

}  // namespace

void formatInterface(xml::Writer& w, const InterfaceDef& n, const FormatCtx& fc) {
    const NetExtra* x = n.extra.get();
    w.open("interface").attr("type", kNetTypes.name(n.type));
    if (n.mac) {
        w.open("mac").attr("address", n.mac->toString());
        if (n.mac_type) w.attr("type", kMacTypes.name(*n.mac_type));
        if (n.mac_check) w.attr("check", *n.mac_check ? "yes" : "no");
        w.close();
    }
    formatSource(w, n, x);
    if (x) formatQos(w, *x);
    if (n.ifname) {
        w.open("target").attr("dev", *n.ifname);
        if (n.ifname_managed) w.attr("managed", *n.ifname_managed ? "yes" : "no");
        w.close();
    }
    if (x && x->guest_dev) w.open("guest").attr("dev", *x->guest_dev).close();
    if (n.model) w.open("model").attr("type", *n.model).close();
    formatTail(w, n, x);
    formatDeviceInfo(w, n.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
