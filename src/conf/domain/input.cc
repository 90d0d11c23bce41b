#include "conf/domain/input.h"

#include <fmt/format.h>

namespace nodevirt::conf {

Result<InputDef> parseInput(Elem& e) {
    InputDef d;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, e.enumAttr("type", kInputTypes));
    if (!type) return fail(e.error("missing input device type"));
    d.type = *type;
    NODEVIRT_ASSIGN_OR_RETURN(d.bus, e.enumAttr("bus", kInputBuses));
    d.model = e.attr("model");
    if (d.model && *d.model != "virtio" && *d.model != "virtio-transitional" &&
        *d.model != "virtio-non-transitional")
        return fail(e.badValue("model", *d.model, "a virtio input model"));
    if (d.bus == InputBus::kPs2 && d.type != InputType::kMouse && d.type != InputType::kKeyboard)
        return fail(internalError(
            fmt::format("ps2 bus does not support {} input device", kInputTypes.name(d.type))));
    if (Elem src = e.child("source")) {
        if (d.type == InputType::kPassthrough) {
            d.source_evdev = src.attr("evdev");
        } else if (d.type == InputType::kEvdev) {
            d.source_dev = src.attr("dev");
            d.grab = src.attr("grab");
            d.grab_toggle = src.attr("grabToggle");
            NODEVIRT_ASSIGN_OR_RETURN(d.repeat, src.onOffAttr("repeat"));
        }
        NODEVIRT_TRY(src.done());
    }
    if (d.type == InputType::kPassthrough && !d.source_evdev)
        return fail(e.error("Missing evdev path for input device passthrough"));
    if (d.type == InputType::kEvdev && !d.source_dev)
        return fail(e.error("Missing evdev path for input device"));
    NODEVIRT_TRY(parseDeviceInfo(e, d.info, false));
    NODEVIRT_TRY(e.done());
    return d;
}

void formatInput(xml::Writer& w, const InputDef& d, const FormatCtx& fc) {
    w.open("input").attr("type", kInputTypes.name(d.type));
    if (d.bus) w.attr("bus", kInputBuses.name(*d.bus));
    if (d.model) w.attr("model", *d.model);
    if (d.source_evdev) w.open("source").attr("evdev", *d.source_evdev).close();
    if (d.source_dev) {
        w.open("source").attr("dev", *d.source_dev);
        if (d.grab) w.attr("grab", *d.grab);
        if (d.grab_toggle) w.attr("grabToggle", *d.grab_toggle);
        if (d.repeat) w.attr("repeat", *d.repeat ? "on" : "off");
        w.close();
    }
    formatDeviceInfo(w, d.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
