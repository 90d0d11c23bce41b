#include "conf/domain/graphics.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

Result<GraphicsListen> parseListen(Elem& l) {
    GraphicsListen gl;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, l.enumAttr("type", kListenTypes));
    if (!type) return fail(l.error("graphics listen type must be specified"));
    gl.type = *type;
    gl.address = l.attr("address");
    gl.network = l.attr("network");
    gl.socket = l.attr("socket");
    if (gl.type == ListenType::kNetwork && !gl.network)
        return fail(l.error("'network' attribute is required for listen type 'network'"));
    if (gl.type != ListenType::kAddress && gl.type != ListenType::kNetwork) gl.address.reset();
    if (gl.type != ListenType::kNetwork) gl.network.reset();
    if (gl.type != ListenType::kSocket) gl.socket.reset();
    NODEVIRT_TRY(l.done());
    return gl;
}

Status parseListens(Elem& e, GraphicsDef& g) {
    NODEVIRT_ASSIGN_OR_RETURN(auto listens, e.children("listen", 16));
    for (Elem& l : listens) {
        NODEVIRT_ASSIGN_OR_RETURN(GraphicsListen gl, parseListen(l));
        g.listens.push_back(std::move(gl));
    }
    auto listen_attr = e.attr("listen");
    if (listen_attr) {
        if (g.listens.empty()) {
            g.listens.push_back({ListenType::kAddress, listen_attr, {}, {}});
        } else if (g.listens[0].type == ListenType::kAddress) {
            if (!g.listens[0].address) {
                g.listens[0].address = listen_attr;
            } else if (*g.listens[0].address != *listen_attr) {
                return fail(e.unsupported(
                    fmt::format("graphics 'listen' attribute '{}' must match 'address' attribute "
                                "of first listen element (found '{}')",
                                *listen_attr, *g.listens[0].address)));
            }
        }
    }
    if (g.type == GraphicsType::kVnc) {
        auto socket = e.attr("socket");
        if (socket && g.listens.empty()) g.listens.push_back({ListenType::kSocket, {}, {}, socket});
    }
    if (!g.listens.empty()) return ok();
    // Defaults libvirt applies while parsing.
    if (g.type == GraphicsType::kVnc || g.type == GraphicsType::kRdp) {
        g.listens.push_back({});
    } else if (g.type == GraphicsType::kSpice) {
        bool any_port = g.port != 0 || g.tls_port != 0 || g.autoport;
        g.listens.push_back({any_port ? ListenType::kAddress : ListenType::kNone, {}, {}, {}});
    }
    return ok();
}

Result<int32_t> portAttr(Elem& e, std::string_view name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto v, e.intAttr(name));
    if (v && (*v < -1 || *v > 65535))
        return fail(e.badValue(name, fmt::format("{}", *v), "a port number"));
    return v ? static_cast<int32_t>(*v) : 0;
}

Status parsePorts(Elem& e, GraphicsDef& g) {
    bool inactive = e.ctx().inactive;
    NODEVIRT_ASSIGN_OR_RETURN(g.port, portAttr(e, "port"));
    bool has_port = e.node().hasAttr("port");
    NODEVIRT_ASSIGN_OR_RETURN(auto autoport, e.yesNoAttr("autoport"));
    if (g.type == GraphicsType::kSpice) {
        NODEVIRT_ASSIGN_OR_RETURN(g.tls_port, portAttr(e, "tlsPort"));
        g.autoport = autoport.value_or(false);
    } else if (g.type == GraphicsType::kRdp) {
        // RDP has no fixed "port 0": no port, 0 and -1 all mean pick one.
        g.autoport = g.port <= 0 || autoport.value_or(false);
    } else {
        g.autoport = !has_port || g.port == -1;
        if (autoport) g.autoport = *autoport;
    }
    // The configuration of an automatically placed display keeps no port.
    if (g.autoport && (inactive || !has_port)) g.port = g.tls_port = 0;
    if (g.type != GraphicsType::kSpice && g.port == -1 && inactive) g.port = 0;
    if (g.type == GraphicsType::kVnc) {
        NODEVIRT_ASSIGN_OR_RETURN(auto ws, e.intAttr("websocket"));
        if (ws && (*ws < -1 || *ws > 65535))
            return fail(e.badValue("websocket", fmt::format("{}", *ws), "a port number or -1"));
        if (ws) g.websocket = static_cast<int32_t>(*ws);
    }
    return ok();
}

Status parseSpiceChildren(Elem& e, GraphicsDef& g) {
    SpiceOptions s;
    NODEVIRT_ASSIGN_OR_RETURN(auto channels, e.children("channel", 16));
    for (Elem& c : channels) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string name, c.requiredAttr("name"));
        NODEVIRT_ASSIGN_OR_RETURN(std::string mode, c.requiredAttr("mode"));
        NODEVIRT_TRY(c.done());
        s.channels.emplace_back(std::move(name), std::move(mode));
    }
    struct Opt {
        std::string_view elem, attr;
        std::optional<std::string>* dest;
    };
    for (Opt o : {Opt{"image", "compression", &s.image_compression},
                  Opt{"jpeg", "compression", &s.jpeg_compression},
                  Opt{"zlib", "compression", &s.zlib_compression},
                  Opt{"playback", "compression", &s.playback_compression},
                  Opt{"streaming", "mode", &s.streaming_mode}, Opt{"mouse", "mode", &s.mouse_mode},
                  Opt{"clipboard", "copypaste", &s.clipboard_copypaste},
                  Opt{"filetransfer", "enable", &s.filetransfer_enable}}) {
        if (Elem c = e.child(o.elem)) {
            *o.dest = c.attr(o.attr);
            NODEVIRT_TRY(c.done());
        }
    }
    if (!(s == SpiceOptions{})) g.spice.mut() = std::move(s);
    return ok();
}

void formatPorts(xml::Writer& w, const GraphicsDef& g) {
    bool none = !g.listens.empty() && g.listens[0].type == ListenType::kNone;
    switch (g.type) {
        case GraphicsType::kVnc:
            if (!g.listens.empty() && g.listens[0].type == ListenType::kSocket) {
                w.attr("socket", g.listens[0].socket.value_or(""));
                return;
            }
            if (none) return;
            if (g.port && !g.autoport)
                w.attr("port", g.port);
            else if (g.autoport)
                w.attr("port", -1);
            w.attr("autoport", g.autoport ? "yes" : "no");
            if (g.websocket) w.attr("websocket", *g.websocket);
            return;
        case GraphicsType::kSpice:
            if (none) return;
            if (g.port) w.attr("port", g.port);
            if (g.tls_port) w.attr("tlsPort", g.tls_port);
            if (g.port || g.tls_port || g.autoport) w.attr("autoport", g.autoport ? "yes" : "no");
            return;
        case GraphicsType::kRdp:
            if (g.port || g.autoport) w.attr("port", g.port);
            if (g.autoport) w.attr("autoport", "yes");
            if (g.replace_user == true) w.attr("replaceUser", "yes");
            if (g.multi_user == true) w.attr("multiUser", "yes");
            return;
        default:
            return;
    }
}

void formatChildren(xml::Writer& w, const GraphicsDef& g) {
    for (const auto& l : g.listens) {
        w.open("listen").attr("type", kListenTypes.name(l.type));
        if (l.address) w.attr("address", *l.address);
        if (l.network) w.attr("network", *l.network);
        if (l.socket) w.attr("socket", *l.socket);
        w.close();
    }
    if (const SpiceOptions* s = g.spice.get()) {
        for (const auto& [name, mode] : s->channels)
            w.open("channel").attr("name", name).attr("mode", mode).close();
        auto opt = [&](std::string_view elem, std::string_view attr,
                       const std::optional<std::string>& v) {
            if (v) w.open(elem).attr(attr, *v).close();
        };
        opt("image", "compression", s->image_compression);
        opt("jpeg", "compression", s->jpeg_compression);
        opt("zlib", "compression", s->zlib_compression);
        opt("playback", "compression", s->playback_compression);
        opt("streaming", "mode", s->streaming_mode);
        opt("mouse", "mode", s->mouse_mode);
        opt("clipboard", "copypaste", s->clipboard_copypaste);
        opt("filetransfer", "enable", s->filetransfer_enable);
    }
    if (g.gl) {
        w.open("gl");
        if (g.gl->enable) w.attr("enable", *g.gl->enable ? "yes" : "no");
        if (g.gl->rendernode) w.attr("rendernode", *g.gl->rendernode);
        w.close();
    }
}

}  // namespace

Result<GraphicsDef> parseGraphics(Elem& e) {
    GraphicsDef g;
    auto type = e.attr("type");
    if (!type) return fail(e.error("missing graphics device type"));
    auto t = kGraphicsTypes.parse(*type);
    if (!t || *t == GraphicsType::kDesktop)
        return fail(
            e.badValue("type", *type, "'sdl', 'vnc', 'rdp', 'spice', 'egl-headless' or 'dbus'"));
    g.type = *t;
    if (g.type == GraphicsType::kVnc || g.type == GraphicsType::kSpice ||
        g.type == GraphicsType::kRdp) {
        NODEVIRT_TRY(parsePorts(e, g));
        NODEVIRT_TRY(parseListens(e, g));
    }
    if (g.type == GraphicsType::kVnc || g.type == GraphicsType::kSpice) {
        g.keymap = e.attr("keymap");
        g.passwd = e.attr("passwd");
        // Expiry and the connected policy only mean something with a password.
        auto valid_to = e.attr("passwdValidTo");
        auto connected = e.attr("connected");
        if (g.passwd) {
            g.passwd_valid_to = std::move(valid_to);
            g.connected = std::move(connected);
        }
    }
    if (g.type == GraphicsType::kVnc) g.share_policy = e.attr("sharePolicy");
    if (g.type == GraphicsType::kSpice) {
        g.default_mode = e.attr("defaultMode");
        NODEVIRT_TRY(parseSpiceChildren(e, g));
    }
    if (g.type == GraphicsType::kRdp) {
        NODEVIRT_ASSIGN_OR_RETURN(g.multi_user, e.yesNoAttr("multiUser"));
        NODEVIRT_ASSIGN_OR_RETURN(g.replace_user, e.yesNoAttr("replaceUser"));
    }
    if (g.type == GraphicsType::kSdl) {
        g.display = e.attr("display");
        g.xauth = e.attr("xauth");
        NODEVIRT_ASSIGN_OR_RETURN(g.fullscreen, e.yesNoAttr("fullscreen"));
    }
    if (g.type != GraphicsType::kRdp && g.type != GraphicsType::kVnc) {
        if (Elem gl = e.child("gl")) {
            GraphicsGl v;
            NODEVIRT_ASSIGN_OR_RETURN(v.enable, gl.yesNoAttr("enable"));
            v.rendernode = gl.attr("rendernode");
            NODEVIRT_TRY(gl.done());
            g.gl = std::move(v);
        }
    }
    NODEVIRT_TRY(e.done());
    return g;
}

void formatGraphics(xml::Writer& w, const GraphicsDef& g, const FormatCtx& fc) {
    w.open("graphics").attr("type", kGraphicsTypes.name(g.type));
    formatPorts(w, g);
    if (g.type == GraphicsType::kSdl) {
        if (g.display) w.attr("display", *g.display);
        if (g.xauth) w.attr("xauth", *g.xauth);
        if (g.fullscreen) w.attr("fullscreen", *g.fullscreen ? "yes" : "no");
    }
    if (!g.listens.empty() && g.listens[0].type == ListenType::kAddress && g.listens[0].address)
        w.attr("listen", *g.listens[0].address);
    if (g.keymap) w.attr("keymap", *g.keymap);
    if (g.share_policy) w.attr("sharePolicy", *g.share_policy);
    if (g.default_mode) w.attr("defaultMode", *g.default_mode);
    if (g.passwd && fc.secure) w.attr("passwd", *g.passwd);
    if (g.passwd_valid_to) w.attr("passwdValidTo", *g.passwd_valid_to);
    if (g.connected) w.attr("connected", *g.connected);
    formatChildren(w, g);
    w.close();
}

}  // namespace nodevirt::conf
