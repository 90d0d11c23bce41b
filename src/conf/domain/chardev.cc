#include "conf/domain/chardev.h"

#include <fmt/format.h>

#include <algorithm>

namespace nodevirt::conf {
namespace {

constexpr std::string_view kSerialTargets[] = {"isa-serial",       "usb-serial",    "pci-serial",
                                               "spapr-vio-serial", "system-serial", "sclp-serial",
                                               "isa-debug"};
constexpr std::string_view kConsoleTargets[] = {"serial", "xen",    "uml",  "virtio",
                                                "lxc",    "openvz", "sclp", "sclplm"};
constexpr std::string_view kChannelTargets[] = {"guestfwd", "virtio", "xen"};
constexpr std::string_view kSerialModels[] = {"isa-serial",    "usb-serial", "pci-serial",
                                              "spapr-vty",     "pl011",      "sclpconsole",
                                              "sclplmconsole", "16550a",     "isa-debugcon"};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view v) {
    return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

Status parseMode(Elem& s, bool& bind) {
    auto mode = s.attr("mode");
    if (mode && *mode != "bind" && *mode != "connect")
        return fail(s.badValue("mode", *mode, "'bind' or 'connect'"));
    bind = mode && *mode == "bind";
    return ok();
}

Status parseReconnect(Elem& s, ChrSource& src) {
    Elem r = s.child("reconnect");
    if (!r) return ok();
    NODEVIRT_ASSIGN_OR_RETURN(src.reconnect_enabled, r.yesNoAttr("enabled"));
    NODEVIRT_ASSIGN_OR_RETURN(src.reconnect_timeout, r.uint32Attr("timeout"));
    return r.done();
}

Status parseOneSource(Elem& s, ChrType type, ChrSource& src) {
    switch (type) {
        case ChrType::kPty:
        case ChrType::kDev:
        case ChrType::kFile:
        case ChrType::kPipe: {
            src.path = s.attr("path");
            if (type == ChrType::kFile) {
                NODEVIRT_ASSIGN_OR_RETURN(src.append, s.onOffAttr("append"));
            }
            break;
        }
        case ChrType::kUnix:
            NODEVIRT_TRY(parseMode(s, src.bind));
            src.path = s.attr("path");
            NODEVIRT_TRY(parseReconnect(s, src));
            break;
        case ChrType::kTcp: {
            NODEVIRT_TRY(parseMode(s, src.bind));
            src.host = s.attr("host");
            src.service = s.attr("service");
            NODEVIRT_ASSIGN_OR_RETURN(src.tls, s.yesNoAttr("tls"));
            NODEVIRT_TRY(parseReconnect(s, src));
            break;
        }
        case ChrType::kUdp: {
            bool bind = false;
            NODEVIRT_TRY(parseMode(s, bind));
            (bind ? src.bind_host : src.host) = s.attr("host");
            (bind ? src.bind_service : src.service) = s.attr("service");
            break;
        }
        case ChrType::kSpiceport:
            src.channel = s.attr("channel");
            break;
        case ChrType::kNmdm:
            src.master = s.attr("master");
            src.slave = s.attr("slave");
            break;
        default:
            break;  // no source for null, vc, stdio, spicevmc
    }
    return s.done();
}

Status parseTarget(Elem& e, ChrDef& c) {
    Elem t = e.child("target");
    if (!t && c.kind == ChrKind::kChannel)
        return fail(e.error("character device target type must be specified for a channel"));
    if (!t) return ok();
    c.target.type = t.attr("type");
    if (c.target.type) {
        const std::string& tt = *c.target.type;
        bool known = (c.kind == ChrKind::kSerial && contains(kSerialTargets, tt)) ||
                     (c.kind == ChrKind::kConsole && contains(kConsoleTargets, tt)) ||
                     (c.kind == ChrKind::kChannel && contains(kChannelTargets, tt));
        if (!known)
            return fail(t.unsupported(
                fmt::format("unknown target type '{}' specified for character device", tt)));
    }
    if (c.kind == ChrKind::kChannel) {
        if (!c.target.type)
            return fail(t.error("character device target type must be specified for a channel"));
        if (*c.target.type == "guestfwd") {
            c.target.address = t.attr("address");
            c.target.fwd_port = t.attr("port");
            if (!c.target.address || !c.target.fwd_port)
                return fail(t.error("guestfwd channel needs target address and port"));
        } else {
            c.target.name = t.attr("name");
            auto state = t.attr("state");
            if (!t.ctx().inactive && *c.target.type == "virtio") c.target.state = std::move(state);
        }
    } else {
        NODEVIRT_ASSIGN_OR_RETURN(auto port, t.intAttr("port"));
        if (port) {
            if (*port < 0 || *port > 65535)
                return fail(t.badValue("port", fmt::format("{}", *port), "a port number"));
            c.target.port = static_cast<int32_t>(*port);
        }
        if (c.kind == ChrKind::kSerial) {
            if (Elem m = t.child("model")) {
                c.target.model = m.attr("name");
                if (c.target.model && !contains(kSerialModels, *c.target.model))
                    return fail(
                        m.unsupported(fmt::format("Unknown target model '{}'", *c.target.model)));
                NODEVIRT_TRY(m.done());
            }
        }
    }
    return t.done();
}

}  // namespace

Status parseChrSource(Elem& e, ChrType type, ChrSource& src) {
    NODEVIRT_ASSIGN_OR_RETURN(auto sources, e.children("source", type == ChrType::kUdp ? 2 : 1));
    for (Elem& s : sources) NODEVIRT_TRY(parseOneSource(s, type, src));
    if (type == ChrType::kTcp) {
        if (Elem p = e.child("protocol")) {
            NODEVIRT_ASSIGN_OR_RETURN(src.protocol, p.enumAttr("type", kChrTcpProtocols));
            NODEVIRT_TRY(p.done());
        }
        if (!src.protocol) src.protocol = ChrTcpProtocol::kRaw;
    }
    if (Elem log = e.child("log")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto file, log.requiredAttr("file"));
        src.log_file = std::move(file);
        NODEVIRT_ASSIGN_OR_RETURN(src.log_append, log.onOffAttr("append"));
        NODEVIRT_TRY(log.done());
    }
    return ok();
}

void formatChrSource(xml::Writer& w, ChrType type, const ChrSource& s, const FormatCtx& fc) {
    switch (type) {
        case ChrType::kPty:
        case ChrType::kDev:
        case ChrType::kFile:
        case ChrType::kPipe:
            // A pty path is allocated at start: not part of the configuration.
            if (s.path && !(type == ChrType::kPty && fc.inactive)) {
                w.open("source").attr("path", *s.path);
                if (s.append) w.attr("append", *s.append ? "on" : "off");
                w.close();
            }
            break;
        case ChrType::kUnix:
            if (s.path) {
                w.open("source").attr("mode", s.bind ? "bind" : "connect").attr("path", *s.path);
                if (s.reconnect_enabled) {
                    w.open("reconnect").attr("enabled", *s.reconnect_enabled ? "yes" : "no");
                    w.attrIf("timeout", s.reconnect_timeout).close();
                }
                w.close();
            }
            break;
        case ChrType::kTcp:
            w.open("source").attr("mode", s.bind ? "bind" : "connect");
            if (s.host) w.attr("host", *s.host);
            if (s.service) w.attr("service", *s.service);
            if (s.tls) w.attr("tls", *s.tls ? "yes" : "no");
            if (s.reconnect_enabled) {
                w.open("reconnect").attr("enabled", *s.reconnect_enabled ? "yes" : "no");
                w.attrIf("timeout", s.reconnect_timeout).close();
            }
            w.close();
            w.open("protocol")
                .attr("type", kChrTcpProtocols.name(s.protocol.value_or(ChrTcpProtocol::kRaw)))
                .close();
            break;
        case ChrType::kUdp:
            if (s.bind_host || s.bind_service) {
                w.open("source").attr("mode", "bind");
                if (s.bind_host) w.attr("host", *s.bind_host);
                if (s.bind_service) w.attr("service", *s.bind_service);
                w.close();
            }
            if (s.host || s.service) {
                w.open("source").attr("mode", "connect");
                if (s.host) w.attr("host", *s.host);
                if (s.service) w.attr("service", *s.service);
                w.close();
            }
            break;
        case ChrType::kSpiceport:
            if (s.channel) w.open("source").attr("channel", *s.channel).close();
            break;
        case ChrType::kNmdm:
            w.open("source");
            if (s.master) w.attr("master", *s.master);
            if (s.slave) w.attr("slave", *s.slave);
            w.close();
            break;
        default:
            break;
    }
    if (s.log_file) {
        w.open("log").attr("file", *s.log_file);
        if (s.log_append) w.attr("append", *s.log_append ? "on" : "off");
        w.close();
    }
}

namespace {

void formatTarget(xml::Writer& w, const ChrDef& c, const FormatCtx& fc) {
    const ChrTarget& t = c.target;
    w.open("target");
    if (t.type) w.attr("type", *t.type);
    switch (c.kind) {
        case ChrKind::kChannel:
            if (t.address) w.attr("address", *t.address);
            if (t.fwd_port) w.attr("port", *t.fwd_port);
            if (t.name) w.attr("name", *t.name);
            if (t.state && !fc.inactive) w.attr("state", *t.state);
            break;
        default:
            if (t.port) w.attr("port", *t.port);
            if (t.model) w.open("model").attr("name", *t.model).close();
            break;
    }
    w.close();
}

}  // namespace

Result<ChrDef> parseChr(Elem& e, ChrKind kind) {
    ChrDef c;
    c.kind = kind;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, e.enumAttr("type", kChrTypes));
    c.type = type.value_or(ChrType::kPty);
    NODEVIRT_TRY(parseChrSource(e, c.type, c.source));
    NODEVIRT_TRY(parseTarget(e, c));
    NODEVIRT_TRY(parseDeviceInfo(e, c.info, false));
    NODEVIRT_TRY(e.done());
    return c;
}

void formatChr(xml::Writer& w, const ChrDef& c, const FormatCtx& fc) {
    w.open(kChrKinds.name(c.kind)).attr("type", kChrTypes.name(c.type));
    formatChrSource(w, c.type, c.source, fc);
    formatTarget(w, c, fc);
    formatDeviceInfo(w, c.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
