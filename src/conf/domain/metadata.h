// <metadata>: application-owned XML kept verbatim. We keep a small copy of the subtree (not
// a pugixml document, whose 32 KiB pages would dwarf a domain) and write it back the way
// libvirt does, which is libxml2's serialization: double quotes, libxml2's escaping and its
// rule of indenting only element-only content.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "conf/domain/parse_context.h"

namespace nodevirt::conf {

struct XmlFragmentNode {
    enum class Kind : uint8_t { kElement, kText, kCdata };
    Kind kind = Kind::kElement;
    std::string name;                                        // qualified element name
    std::string value;                                       // text or CDATA content
    std::vector<std::pair<std::string, std::string>> attrs;  // in document order (incl. xmlns)
    std::vector<XmlFragmentNode> children;
    friend bool operator==(const XmlFragmentNode&, const XmlFragmentNode&) = default;
};

struct MetadataDef {
    // Namespaces declared outside <metadata> but used inside it; libvirt's copy of the
    // subtree declares them on <metadata> itself.
    std::vector<std::pair<std::string, std::string>> ns_decls;
    std::vector<XmlFragmentNode> children;  // one per namespace, as libvirt keeps them
    friend bool operator==(const MetadataDef&, const MetadataDef&) = default;
};

Status parseMetadata(Elem& e, MetadataDef& out);
// The complete <metadata> element, indented for `level` (2 spaces each), ending in '\n'.
std::string formatMetadata(const MetadataDef& m, int level);

// Metadata API helpers: the child element in namespace `uri` (nullptr if none).
const XmlFragmentNode* findMetadata(const MetadataDef& m, std::string_view uri);
// Namespace URI an element of the fragment belongs to ("" when none).
std::string fragmentNamespace(const XmlFragmentNode& node);

}  // namespace nodevirt::conf
