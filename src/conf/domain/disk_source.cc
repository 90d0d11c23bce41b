#include "conf/domain/disk_source.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

std::string_view pathAttr(DiskType type) {
    switch (type) {
        case DiskType::kFile:
            return "file";
        case DiskType::kBlock:
            return "dev";
        case DiskType::kDir:
            return "dir";
        default:
            return "";
    }
}

Result<SourceHost> parseHost(Elem& h) {
    SourceHost host;
    host.name = h.attr("name");
    NODEVIRT_ASSIGN_OR_RETURN(host.port, h.uint32Attr("port"));
    NODEVIRT_ASSIGN_OR_RETURN(auto transport, h.enumAttr("transport", kHostTransports));
    host.transport = transport.value_or(HostTransport::kTcp);
    host.socket = h.attr("socket");
    if (host.transport == HostTransport::kUnix && !host.socket)
        return fail(h.error("missing socket for unix transport"));
    if (host.transport != HostTransport::kUnix && !host.name)
        return fail(h.error("missing name for host"));
    NODEVIRT_TRY(h.done());
    return host;
}

Status parseAuth(Elem& a, SourceExtra& x) {
    SourceAuth auth;
    NODEVIRT_ASSIGN_OR_RETURN(auth.username, a.requiredAttr("username"));
    Elem secret = a.child("secret");
    if (!secret) return fail(a.error("missing <secret> element in auth"));
    NODEVIRT_ASSIGN_OR_RETURN(auth.secret, parseSecretRef(secret));
    NODEVIRT_TRY(a.done());
    x.auth = std::move(auth);
    return ok();
}

Status parseSourceSecLabels(Elem& src, SourceExtra& x) {
    NODEVIRT_ASSIGN_OR_RETURN(auto labels, src.children("seclabel", 8));
    for (Elem& l : labels) {
        SourceSecLabel s;
        s.model = l.attr("model");
        NODEVIRT_ASSIGN_OR_RETURN(s.relabel, l.yesNoAttr("relabel"));
        NODEVIRT_ASSIGN_OR_RETURN(s.label, l.leafText("label"));
        NODEVIRT_TRY(l.done());
        x.seclabels.push_back(std::move(s));
    }
    return ok();
}

Status parseNetworkSource(Elem& src, SourceExtra& x) {
    auto protocol = src.attr("protocol");
    if (!protocol) return fail(src.error("missing network source protocol type"));
    x.protocol = kNetProtocols.parse(*protocol);
    if (!x.protocol)
        return fail(src.unsupported(fmt::format("unknown protocol type '{}'", *protocol)));
    x.name = src.attr("name");
    NODEVIRT_ASSIGN_OR_RETURN(x.tls, src.yesNoAttr("tls"));
    NODEVIRT_ASSIGN_OR_RETURN(auto hosts, src.children("host", 64));
    for (Elem& h : hosts) {
        NODEVIRT_ASSIGN_OR_RETURN(SourceHost host, parseHost(h));
        x.hosts.push_back(std::move(host));
    }
    if (Elem snap = src.child("snapshot")) {
        x.snapshot = snap.attr("name");
        NODEVIRT_TRY(snap.done());
    }
    if (Elem config = src.child("config")) {
        x.config_file = config.attr("file");
        NODEVIRT_TRY(config.done());
    }
    if (Elem auth = src.child("auth")) NODEVIRT_TRY(parseAuth(auth, x));
    return ok();
}

}  // namespace

Result<SecretRef> parseSecretRef(Elem& e) {
    SecretRef s;
    NODEVIRT_ASSIGN_OR_RETURN(s.type, e.requiredAttr("type"));
    s.uuid = e.attr("uuid");
    s.usage = e.attr("usage");
    if (s.uuid && !Uuid::parse(*s.uuid)) return fail(e.badValue("uuid", *s.uuid, "a UUID"));
    if (!s.uuid == !s.usage) return fail(e.error("exactly one of 'uuid' or 'usage' is required"));
    NODEVIRT_TRY(e.done());
    return s;
}

Status parseDiskSource(Elem& parent, DiskType type, DiskSource& out) {
    Elem src = parent.child("source");
    if (!src) return ok();
    SourceExtra x;
    if (std::string_view attr = pathAttr(type); !attr.empty()) {
        out.path = src.attr(attr);
    } else if (type == DiskType::kNetwork) {
        NODEVIRT_TRY(parseNetworkSource(src, x));
    } else if (type == DiskType::kVolume) {
        x.pool = src.attr("pool");
        x.volume = src.attr("volume");
        NODEVIRT_ASSIGN_OR_RETURN(x.mode, src.enumAttr("mode", kVolumeModes));
        if (!x.pool || !x.volume)
            return fail(src.error("volume disk needs both 'pool' and 'volume'"));
    } else {
        return fail(
            src.unsupported(fmt::format("disk type '{}' is not supported", kDiskTypes.name(type))));
    }
    NODEVIRT_ASSIGN_OR_RETURN(out.startup_policy, src.enumAttr("startupPolicy", kStartupPolicies));
    NODEVIRT_ASSIGN_OR_RETURN(auto index, src.uint32Attr("index"));
    if (!src.ctx().inactive) out.index = index;
    NODEVIRT_TRY(parseSourceSecLabels(src, x));
    if (!(x == SourceExtra{})) out.extra.mut() = std::move(x);
    return src.done();
}

Status parseBackingStore(Elem& parent, Box<BackingStore>& out, int depth) {
    Elem b = parent.child("backingStore");
    if (!b) return ok();
    if (depth > kMaxNestingDepth) return fail(b.error("backing chain is too long"));
    BackingStore& bs = out.mut();
    auto type = b.attr("type");
    if (!type) {
        bs.terminated = true;
        return b.done();
    }
    auto t = kDiskTypes.parse(*type);
    if (!t) return fail(b.unsupported(fmt::format("unknown disk type '{}'", *type)));
    bs.type = *t;
    b.attr("index");  // live-only; dropped
    if (Elem format = b.child("format")) {
        bs.format = format.attr("type");
        NODEVIRT_TRY(format.done());
    }
    NODEVIRT_TRY(parseDiskSource(b, bs.type, bs.source));
    if (bs.source.empty()) return fail(b.error("missing disk backing store source"));
    NODEVIRT_TRY(parseBackingStore(b, bs.next, depth + 1));
    return b.done();
}

void formatSecretRef(xml::Writer& w, const SecretRef& s) {
    w.open("secret").attr("type", s.type);
    if (s.uuid) w.attr("uuid", *s.uuid);
    if (s.usage) w.attr("usage", *s.usage);
    w.close();
}

void formatDiskSource(xml::Writer& w, DiskType type, const DiskSource& s, const FormatCtx& fc) {
    if (s.empty() && !s.startup_policy) return;
    const SourceExtra* x = s.extra.get();
    w.open("source");
    if (std::string_view attr = pathAttr(type); !attr.empty() && s.path) w.attr(attr, *s.path);
    if (x && type == DiskType::kNetwork) {
        if (x->protocol) w.attr("protocol", kNetProtocols.name(*x->protocol));
        if (x->name) w.attr("name", *x->name);
        if (x->tls) w.attr("tls", *x->tls ? "yes" : "no");
    }
    if (x && type == DiskType::kVolume) {
        if (x->pool) w.attr("pool", *x->pool);
        if (x->volume) w.attr("volume", *x->volume);
        if (x->mode) w.attr("mode", kVolumeModes.name(*x->mode));
    }
    if (s.startup_policy) w.attr("startupPolicy", kStartupPolicies.name(*s.startup_policy));
    if (s.index && !fc.inactive) w.attr("index", *s.index);
    if (x) {
        for (const auto& h : x->hosts) {
            w.open("host");
            if (h.name) w.attr("name", *h.name);
            if (h.port) w.attr("port", *h.port);
            if (h.transport != HostTransport::kTcp)
                w.attr("transport", kHostTransports.name(h.transport));
            if (h.socket) w.attr("socket", *h.socket);
            w.close();
        }
        if (x->snapshot) w.open("snapshot").attr("name", *x->snapshot).close();
        if (x->config_file) w.open("config").attr("file", *x->config_file).close();
        if (x->auth) {
            w.open("auth").attr("username", x->auth->username);
            formatSecretRef(w, x->auth->secret);
            w.close();
        }
        for (const auto& l : x->seclabels) {
            w.open("seclabel");
            if (l.model) w.attr("model", *l.model);
            if (l.relabel) w.attr("relabel", *l.relabel ? "yes" : "no");
            if (l.label) w.textElement("label", *l.label);
            w.close();
        }
    }
    w.close();
}

void formatBackingStore(xml::Writer& w, const BackingStore& b, const FormatCtx& fc) {
    if (b.terminated) {
        w.open("backingStore").close();
        return;
    }
    w.open("backingStore").attr("type", kDiskTypes.name(b.type));
    if (b.format) w.open("format").attr("type", *b.format).close();
    formatDiskSource(w, b.type, b.source, fc);
    if (b.next) formatBackingStore(w, *b.next, fc);
    w.close();
}

}  // namespace nodevirt::conf
