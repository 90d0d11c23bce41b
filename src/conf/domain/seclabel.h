// <seclabel>: the security driver label of a domain (SELinux, AppArmor, DAC). Dynamic labels
// are generated at start, so an inactive definition keeps only what the user chose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/enum_table.h"
#include "conf/domain/format_context.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

enum class SecLabelType : uint8_t { kNone, kDynamic, kStatic };
inline constexpr auto kSecLabelTypes = makeEnumTable<SecLabelType>("none", "dynamic", "static");

struct SecLabelDef {
    SecLabelType type = SecLabelType::kDynamic;
    std::optional<std::string> model;
    bool relabel = true;
    std::optional<std::string> label;
    std::optional<std::string> imagelabel;
    std::optional<std::string> baselabel;
    friend bool operator==(const SecLabelDef&, const SecLabelDef&) = default;
};

Result<SecLabelDef> parseSecLabel(Elem& e);
void formatSecLabel(xml::Writer& w, const SecLabelDef& s, const FormatCtx& fc);

}  // namespace nodevirt::conf
