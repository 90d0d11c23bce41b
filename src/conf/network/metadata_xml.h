// Application <metadata> is opaque to libvirt: it keeps the subtree and prints it back with
// libxml2's own serializer (double-quoted attributes, blank text dropped, children indented
// unless an element has mixed content). This reproduces that output.
#pragma once

#include <pugixml.hpp>
#include <string>

namespace nodevirt::conf {

// Serializes the element children of `metadata` one after another, each starting at column
// 0 (the xml::Writer re-indents them with raw()). Empty when there are none.
std::string serializeMetadataChildren(const pugi::xml_node& metadata);

}  // namespace nodevirt::conf
