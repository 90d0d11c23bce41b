#include "conf/domain/domain_xml.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "conf/domain/domain_parse.h"
#include "conf/domain/post_parse.h"
#include "util/logging.h"

namespace nodevirt::conf {
namespace {

// Length of the UTF-8 sequence starting at s[i], 0 if invalid.
size_t utf8SequenceLength(std::string_view s, size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    uint32_t cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    return n;
}

// Characters XML 1.0 allows (control characters other than tab and line breaks are not).
bool isXmlChar(uint32_t c) {
    if (c < 0x20) return c == 0x9 || c == 0xA || c == 0xD;
    return !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

// Value of the numeric character reference whose digits start `s` ("x41;" or "65;").
std::optional<uint32_t> charRefValue(std::string_view s) {
    int base = 10;
    size_t i = 0;
    if (!s.empty() && s[0] == 'x') {
        base = 16;
        i = 1;
    }
    uint64_t v = 0;
    size_t digits = 0;
    for (; i < s.size() && s[i] != ';' && digits < 10; ++i, ++digits) {
        int d = std::isdigit(static_cast<unsigned char>(s[i])) ? s[i] - '0'
                : base == 16 && std::isxdigit(static_cast<unsigned char>(s[i]))
                    ? std::tolower(static_cast<unsigned char>(s[i])) - 'a' + 10
                    : -1;
        if (d < 0) return std::nullopt;
        v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    if (digits == 0 || i >= s.size() || s[i] != ';' || v > 0xFFFFFFFF) return std::nullopt;
    return static_cast<uint32_t>(v);
}

ParseCtx makeCtx(bool validate, bool inactive) {
    ParseCtx ctx;
    ctx.strict = validate;
    ctx.inactive = inactive;
    ctx.track = validate || log::logger().should_log(spdlog::level::debug);
    return ctx;
}

}  // namespace

Status checkXmlInput(std::string_view xml, std::string_view what) {
    if (xml.size() > kMaxDomainXmlBytes)
        return fail(xmlError(
            fmt::format("({}): document is larger than {} bytes", what, kMaxDomainXmlBytes)));
    for (size_t i = 0; i < xml.size();) {
        size_t n = utf8SequenceLength(xml, i);
        if (n == 0)
            return fail(
                xmlError(fmt::format("({}): input is not proper UTF-8 (byte {})", what, i)));
        if (n == 1 && !isXmlChar(static_cast<unsigned char>(xml[i])))
            return fail(xmlError(
                fmt::format("({}): invalid character 0x{:02x} (byte {})", what,
                            static_cast<unsigned>(static_cast<unsigned char>(xml[i])), i)));
        if (xml[i] == '&' && i + 2 < xml.size() && xml[i + 1] == '#') {
            auto ref = charRefValue(xml.substr(i + 2));
            if (ref && !isXmlChar(*ref))
                return fail(xmlError(
                    fmt::format("({}): character reference to invalid character {:#x} (byte {})",
                                what, *ref, i)));
        }
        i += n;
    }
    return ok();
}

namespace {

Result<std::unique_ptr<xml::Document>> parseDocument(std::string_view xml, std::string_view what) {
    NODEVIRT_TRY(checkXmlInput(xml, what));
    auto doc = xml::Document::parse(xml, what);
    if (!doc) {
        // libvirt reports documents that are not well formed as parser errors.
        Error e = std::move(doc).error();
        e.code = ErrorCode::kXmlDetail;
        return fail(std::move(e));
    }
    return doc;
}

}  // namespace

Result<std::shared_ptr<DomainDef>> parseDomainXml(std::string_view xml,
                                                  const DomainParseOptions& options) {
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseDocument(xml, "domain_definition"));
    ParseCtx ctx = makeCtx(options.validate, options.inactive);
    Elem root(doc->root(), ctx);
    if (root.name() != "domain")
        return fail(
            xmlError(fmt::format("expecting root element of 'domain', not '{}'", root.name()),
                     ErrorDomain::kDomain));
    auto def = std::make_shared<DomainDef>();
    NODEVIRT_TRY(parseDomainRoot(root, *def));
    if (options.profile) NODEVIRT_TRY(postParseDomain(*def, *options.profile));
    NODEVIRT_TRY(validateDomainDef(*def));
    return def;
}

std::string formatDomainXml(const DomainDef& def, const DomainFormatOptions& options) {
    FormatCtx fc{options.inactive, options.secure, options.migratable};
    xml::Writer w;
    formatDomain(w, def, fc, options.live_id);
    return w.take();
}

Result<DeviceDef> parseDeviceXml(std::string_view xml, const DomainDef& context,
                                 const DeviceParseOptions& options) {
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseDocument(xml, "device_definition"));
    ParseCtx ctx = makeCtx(options.validate, options.inactive);
    Elem root(doc->root(), ctx);
    NODEVIRT_ASSIGN_OR_RETURN(DeviceDef dev, parseDevice(root));
    if (options.profile) NODEVIRT_TRY(postParseDevice(dev, context, *options.profile));
    return dev;
}

std::string formatDeviceXml(const DeviceDef& device, const DomainFormatOptions& options) {
    FormatCtx fc{options.inactive, options.secure, options.migratable};
    xml::Writer w;
    formatDevice(w, device, fc);
    return w.take();
}

}  // namespace nodevirt::conf
