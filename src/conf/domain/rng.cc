#include "conf/domain/rng.h"

#include <fmt/format.h>

namespace nodevirt::conf {

Result<RngDef> parseRng(Elem& e) {
    RngDef r;
    auto model = e.attr("model");
    if (!model) return fail(e.error("missing RNG device model"));
    auto m = kRngModels.parse(*model);
    if (!m) return fail(e.unsupported(fmt::format("unknown RNG model '{}'", *model)));
    r.model = *m;
    if (Elem rate = e.child("rate")) {
        NODEVIRT_ASSIGN_OR_RETURN(r.rate_bytes, rate.uint32Attr("bytes"));
        NODEVIRT_ASSIGN_OR_RETURN(r.rate_period, rate.uint32Attr("period"));
        if (!r.rate_bytes) return fail(rate.error("missing 'bytes' attribute of RNG rate"));
        NODEVIRT_TRY(rate.done());
    }
    Elem b = e.child("backend");
    if (!b) return fail(e.error("missing RNG device backend"));
    auto backend = b.attr("model");
    if (!backend) return fail(b.error("missing RNG device backend model"));
    auto bm = kRngBackends.parse(*backend);
    if (!bm) return fail(b.unsupported(fmt::format("unknown RNG backend model '{}'", *backend)));
    r.backend = *bm;
    if (r.backend == RngBackend::kRandom) {
        r.random_path = b.text();
        if (r.random_path.empty()) r.random_path = "/dev/random";
    } else if (r.backend == RngBackend::kEgd) {
        NODEVIRT_ASSIGN_OR_RETURN(auto type, b.enumAttr("type", kChrTypes));
        if (!type) return fail(b.error("missing EGD backend type"));
        r.egd_type = *type;
        NODEVIRT_TRY(parseChrSource(b, r.egd_type, r.egd_source));
    }
    NODEVIRT_TRY(b.done());
    NODEVIRT_TRY(parseDeviceInfo(e, r.info, false));
    NODEVIRT_TRY(e.done());
    return r;
}

void formatRng(xml::Writer& w, const RngDef& r, const FormatCtx& fc) {
    w.open("rng").attr("model", kRngModels.name(r.model));
    if (r.rate_bytes) {
        w.open("rate").attr("bytes", *r.rate_bytes).attrIf("period", r.rate_period).close();
    }
    w.open("backend").attr("model", kRngBackends.name(r.backend));
    if (r.backend == RngBackend::kRandom) {
        w.text(r.random_path);
    } else if (r.backend == RngBackend::kEgd) {
        w.attr("type", kChrTypes.name(r.egd_type));
        formatChrSource(w, r.egd_type, r.egd_source, fc);
    }
    w.close();
    formatDeviceInfo(w, r.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
