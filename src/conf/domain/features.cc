#include "conf/domain/features.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

constexpr auto kOnOff = makeEnumTable<Toggle>("", "on", "off");

Result<Toggle> readState(Elem& e, bool required) {
    auto v = e.attr("state");
    if (!v) {
        if (required) return fail(e.error("missing required attribute 'state'"));
        return Toggle::kOn;
    }
    auto t = kOnOff.parse(*v);
    if (!t || *t == Toggle::kAbsent) return fail(e.badValue("state", *v, "'on' or 'off'"));
    return *t;
}

// Formats a byte count with the largest binary unit that divides it exactly.
std::pair<uint64_t, std::string_view> exactUnit(uint64_t bytes) {
    static constexpr std::string_view kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    size_t i = 0;
    while (i + 1 < std::size(kUnits) && bytes != 0 && bytes % 1024 == 0) {
        bytes /= 1024;
        ++i;
    }
    return {bytes, kUnits[i]};
}

Status parseHyperv(Elem& e, HypervFeatures& h) {
    NODEVIRT_ASSIGN_OR_RETURN(auto mode, e.enumAttr("mode", kHypervModes));
    h.mode = mode.value_or(HypervMode::kCustom);
    for (Elem& c : e.allChildren()) {
        auto which = kHypervFeatureNames.parse(c.name());
        if (!which) continue;  // left unmarked: reported by done()
        e.markChild(c.name());
        NODEVIRT_ASSIGN_OR_RETURN(Toggle t, readState(c, true));
        h.state[static_cast<size_t>(*which)] = t;
        if (*which == HypervFeature::kSpinlocks && t == Toggle::kOn) {
            NODEVIRT_ASSIGN_OR_RETURN(auto retries, c.uint32Attr("retries"));
            if (!retries) return fail(c.error("missing HyperV spinlock retry count"));
            if (*retries < 4095)
                return fail(c.error("HyperV spinlock retry count must be at least 4095"));
            h.spinlock_retries = retries;
        } else if (*which == HypervFeature::kVendorId && t == Toggle::kOn) {
            NODEVIRT_ASSIGN_OR_RETURN(h.vendor_id, c.requiredAttr("value"));
            if (h.vendor_id.empty() || h.vendor_id.size() > 12)
                return fail(c.error("HyperV vendor_id value must be 1 to 12 characters"));
        } else if (*which == HypervFeature::kStimer) {
            if (Elem direct = c.child("direct")) {
                NODEVIRT_ASSIGN_OR_RETURN(h.stimer_direct, readState(direct, true));
                NODEVIRT_TRY(direct.done());
            }
        }
        NODEVIRT_TRY(c.done());
    }
    return e.done();
}

Status parseKvm(Elem& e, KvmFeatures& k) {
    for (Elem& c : e.allChildren()) {
        auto which = kKvmFeatureNames.parse(c.name());
        if (!which) continue;
        e.markChild(c.name());
        NODEVIRT_ASSIGN_OR_RETURN(Toggle t, readState(c, true));
        k.state[static_cast<size_t>(*which)] = t;
        if (*which == KvmFeature::kDirtyRing && t == Toggle::kOn) {
            NODEVIRT_ASSIGN_OR_RETURN(auto size, c.uint32Attr("size"));
            if (!size || *size < 1024 || *size > 65536 || (*size & (*size - 1)))
                return fail(c.error("dirty ring size must be a power of two in [1024, 65536]"));
            k.dirty_ring_size = size;
        }
        NODEVIRT_TRY(c.done());
    }
    return e.done();
}

Status parseOne(Elem& c, Feature f, FeaturesDef& out) {
    switch (f) {
        case Feature::kAcpi:
        case Feature::kPae:
        case Feature::kViridian:
        case Feature::kPrivnet:
            out.set(f, Toggle::kOn);
            return c.done();
        case Feature::kApic: {
            out.set(f, Toggle::kOn);
            NODEVIRT_ASSIGN_OR_RETURN(auto eoi, c.enumAttr("eoi", kOnOff));
            if (eoi == Toggle::kAbsent) return fail(c.badValue("eoi", "", "'on' or 'off'"));
            out.apic_eoi = eoi.value_or(Toggle::kAbsent);
            return c.done();
        }
        case Feature::kHtm:
        case Feature::kNestedHv:
        case Feature::kCcfAssist: {
            NODEVIRT_ASSIGN_OR_RETURN(Toggle t, readState(c, true));
            out.set(f, t);
            return c.done();
        }
        case Feature::kHyperv:
            out.set(f, Toggle::kOn);
            return parseHyperv(c, out.hyperv);
        case Feature::kKvm:
            out.set(f, Toggle::kOn);
            return parseKvm(c, out.kvm);
        case Feature::kGic:
            out.set(f, Toggle::kOn);
            out.gic_version = c.attr("version");
            if (out.gic_version && *out.gic_version != "2" && *out.gic_version != "3" &&
                *out.gic_version != "host")
                return fail(c.badValue("version", *out.gic_version, "'2', '3' or 'host'"));
            return c.done();
        case Feature::kIoapic: {
            out.set(f, Toggle::kOn);
            NODEVIRT_ASSIGN_OR_RETURN(out.ioapic_driver, c.enumAttr("driver", kIoapicDrivers));
            return c.done();
        }
        case Feature::kMsrs: {
            out.set(f, Toggle::kOn);
            NODEVIRT_ASSIGN_OR_RETURN(out.msrs_unknown, c.enumAttr("unknown", kMsrsUnknown));
            if (!out.msrs_unknown) return fail(c.error("missing required attribute 'unknown'"));
            return c.done();
        }
        case Feature::kTcg: {
            out.set(f, Toggle::kOn);
            NODEVIRT_ASSIGN_OR_RETURN(out.tcg_tb_cache_kib, parseScaledKiB(c, "tb-cache"));
            return c.done();
        }
        case Feature::kSmm: {
            NODEVIRT_ASSIGN_OR_RETURN(Toggle t, readState(c, false));
            out.set(f, t);
            if (Elem tseg = c.child("tseg")) {
                std::string unit = tseg.attr("unit").value_or("MiB");
                NODEVIRT_TRY(tseg.done());
                NODEVIRT_ASSIGN_OR_RETURN(uint64_t kib,
                                          scaleToKiB(tseg.text(), unit, tseg, kMaxMemoryKiB));
                out.smm_tseg_bytes = kib * 1024;
            }
            return c.done();
        }
        default: {
            NODEVIRT_ASSIGN_OR_RETURN(Toggle t, readState(c, false));
            out.set(f, t);
            return c.done();
        }
    }
}

void formatHyperv(xml::Writer& w, const HypervFeatures& h) {
    bool any = false;
    for (Toggle t : h.state) any = any || t != Toggle::kAbsent;
    if (h.mode == HypervMode::kPassthrough || !any) {
        w.raw(fmt::format("<hyperv mode='{}'>\n</hyperv>", kHypervModes.name(h.mode)));
        return;
    }
    w.open("hyperv").attr("mode", kHypervModes.name(h.mode));
    for (size_t i = 0; i < h.state.size(); ++i) {
        Toggle t = h.state[i];
        if (t == Toggle::kAbsent) continue;
        auto which = static_cast<HypervFeature>(i);
        w.open(kHypervFeatureNames.name(which)).attr("state", kOnOff.name(t));
        if (which == HypervFeature::kSpinlocks && t == Toggle::kOn && h.spinlock_retries)
            w.attr("retries", *h.spinlock_retries);
        if (which == HypervFeature::kVendorId && t == Toggle::kOn) w.attr("value", h.vendor_id);
        if (which == HypervFeature::kStimer && h.stimer_direct != Toggle::kAbsent)
            w.open("direct").attr("state", kOnOff.name(h.stimer_direct)).close();
        w.close();
    }
    w.close();
}

void formatKvm(xml::Writer& w, const KvmFeatures& k) {
    bool any = false;
    for (Toggle t : k.state) any = any || t != Toggle::kAbsent;
    if (!any) {
        w.raw("<kvm>\n</kvm>");
        return;
    }
    w.open("kvm");
    for (size_t i = 0; i < k.state.size(); ++i) {
        if (k.state[i] == Toggle::kAbsent) continue;
        auto which = static_cast<KvmFeature>(i);
        w.open(kKvmFeatureNames.name(which)).attr("state", kOnOff.name(k.state[i]));
        if (which == KvmFeature::kDirtyRing && k.state[i] == Toggle::kOn && k.dirty_ring_size)
            w.attr("size", *k.dirty_ring_size);
        w.close();
    }
    w.close();
}

void formatOne(xml::Writer& w, const FeaturesDef& fd, Feature f, Toggle t) {
    std::string_view name = kFeatureNames.name(f);
    switch (f) {
        case Feature::kAcpi:
        case Feature::kPae:
        case Feature::kViridian:
        case Feature::kPrivnet:
            w.open(name).close();
            return;
        case Feature::kApic:
            w.open(name);
            if (fd.apic_eoi != Toggle::kAbsent) w.attr("eoi", kOnOff.name(fd.apic_eoi));
            w.close();
            return;
        case Feature::kHyperv:
            formatHyperv(w, fd.hyperv);
            return;
        case Feature::kKvm:
            formatKvm(w, fd.kvm);
            return;
        case Feature::kGic:
            w.open(name);
            if (fd.gic_version) w.attr("version", *fd.gic_version);
            w.close();
            return;
        case Feature::kIoapic:
            w.open(name);
            if (fd.ioapic_driver) w.attr("driver", kIoapicDrivers.name(*fd.ioapic_driver));
            w.close();
            return;
        case Feature::kMsrs:
            w.open(name)
                .attr("unknown", kMsrsUnknown.name(fd.msrs_unknown.value_or(MsrsUnknown::kIgnore)))
                .close();
            return;
        case Feature::kTcg:
            if (!fd.tcg_tb_cache_kib) {
                w.raw("<tcg>\n</tcg>");
                return;
            }
            w.open(name).open("tb-cache").attr("unit", "KiB");
            w.text(fmt::format("{}", *fd.tcg_tb_cache_kib)).close().close();
            return;
        case Feature::kSmm:
            w.open(name).attr("state", kOnOff.name(t));
            if (t == Toggle::kOn && fd.smm_tseg_bytes) {
                auto [value, unit] = exactUnit(*fd.smm_tseg_bytes);
                w.open("tseg").attr("unit", unit).text(fmt::format("{}", value)).close();
            }
            w.close();
            return;
        default:
            w.open(name).attr("state", kOnOff.name(t)).close();
            return;
    }
}

}  // namespace

bool FeaturesDef::empty() const {
    for (Toggle t : state)
        if (t != Toggle::kAbsent) return false;
    return true;
}

Status parseFeatures(Elem& e, FeaturesDef& out) {
    for (Elem& c : e.allChildren()) {
        auto f = kFeatureNames.parse(c.name());
        if (!f) continue;  // reported (validate) or dropped by done()
        e.markChild(c.name());
        NODEVIRT_TRY(parseOne(c, *f, out));
    }
    return e.done();
}

void formatFeatures(xml::Writer& w, const FeaturesDef& f) {
    if (f.empty()) return;
    w.open("features");
    for (size_t i = 0; i < f.state.size(); ++i)
        if (f.state[i] != Toggle::kAbsent) formatOne(w, f, static_cast<Feature>(i), f.state[i]);
    w.close();
}

}  // namespace nodevirt::conf
