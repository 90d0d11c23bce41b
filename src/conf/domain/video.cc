#include "conf/domain/video.h"

#include <fmt/format.h>

namespace nodevirt::conf {

Result<VideoDef> parseVideo(Elem& e) {
    VideoDef v;
    if (Elem m = e.child("model")) {
        NODEVIRT_ASSIGN_OR_RETURN(v.model, m.enumAttr("type", kVideoModels));
        NODEVIRT_ASSIGN_OR_RETURN(v.ram, m.uint32Attr("ram"));
        NODEVIRT_ASSIGN_OR_RETURN(v.vram, m.uint32Attr("vram"));
        NODEVIRT_ASSIGN_OR_RETURN(v.vram64, m.uint32Attr("vram64"));
        NODEVIRT_ASSIGN_OR_RETURN(v.vgamem, m.uint32Attr("vgamem"));
        NODEVIRT_ASSIGN_OR_RETURN(v.heads, m.uint32Attr("heads"));
        if (v.heads == 0u) v.heads.reset();
        NODEVIRT_ASSIGN_OR_RETURN(auto primary, m.yesNoAttr("primary"));
        v.primary = primary.value_or(false);
        if (Elem a = m.child("acceleration")) {
            NODEVIRT_ASSIGN_OR_RETURN(v.accel3d, a.yesNoAttr("accel3d"));
            NODEVIRT_ASSIGN_OR_RETURN(v.accel2d, a.yesNoAttr("accel2d"));
            if (a.attr("rendernode"))
                return fail(
                    a.unsupported("unsupported rendernode accel attribute without 'vhostuser'"));
            NODEVIRT_TRY(a.done());
        }
        if (Elem r = m.child("resolution")) {
            NODEVIRT_ASSIGN_OR_RETURN(v.res_x, r.uint32Attr("x"));
            NODEVIRT_ASSIGN_OR_RETURN(v.res_y, r.uint32Attr("y"));
            if (!v.res_x || !v.res_y) return fail(r.error("missing values for resolution"));
            NODEVIRT_TRY(r.done());
        }
        NODEVIRT_TRY(m.done());
    }
    if (Elem d = e.child("driver")) {
        v.driver_name = d.attr("name");
        d.attr("vgaconf");  // accepted; only meaningful to bhyve-style drivers
        NODEVIRT_TRY(d.done());
    }
    NODEVIRT_TRY(parseDeviceInfo(e, v.info, false));
    NODEVIRT_TRY(e.done());
    return v;
}

void formatVideo(xml::Writer& w, const VideoDef& v, const FormatCtx& fc) {
    w.open("video");
    if (v.driver_name) w.open("driver").attr("name", *v.driver_name).close();
    w.open("model").attr("type", kVideoModels.name(v.model.value_or(VideoModel::kCirrus)));
    w.attrIf("ram", v.ram).attrIf("vram", v.vram).attrIf("vram64", v.vram64);
    w.attrIf("vgamem", v.vgamem).attrIf("heads", v.heads);
    if (v.primary) w.attr("primary", "yes");
    if (v.accel3d || v.accel2d) {
        w.open("acceleration");
        if (v.accel3d) w.attr("accel3d", *v.accel3d ? "yes" : "no");
        if (v.accel2d) w.attr("accel2d", *v.accel2d ? "yes" : "no");
        w.close();
    }
    if (v.res_x && v.res_y) w.open("resolution").attr("x", *v.res_x).attr("y", *v.res_y).close();
    w.close();
    formatDeviceInfo(w, v.info, fc);
    w.close();
}

}  // namespace nodevirt::conf
