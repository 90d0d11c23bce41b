#include "conf/domain/parse_context.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/logging.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Error schemaError(std::string_view detail) {
    return Error::make(ErrorCode::kXmlInvalidSchema, ErrorDomain::kXml,
                       fmt::format("Unable to validate doc against the domain schema\n{}", detail));
}

Elem::Elem(xml::Node node, ParseCtx& ctx) : node_(node), ctx_(&ctx) {}

void Elem::markAttr(std::string_view name) {
    if (ctx_->track && !contains(attrs_seen_, name)) attrs_seen_.push_back(name);
}

void Elem::markChild(std::string_view name) {
    if (ctx_->track && !contains(children_seen_, name)) children_seen_.push_back(name);
}

std::optional<std::string> Elem::attr(std::string_view name) {
    if (!node_) return std::nullopt;
    markAttr(name);
    auto v = node_.attr(name);
    if (v)
        for (char& c : *v)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return v;
}

std::string Elem::text() const {
    std::string t = node_.text();
    t.erase(std::remove(t.begin(), t.end(), '\r'), t.end());
    return t;
}

Result<std::string> Elem::requiredAttr(std::string_view name) {
    auto v = attr(name);
    if (!v) return fail(error(fmt::format("missing required attribute '{}'", name)));
    return std::move(*v);
}

Result<std::optional<uint64_t>> Elem::uintAttr(std::string_view name, int base) {
    markAttr(name);
    return node_.attrUint(name, base);
}

Result<std::optional<int64_t>> Elem::intAttr(std::string_view name) {
    markAttr(name);
    return node_.attrInt(name);
}

Result<std::optional<uint32_t>> Elem::uint32Attr(std::string_view name, int base) {
    NODEVIRT_ASSIGN_OR_RETURN(auto v, uintAttr(name, base));
    if (v && *v > UINT32_MAX)
        return fail(badValue(name, *node_.attr(name), "a number below 4294967296"));
    if (!v) return std::optional<uint32_t>();
    return std::optional<uint32_t>(static_cast<uint32_t>(*v));
}

Result<std::optional<bool>> Elem::yesNoAttr(std::string_view name) {
    markAttr(name);
    return node_.attrYesNo(name, false);
}

Result<std::optional<bool>> Elem::onOffAttr(std::string_view name) {
    markAttr(name);
    auto v = node_.attr(name);
    if (!v) return std::optional<bool>();
    if (*v == "on") return std::optional<bool>(true);
    if (*v == "off") return std::optional<bool>(false);
    return fail(badValue(name, *v, "'on' or 'off'"));
}

Result<std::optional<Uuid>> Elem::uuidAttr(std::string_view name) {
    auto v = attr(name);
    if (!v) return std::optional<Uuid>();
    auto u = Uuid::parse(*v);
    if (!u) return fail(badValue(name, *v, "a UUID"));
    return std::optional<Uuid>(*u);
}

Elem Elem::child(std::string_view name) {
    markChild(name);
    return Elem(node_.child(name), *ctx_);
}

Result<std::vector<Elem>> Elem::children(std::string_view name, size_t max) {
    markChild(name);
    std::vector<Elem> out;
    for (pugi::xml_node c = node_.raw().first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || name != c.name()) continue;
        if (out.size() >= max)
            return fail(error(fmt::format("too many <{}> elements (at most {})", name, max)));
        out.emplace_back(xml::Node(c, node_.document()), *ctx_);
    }
    return out;
}

std::vector<Elem> Elem::allChildren() {
    std::vector<Elem> out;
    for (pugi::xml_node c = node_.raw().first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element) out.emplace_back(xml::Node(c, node_.document()), *ctx_);
    return out;
}

Result<std::optional<std::string>> Elem::leafText(std::string_view name) {
    Elem c = child(name);
    if (!c) return std::optional<std::string>();
    NODEVIRT_TRY(c.done());
    return std::optional<std::string>(c.text());
}

Result<std::optional<uint64_t>> Elem::leafUint(std::string_view name) {
    Elem c = child(name);
    if (!c) return std::optional<uint64_t>();
    NODEVIRT_TRY(c.done());
    NODEVIRT_ASSIGN_OR_RETURN(uint64_t v, c.textUint());
    return std::optional<uint64_t>(v);
}

Result<std::optional<int64_t>> Elem::leafInt(std::string_view name) {
    Elem c = child(name);
    if (!c) return std::optional<int64_t>();
    NODEVIRT_TRY(c.done());
    std::string t = c.text();
    auto v = str::parseInt64(t);
    if (!v) return fail(c.error(fmt::format("invalid value '{}': expected an integer", t)));
    return std::optional<int64_t>(*v);
}

Result<uint64_t> Elem::textUint() const {
    std::string t = text();
    auto v = str::parseUint64(t);
    if (!v)
        return fail(error(fmt::format("invalid value '{}': expected a non-negative integer", t)));
    return *v;
}

Status Elem::done() {
    if (!node_ || all_consumed_ || !ctx_->track) return ok();
    for (pugi::xml_attribute a = node_.raw().first_attribute(); a; a = a.next_attribute()) {
        std::string_view n = a.name();
        if (n == "xmlns" || str::startsWith(n, "xmlns:") || contains(attrs_seen_, n)) continue;
        std::string what = fmt::format("unknown attribute '{}' of element {} (line {})", n,
                                       node_.path(), node_.line());
        if (ctx_->strict) return fail(schemaError(what));
        log::debug("domain XML: dropping {}", what);
    }
    for (pugi::xml_node c = node_.raw().first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || contains(children_seen_, c.name())) continue;
        xml::Node n(c, node_.document());
        std::string what =
            fmt::format("unknown element <{}> at {} (line {})", c.name(), n.path(), n.line());
        if (ctx_->strict) return fail(schemaError(what));
        log::debug("domain XML: dropping {}", what);
    }
    return ok();
}

Error Elem::error(std::string_view what) const { return node_.error(what); }

Error Elem::badValue(std::string_view attr_name, std::string_view value,
                     std::string_view expected) const {
    return node_.badAttr(attr_name, value, expected);
}

Error Elem::unsupported(std::string_view what) const {
    return configUnsupported(
        fmt::format("{} (element {}, line {})", what, node_.path(), node_.line()),
        ErrorDomain::kDomain);
}

Result<uint64_t> scaleToKiB(std::string_view text, std::string_view unit, const Elem& where,
                            uint64_t max_kib) {
    auto value = str::parseUint64(text);
    if (!value) return fail(where.error(fmt::format("invalid value '{}': expected a size", text)));
    auto scale = str::unitScale(unit, 1024);
    if (!scale)
        return fail(invalidArg(fmt::format("unknown suffix '{}' (element {}, line {})", unit,
                                           where.node().path(), where.node().line()),
                               ErrorDomain::kXml));
    auto too_large = [&] {
        return Error::make(ErrorCode::kOverflow, ErrorDomain::kXml,
                           fmt::format("value too large: {}{} (element {}, line {})", text, unit,
                                       where.node().path(), where.node().line()));
    };
    // Like libvirt: the byte count must fit a signed 64-bit value, the KiB count `max_kib`.
    if (*value && *scale > static_cast<uint64_t>(INT64_MAX) / *value) return fail(too_large());
    uint64_t bytes = *value * *scale;
    uint64_t kib = bytes / 1024 + (bytes % 1024 ? 1 : 0);
    if (kib > max_kib) return fail(too_large());
    return kib;
}

Result<std::optional<uint64_t>> parseScaledKiB(Elem& parent, std::string_view child_name,
                                               uint64_t max_kib) {
    Elem c = parent.child(child_name);
    if (!c) return std::optional<uint64_t>();
    std::string unit = c.attr("unit").value_or("");
    NODEVIRT_TRY(c.done());
    NODEVIRT_ASSIGN_OR_RETURN(uint64_t kib, scaleToKiB(c.text(), unit, c, max_kib));
    return std::optional<uint64_t>(kib);
}

Result<std::optional<uint64_t>> parseScaledAttrKiB(Elem& elem, std::string_view value_attr,
                                                   std::string_view unit_attr, uint64_t max_kib) {
    auto v = elem.attr(value_attr);
    std::string unit = elem.attr(unit_attr).value_or("");
    if (!v) return std::optional<uint64_t>();
    NODEVIRT_ASSIGN_OR_RETURN(uint64_t kib, scaleToKiB(*v, unit, elem, max_kib));
    return std::optional<uint64_t>(kib);
}

}  // namespace nodevirt::conf
