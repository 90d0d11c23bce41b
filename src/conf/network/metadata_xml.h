// Application <metadata> is opaque to libvirt: it keeps the subtree and prints it back with
// libxml2's own serializer (double-quoted attributes, blank text dropped, children indented
// unless an element has mixed content). This reproduces that output.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace nodevirt::conf {

// Serializes the element children of `metadata`, each line indented by `indent` spaces
// except inside text, which is kept verbatim (libxml2 does not re-indent text content).
// Empty when there are none.
std::string serializeMetadataChildren(const pugi::xml_node& metadata, int indent);

// xml::Writer re-indents every line it is given, which would alter multi-line text; so the
// formatter writes this marker line where the metadata goes and spliceMetadata() replaces
// it with the serialized block. The marker cannot occur in XML content.
inline constexpr std::string_view kMetadataMarker = "\x01metadata\x01";
void spliceMetadata(std::string& document, const std::string& block);

}  // namespace nodevirt::conf
