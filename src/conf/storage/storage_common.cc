#include "conf/storage/storage_common.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace nodevirt::conf::storage_xml {

Error at(ErrorCode code, const xml::Node& node, std::string_view detail) {
    return Error::make(code, ErrorDomain::kStorage,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Error xmlAt(const xml::Node& node, std::string_view detail) {
    return at(ErrorCode::kXmlError, node, detail);
}

namespace {

// owner/group: a number, or -1 for "unset".
Result<std::optional<uint32_t>> parseId(const xml::Node& node, std::string_view what) {
    std::string text(str::trim(node.text()));
    if (text == "-1") return std::optional<uint32_t>();
    auto v = str::parseUint(text);
    if (!v) return fail(xmlAt(node, fmt::format("malformed {} element", what)));
    return std::optional<uint32_t>(*v);
}

}  // namespace

Result<StoragePerms> parsePerms(const xml::Node& node) {
    StoragePerms perms;
    if (xml::Node mode = node.child("mode")) {
        std::string text(str::trim(mode.text()));
        auto v = str::parseUint(text, 8);
        if (!v || *v > 0777 || text.empty() || text[0] == '+')
            return fail(xmlAt(mode, "malformed octal mode"));
        perms.mode = *v;
    }
    if (xml::Node owner = node.child("owner")) {
        NODEVIRT_ASSIGN_OR_RETURN(perms.owner, parseId(owner, "owner"));
    }
    if (xml::Node group = node.child("group")) {
        NODEVIRT_ASSIGN_OR_RETURN(perms.group, parseId(group, "group"));
    }
    if (auto label = node.childText("label"); label && !label->empty()) perms.label = *label;
    return perms;
}

void formatPerms(xml::Writer& w, const StoragePerms& perms) {
    if (perms.empty()) return;
    w.open("permissions");
    if (perms.mode) w.textElement("mode", fmt::format("{:04o}", *perms.mode));
    if (perms.owner) w.textElement("owner", std::to_string(*perms.owner));
    if (perms.group) w.textElement("group", std::to_string(*perms.group));
    if (perms.label) w.textElement("label", *perms.label);
    w.close();
}

Result<uint64_t> parseScaledBytes(const xml::Node& node, std::string_view malformed) {
    std::string text(str::trim(node.text()));
    auto value = str::parseUint64(text);
    if (!value || text.empty() || text[0] == '+') {
        return fail(xmlAt(node, fmt::format("malformed {} element", malformed)));
    }
    std::string unit = node.attr("unit").value_or("");
    auto scale = str::unitScale(unit, 1);
    if (!scale) {
        return fail(Error::make(
            ErrorCode::kInvalidArg, ErrorDomain::kStorage,
            fmt::format("unknown suffix '{}' ({}, line {})", unit, node.path(), node.line())));
    }
    if (*value && *scale > UINT64_MAX / *value) {
        return fail(Error::make(ErrorCode::kOverflow, ErrorDomain::kStorage,
                                fmt::format("value too large: {}{} ({}, line {})", text, unit,
                                            node.path(), node.line())));
    }
    return *value * *scale;
}

std::string sanitizePath(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (char c : path) {
        if (c == '/' && !out.empty() && out.back() == '/') continue;
        out += c;
    }
    if (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

}  // namespace nodevirt::conf::storage_xml
