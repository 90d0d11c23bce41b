// Options shared by the XML parsers of the network, storage, node device, secret, interface and
// capabilities families, plus the strict-mode checks they all apply (unknown elements and
// attributes are dropped normally, rejected when validating). Header-only on purpose: it only
// depends on xml::Node, so every family can use it without another library.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "util/result.h"
#include "xml/xml_reader.h"

namespace nodevirt::conf {

struct ParseOptions {
    // Strict mode (virsh --validate, define with VALIDATE flag): unknown elements/attributes
    // are errors and the family's validate() runs after post-parse defaults.
    bool validate = false;
    // Status/live XML written by a driver: keep runtime-only fields (connections counters,
    // node device <driver>, ...) that libvirt ignores in user-supplied XML.
    bool live = false;
    // Keep driver-specific XML namespaces (dnsmasq:options); libvirt's test driver drops them.
    bool xml_namespaces = false;
    // Node devices: the document describes a device to create (nodedev-create), so fields
    // the kernel assigns (a SCSI host's number) may be absent.
    bool new_device = false;
    // Documents larger than this are refused before parsing.
    size_t max_bytes = size_t{4} << 20;
};

// Format-side flags common to the families (values match libvirt's *_XML_INACTIVE bits).
inline constexpr unsigned kFormatInactive = 1U << 0;

inline bool isKnownName(std::string_view name, std::initializer_list<std::string_view> known) {
    for (std::string_view k : known) {
        if (k == name) return true;
    }
    return false;
}

// In strict mode, fails on the first child element of `node` not listed in `known`.
inline Status checkChildren(const xml::Node& node, std::initializer_list<std::string_view> known,
                            const ParseOptions& opts) {
    if (!opts.validate) return ok();
    for (const xml::Node& c : node.children()) {
        if (isKnownName(c.name(), known)) continue;
        return fail(Error::make(
            ErrorCode::kXmlInvalidSchema, ErrorDomain::kXml,
            fmt::format("unknown element '{}' in {} (line {})", c.name(), node.path(), c.line())));
    }
    return ok();
}

// In strict mode, fails on the first attribute of `node` not listed in `known` (namespace
// declarations are always allowed).
inline Status checkAttrs(const xml::Node& node, std::initializer_list<std::string_view> known,
                         const ParseOptions& opts) {
    if (!opts.validate) return ok();
    for (pugi::xml_attribute a = node.raw().first_attribute(); a; a = a.next_attribute()) {
        std::string_view name = a.name();
        if (isKnownName(name, known) || name.substr(0, 6) == "xmlns:" || name == "xmlns") continue;
        return fail(Error::make(ErrorCode::kXmlInvalidSchema, ErrorDomain::kXml,
                                fmt::format("unknown attribute '{}' of element {} (line {})", name,
                                            node.path(), node.line())));
    }
    return ok();
}

// Size guard every family applies before handing text to the XML parser.
inline Status checkDocumentSize(std::string_view text, const ParseOptions& opts,
                                std::string_view what) {
    if (text.size() <= opts.max_bytes) return ok();
    return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kXml,
                            fmt::format("{} document is too large ({} bytes, limit {})", what,
                                        text.size(), opts.max_bytes)));
}

// Parses the document text; a malformed document is reported the way libvirt does (code
// XML_DETAIL, message "(what):LINE: problem") rather than as a generic XML error.
inline Result<std::unique_ptr<xml::Document>> parseXmlDocument(std::string_view text,
                                                               std::string_view what) {
    auto doc = xml::Document::parse(text, what);
    if (doc) return doc;
    Error e = doc.error();
    std::string detail = e.str2.value_or(e.message);
    return fail(Error::make(ErrorCode::kXmlDetail, ErrorDomain::kXml, detail));
}

}  // namespace nodevirt::conf
