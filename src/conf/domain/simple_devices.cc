#include "conf/domain/simple_devices.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

// Writes the element with the device info as children, or self-closed when there is none.
void closeWithInfo(xml::Writer& w, const DeviceInfo& info, const FormatCtx& fc) {
    formatDeviceInfo(w, info, fc);
    w.close();
}

}  // namespace

Result<SoundDef> parseSound(Elem& e) {
    SoundDef d;
    NODEVIRT_ASSIGN_OR_RETURN(auto model, e.enumAttr("model", kSoundModels));
    if (!model) return fail(e.error("missing sound model"));
    d.model = *model;
    NODEVIRT_ASSIGN_OR_RETURN(auto codecs, e.children("codec", 8));
    for (Elem& c : codecs) {
        NODEVIRT_ASSIGN_OR_RETURN(auto type, c.requiredAttr("type"));
        if (type != "duplex" && type != "micro" && type != "output")
            return fail(c.badValue("type", type, "'duplex', 'micro' or 'output'"));
        NODEVIRT_TRY(c.done());
        d.codecs.push_back(std::move(type));
    }
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

Result<WatchdogDef> parseWatchdog(Elem& e) {
    WatchdogDef d;
    NODEVIRT_ASSIGN_OR_RETURN(auto model, e.enumAttr("model", kWatchdogModels));
    if (!model) return fail(e.error("watchdog must contain model name"));
    d.model = *model;
    NODEVIRT_ASSIGN_OR_RETURN(auto action, e.enumAttr("action", kWatchdogActions));
    d.action = action.value_or(WatchdogAction::kReset);
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

Result<MemballoonDef> parseMemballoon(Elem& e) {
    MemballoonDef d;
    NODEVIRT_ASSIGN_OR_RETURN(auto model, e.enumAttr("model", kMemballoonModels));
    if (!model) return fail(e.error("balloon memory must contain model name"));
    d.model = *model;
    NODEVIRT_ASSIGN_OR_RETURN(d.autodeflate, e.onOffAttr("autodeflate"));
    NODEVIRT_ASSIGN_OR_RETURN(d.free_page_reporting, e.onOffAttr("freePageReporting"));
    if (Elem s = e.child("stats")) {
        NODEVIRT_ASSIGN_OR_RETURN(d.stats_period, s.uint32Attr("period"));
        if (d.stats_period == 0u) d.stats_period.reset();
        NODEVIRT_TRY(s.done());
    }
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

Result<PanicDef> parsePanic(Elem& e) {
    PanicDef d;
    NODEVIRT_ASSIGN_OR_RETURN(d.model, e.enumAttr("model", kPanicModels));
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

Result<VsockDef> parseVsock(Elem& e) {
    VsockDef d;
    d.model = e.attr("model");
    if (d.model && *d.model != "virtio" && *d.model != "virtio-transitional" &&
        *d.model != "virtio-non-transitional")
        return fail(e.badValue("model", *d.model, "a virtio vsock model"));
    if (Elem c = e.child("cid")) {
        NODEVIRT_ASSIGN_OR_RETURN(d.cid_auto, c.yesNoAttr("auto"));
        NODEVIRT_ASSIGN_OR_RETURN(d.cid_address, c.uint32Attr("address"));
        if (d.cid_address && *d.cid_address < 3) return fail(c.error("guest CIDs must be >= 3"));
        NODEVIRT_TRY(c.done());
    }
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

Result<TpmDef> parseTpm(Elem& e) {
    TpmDef d;
    NODEVIRT_ASSIGN_OR_RETURN(d.model, e.enumAttr("model", kTpmModels));
    Elem b = e.child("backend");
    if (!b) return fail(e.error("missing TPM device backend"));
    NODEVIRT_ASSIGN_OR_RETURN(auto backend, b.enumAttr("type", kTpmBackends));
    if (!backend) return fail(b.error("missing TPM device backend type"));
    d.backend = *backend;
    if (d.backend == TpmBackend::kPassthrough) {
        if (Elem dev = b.child("device")) {
            d.device_path = dev.attr("path");
            NODEVIRT_TRY(dev.done());
        }
    } else if (d.backend == TpmBackend::kEmulator) {
        d.version = b.attr("version");
        NODEVIRT_ASSIGN_OR_RETURN(d.persistent_state, b.yesNoAttr("persistent_state"));
        if (Elem enc = b.child("encryption")) {
            d.encryption_secret = enc.attr("secret");
            NODEVIRT_TRY(enc.done());
        }
        if (Elem banks = b.child("active_pcr_banks")) {
            for (Elem& bank : banks.allChildren()) {
                std::string_view n = bank.name();
                if (n != "sha1" && n != "sha256" && n != "sha384" && n != "sha512") continue;
                banks.markChild(n);
                NODEVIRT_TRY(bank.done());
                d.pcr_banks.emplace_back(n);
            }
            NODEVIRT_TRY(banks.done());
        }
    }
    NODEVIRT_TRY(b.done());
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

void formatSound(xml::Writer& w, const SoundDef& d, const FormatCtx& fc) {
    w.open("sound").attr("model", kSoundModels.name(d.model));
    for (const auto& c : d.codecs) w.open("codec").attr("type", c).close();
    closeWithInfo(w, d.info, fc);
}

void formatWatchdog(xml::Writer& w, const WatchdogDef& d, const FormatCtx& fc) {
    w.open("watchdog").attr("model", kWatchdogModels.name(d.model));
    w.attr("action", kWatchdogActions.name(d.action));
    closeWithInfo(w, d.info, fc);
}

void formatMemballoon(xml::Writer& w, const MemballoonDef& d, const FormatCtx& fc) {
    w.open("memballoon").attr("model", kMemballoonModels.name(d.model));
    if (d.autodeflate) w.attr("autodeflate", *d.autodeflate ? "on" : "off");
    if (d.free_page_reporting) w.attr("freePageReporting", *d.free_page_reporting ? "on" : "off");
    if (d.stats_period) w.open("stats").attr("period", *d.stats_period).close();
    closeWithInfo(w, d.info, fc);
}

void formatPanic(xml::Writer& w, const PanicDef& d, const FormatCtx& fc) {
    w.open("panic");
    if (d.model) w.attr("model", kPanicModels.name(*d.model));
    closeWithInfo(w, d.info, fc);
}

void formatVsock(xml::Writer& w, const VsockDef& d, const FormatCtx& fc) {
    w.open("vsock");
    if (d.model) w.attr("model", *d.model);
    if (d.cid_auto || d.cid_address) {
        w.open("cid");
        if (d.cid_auto) w.attr("auto", *d.cid_auto ? "yes" : "no");
        w.attrIf("address", d.cid_address).close();
    }
    closeWithInfo(w, d.info, fc);
}

void formatTpm(xml::Writer& w, const TpmDef& d, const FormatCtx& fc) {
    w.open("tpm");
    if (d.model) w.attr("model", kTpmModels.name(*d.model));
    w.open("backend").attr("type", kTpmBackends.name(d.backend));
    if (d.version) w.attr("version", *d.version);
    if (d.persistent_state) w.attr("persistent_state", *d.persistent_state ? "yes" : "no");
    if (d.device_path) w.open("device").attr("path", *d.device_path).close();
    if (d.encryption_secret) w.open("encryption").attr("secret", *d.encryption_secret).close();
    if (!d.pcr_banks.empty()) {
        w.open("active_pcr_banks");
        for (const auto& bank : d.pcr_banks) w.open(bank).close();
        w.close();
    }
    w.close();
    closeWithInfo(w, d.info, fc);
}

}  // namespace nodevirt::conf
