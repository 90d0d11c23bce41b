#include "conf/domain/interface.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

// Target names libvirt generates itself; an inactive definition must not pin them.
bool isGeneratedIfname(std::string_view name) {
    return str::startsWith(name, "vnet") || str::startsWith(name, "macvtap") ||
           str::startsWith(name, "macvlan");
}

bool isVirtioModel(const std::optional<std::string>& model) {
    return model && (*model == "virtio" || *model == "virtio-transitional" ||
                     *model == "virtio-non-transitional");
}

Result<BandwidthRate> parseRate(Elem& r) {
    BandwidthRate rate;
    NODEVIRT_ASSIGN_OR_RETURN(rate.average, r.uintAttr("average"));
    NODEVIRT_ASSIGN_OR_RETURN(rate.peak, r.uintAttr("peak"));
    NODEVIRT_ASSIGN_OR_RETURN(rate.floor, r.uintAttr("floor"));
    NODEVIRT_ASSIGN_OR_RETURN(rate.burst, r.uintAttr("burst"));
    if (!rate.average && !rate.floor)
        return fail(r.error("Missing mandatory average or floor attributes"));
    NODEVIRT_TRY(r.done());
    return rate;
}

Status parseBandwidth(Elem& b, NetExtra& x) {
    Bandwidth bw;
    if (Elem in = b.child("inbound")) {
        NODEVIRT_ASSIGN_OR_RETURN(bw.inbound, parseRate(in));
    }
    if (Elem out = b.child("outbound")) {
        NODEVIRT_ASSIGN_OR_RETURN(bw.outbound, parseRate(out));
        if (bw.outbound->floor)
            return fail(out.error("floor attribute is not supported for outbound"));
    }
    NODEVIRT_TRY(b.done());
    if (bw.inbound || bw.outbound) x.bandwidth = std::move(bw);
    return ok();
}

Status parseVlan(Elem& v, NetExtra& x) {
    Vlan vlan;
    NODEVIRT_ASSIGN_OR_RETURN(vlan.trunk, v.yesNoAttr("trunk"));
    NODEVIRT_ASSIGN_OR_RETURN(auto tags, v.children("tag", 4096));
    for (Elem& t : tags) {
        NODEVIRT_ASSIGN_OR_RETURN(auto id, t.uint32Attr("id"));
        if (!id || *id > 4095) return fail(t.error("vlan tag id must be in range 0-4095"));
        VlanTag tag{*id, t.attr("nativeMode")};
        if (tag.native_mode && *tag.native_mode != "tagged" && *tag.native_mode != "untagged")
            return fail(t.badValue("nativeMode", *tag.native_mode, "'tagged' or 'untagged'"));
        NODEVIRT_TRY(t.done());
        vlan.tags.push_back(std::move(tag));
    }
    if (vlan.tags.empty())
        return fail(v.error(
            "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement"));
    NODEVIRT_TRY(v.done());
    x.vlan = std::move(vlan);
    return ok();
}

Status parseVirtualPort(Elem& v, NetExtra& x) {
    VirtualPort vp;
    vp.type = v.attr("type");
    if (Elem p = v.child("parameters")) {
        vp.managerid = p.attr("managerid");
        vp.typeid_ = p.attr("typeid");
        vp.typeidversion = p.attr("typeidversion");
        vp.instanceid = p.attr("instanceid");
        vp.interfaceid = p.attr("interfaceid");
        vp.profileid = p.attr("profileid");
        NODEVIRT_TRY(p.done());
    }
    NODEVIRT_TRY(v.done());
    x.virtualport = std::move(vp);
    return ok();
}

Status parseIps(Elem& e, NetExtra& x) {
    NODEVIRT_ASSIGN_OR_RETURN(auto ips, e.children("ip", 64));
    for (Elem& i : ips) {
        NetIp ip;
        NODEVIRT_ASSIGN_OR_RETURN(ip.address, i.requiredAttr("address"));
        ip.family =
            i.attr("family").value_or(ip.address.find(':') != std::string::npos ? "ipv6" : "ipv4");
        NODEVIRT_ASSIGN_OR_RETURN(ip.prefix, i.uint32Attr("prefix"));
        ip.peer = i.attr("peer");
        NODEVIRT_TRY(i.done());
        x.ips.push_back(std::move(ip));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto routes, e.children("route", 64));
    for (Elem& r : routes) {
        NetRoute route;
        for (std::string_view name :
             {"family", "address", "netmask", "prefix", "gateway", "metric"})
            if (auto v = r.attr(name)) route.attrs.emplace_back(std::string(name), std::move(*v));
        NODEVIRT_TRY(r.done());
        x.routes.push_back(std::move(route));
    }
    return ok();
}

Result<NetDriver> parseDriver(Elem& d) {
    NetDriver drv;
    drv.name = d.attr("name");
    drv.txmode = d.attr("txmode");
    NODEVIRT_ASSIGN_OR_RETURN(drv.ioeventfd, d.onOffAttr("ioeventfd"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.event_idx, d.onOffAttr("event_idx"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.queues, d.uint32Attr("queues"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.rx_queue_size, d.uint32Attr("rx_queue_size"));
    NODEVIRT_ASSIGN_OR_RETURN(drv.tx_queue_size, d.uint32Attr("tx_queue_size"));
    if (Elem h = d.child("host")) {
        for (size_t i = 0; i < std::size(kNetHostOffloads); ++i) {
            NODEVIRT_ASSIGN_OR_RETURN(drv.host[i], h.onOffAttr(kNetHostOffloads[i]));
        }
        NODEVIRT_TRY(h.done());
    }
    if (Elem g = d.child("guest")) {
        for (size_t i = 0; i < std::size(kNetGuestOffloads); ++i) {
            NODEVIRT_ASSIGN_OR_RETURN(drv.guest[i], g.onOffAttr(kNetGuestOffloads[i]));
        }
        NODEVIRT_TRY(g.done());
    }
    NODEVIRT_TRY(d.done());
    return drv;
}

Status parseSource(Elem& e, InterfaceDef& n, NetExtra& x) {
    Elem src = e.child("source");
    switch (n.type) {
        case NetType::kNetwork:
            if (src) {
                n.source = src.attr("network");
                x.portgroup = src.attr("portgroup");
            }
            if (!n.source)
                return fail(e.error(
                    "No <source> 'network' attribute specified with <interface type='network'/>"));
            break;
        case NetType::kBridge:
            if (src) n.source = src.attr("bridge");
            if (!n.source)
                return fail(e.error(
                    "No <source> 'bridge' attribute specified with <interface type='bridge'/>"));
            break;
        case NetType::kDirect: {
            if (src) {
                n.source = src.attr("dev");
                NODEVIRT_ASSIGN_OR_RETURN(n.direct_mode, src.enumAttr("mode", kDirectModes));
            }
            if (!n.source)
                return fail(e.error(
                    "No <source> 'dev' attribute specified with <interface type='direct'/>"));
            if (!n.direct_mode) n.direct_mode = DirectMode::kVepa;
            break;
        }
        case NetType::kServer:
        case NetType::kClient:
        case NetType::kMcast:
        case NetType::kUdp: {
            NetSocket s;
            if (src) {
                s.address = src.attr("address");
                NODEVIRT_ASSIGN_OR_RETURN(s.port, src.uint32Attr("port"));
                if (Elem local = src.child("local")) {
                    s.local_address = local.attr("address");
                    NODEVIRT_ASSIGN_OR_RETURN(s.local_port, local.uint32Attr("port"));
                    NODEVIRT_TRY(local.done());
                }
            }
            if (!s.port)
                return fail(
                    e.error("No <source> 'port' attribute specified with socket interface"));
            x.socket = std::move(s);
            break;
        }
        case NetType::kUser:
        case NetType::kEthernet:
            break;
        default:
            return fail(e.unsupported(
                fmt::format("interface type '{}' is not supported", kNetTypes.name(n.type))));
    }
    return src ? src.done() : ok();
}

Status parseMac(Elem& e, InterfaceDef& n) {
    Elem m = e.child("mac");
    if (!m) return ok();
    if (auto addr = m.attr("address")) {
        auto mac = MacAddress::parse(*addr);
        if (!mac)
            return fail(
                xmlError(fmt::format("unable to parse mac address '{}' (element {}, line {})",
                                     *addr, m.node().path(), m.node().line()),
                         ErrorDomain::kDomain));
        if (mac->isMulticast())
            return fail(Error::make(
                ErrorCode::kInvalidMac, ErrorDomain::kDomain,
                fmt::format("expected unicast mac address, found multicast '{}'", *addr)));
        n.mac = mac;
    }
    NODEVIRT_ASSIGN_OR_RETURN(n.mac_type, m.enumAttr("type", kMacTypes));
    NODEVIRT_ASSIGN_OR_RETURN(n.mac_check, m.yesNoAttr("check"));
    return m.done();
}

Status parseTarget(Elem& e, InterfaceDef& n) {
    Elem t = e.child("target");
    if (!t) return ok();
    auto dev = t.attr("dev");
    NODEVIRT_ASSIGN_OR_RETURN(n.ifname_managed, t.yesNoAttr("managed"));
    if (n.ifname_managed && !*n.ifname_managed && n.type != NetType::kEthernet)
        return fail(t.unsupported(
            fmt::format("unmanaged target dev is not supported on interfaces of type '{}'",
                        kNetTypes.name(n.type))));
    if (dev && !(t.ctx().inactive && isGeneratedIfname(*dev))) n.ifname = std::move(dev);
    return t.done();
}

Status parseTail(Elem& e, InterfaceDef& n, NetExtra& x) {
    if (Elem d = e.child("driver"); d && isVirtioModel(n.model)) {
        NODEVIRT_ASSIGN_OR_RETURN(x.driver, parseDriver(d));
    } else if (d) {
        d.consumeAll();  // libvirt reads driver options only for virtio models
    }
    if (Elem b = e.child("backend")) {
        x.backend_tap = b.attr("tap");
        x.backend_vhost = b.attr("vhost");
        NODEVIRT_TRY(b.done());
    }
    if (Elem f = e.child("filterref")) {
        FilterRef ref;
        NODEVIRT_ASSIGN_OR_RETURN(ref.filter, f.requiredAttr("filter"));
        NODEVIRT_ASSIGN_OR_RETURN(auto params, f.children("parameter", 256));
        for (Elem& p : params) {
            NODEVIRT_ASSIGN_OR_RETURN(std::string name, p.requiredAttr("name"));
            NODEVIRT_ASSIGN_OR_RETURN(std::string value, p.requiredAttr("value"));
            NODEVIRT_TRY(p.done());
            ref.params.emplace_back(std::move(name), std::move(value));
        }
        NODEVIRT_TRY(f.done());
        x.filterref = std::move(ref);
    }
    if (Elem t = e.child("tune")) {
        NODEVIRT_ASSIGN_OR_RETURN(x.sndbuf, t.leafUint("sndbuf"));
        NODEVIRT_TRY(t.done());
    }
    if (Elem t = e.child("teaming")) {
        x.teaming_type = t.attr("type");
        x.teaming_persistent = t.attr("persistent");
        NODEVIRT_TRY(t.done());
    }
    if (Elem l = e.child("link")) {
        auto state = l.attr("state");
        if (state && *state != "up" && *state != "down")
            return fail(l.badValue("state", *state, "'up' or 'down'"));
        if (state) n.link_up = *state == "up";
        NODEVIRT_TRY(l.done());
    }
    if (Elem m = e.child("mtu")) {
        NODEVIRT_ASSIGN_OR_RETURN(n.mtu, m.uint32Attr("size"));
        if (!n.mtu || *n.mtu == 0) return fail(m.error("malformed mtu size"));
        NODEVIRT_TRY(m.done());
    }
    if (Elem c = e.child("coalesce")) {
        if (Elem rx = c.child("rx")) {
            if (Elem frames = rx.child("frames")) {
                NODEVIRT_ASSIGN_OR_RETURN(x.coalesce_rx_frames, frames.uint32Attr("max"));
                NODEVIRT_TRY(frames.done());
            }
            NODEVIRT_TRY(rx.done());
        }
        NODEVIRT_TRY(c.done());
    }
    return ok();
}

}  // namespace

Result<InterfaceDef> parseInterface(Elem& e) {
    InterfaceDef n;
    NetExtra x;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, e.enumAttr("type", kNetTypes));
    n.type = type.value_or(NetType::kUser);
    NODEVIRT_TRY(parseMac(e, n));
    NODEVIRT_TRY(parseSource(e, n, x));
    if (Elem v = e.child("vlan")) NODEVIRT_TRY(parseVlan(v, x));
    if (Elem v = e.child("virtualport")) NODEVIRT_TRY(parseVirtualPort(v, x));
    if (Elem b = e.child("bandwidth")) NODEVIRT_TRY(parseBandwidth(b, x));
    if (Elem p = e.child("port")) {
        NODEVIRT_ASSIGN_OR_RETURN(x.port_isolated, p.yesNoAttr("isolated"));
        NODEVIRT_TRY(p.done());
    }
    NODEVIRT_TRY(parseIps(e, x));
    if (Elem s = e.child("script")) {
        x.script = s.attr("path");
        NODEVIRT_TRY(s.done());
    }
    if (Elem s = e.child("downscript")) {
        x.downscript = s.attr("path");
        NODEVIRT_TRY(s.done());
    }
    NODEVIRT_TRY(parseTarget(e, n));
    if (Elem g = e.child("guest")) {
        x.guest_dev = g.attr("dev");
        NODEVIRT_TRY(g.done());
    }
    if (Elem m = e.child("model")) {
        n.model = m.attr("type");
        NODEVIRT_TRY(m.done());
    }
    NODEVIRT_TRY(parseTail(e, n, x));
    NODEVIRT_TRY(parseDeviceInfo(e, n.info, true));
    if (!(x == NetExtra{})) n.extra.mut() = std::move(x);
    NODEVIRT_TRY(e.done());
    return n;
}

}  // namespace nodevirt::conf
