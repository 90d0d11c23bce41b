#include "conf/domain/seclabel.h"

namespace nodevirt::conf {

Result<SecLabelDef> parseSecLabel(Elem& e) {
    SecLabelDef s;
    NODEVIRT_ASSIGN_OR_RETURN(auto type, e.enumAttr("type", kSecLabelTypes));
    s.type = type.value_or(SecLabelType::kDynamic);
    s.model = e.attr("model");
    NODEVIRT_ASSIGN_OR_RETURN(auto relabel, e.yesNoAttr("relabel"));
    s.relabel = relabel.value_or(s.type == SecLabelType::kDynamic);
    if (s.type == SecLabelType::kDynamic && !s.relabel)
        return fail(e.unsupported("dynamic label type must use resource relabeling"));
    if (s.type == SecLabelType::kNone && s.relabel)
        return fail(e.unsupported("resource relabeling is not compatible with 'none' label type"));
    if (s.type == SecLabelType::kNone) s.relabel = false;
    bool live = !e.ctx().inactive;
    // Generated labels belong to a running domain; an inactive parse keeps chosen ones only.
    NODEVIRT_ASSIGN_OR_RETURN(auto label, e.leafText("label"));
    if (s.type == SecLabelType::kStatic || (live && s.type == SecLabelType::kDynamic)) {
        s.label = std::move(label);
        if (s.type == SecLabelType::kStatic && !s.label)
            return fail(e.error("security label is missing"));
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto image, e.leafText("imagelabel"));
    if (live && s.relabel && s.type != SecLabelType::kNone) s.imagelabel = std::move(image);
    NODEVIRT_ASSIGN_OR_RETURN(auto base, e.leafText("baselabel"));
    if (s.type == SecLabelType::kDynamic) s.baselabel = std::move(base);
    NODEVIRT_TRY(e.done());
    return s;
}

void formatSecLabel(xml::Writer& w, const SecLabelDef& s, const FormatCtx& fc) {
    w.open("seclabel").attr("type", kSecLabelTypes.name(s.type));
    if (s.model) w.attr("model", *s.model);
    if (s.type != SecLabelType::kNone) w.attr("relabel", s.relabel ? "yes" : "no");
    bool hide_generated = s.type == SecLabelType::kDynamic && fc.inactive;
    if (s.label && !hide_generated) w.textElement("label", *s.label);
    if (s.imagelabel && !hide_generated && s.relabel) w.textElement("imagelabel", *s.imagelabel);
    if (s.baselabel && s.type == SecLabelType::kDynamic) w.textElement("baselabel", *s.baselabel);
    w.close();
}

}  // namespace nodevirt::conf
