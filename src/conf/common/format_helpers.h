// Formatting helpers shared by several XML families. libvirt prints some elements with the
// start and end tag on separate lines even when nothing is inside (<ip ...>\n</ip>,
// <source>\n</source>); xml::Writer would self-close those, so they are assembled here.
// Header-only: it needs nothing but xml::Writer.
#pragma once

#include <string>
#include <string_view>

#include "xml/xml_writer.h"

namespace nodevirt::conf {

// `head` holds just the element, rendered self-closed at indent 0 ("<ip a='1'/>\n");
// `body` holds its children rendered with xml::Writer(1). Writes
// "<ip a='1'>", the children, then "</ip>" at w's current depth.
inline void writeExpanded(xml::Writer& w, const xml::Writer& head, const xml::Writer& body) {
    std::string start = head.str();
    while (!start.empty() && (start.back() == '\n' || start.back() == '>' || start.back() == '/')) {
        start.pop_back();
    }
    std::string_view name = std::string_view(start).substr(1);
    name = name.substr(0, name.find(' '));
    std::string end = "</" + std::string(name) + ">";
    start += '>';
    w.raw(start);
    w.raw(body.str());
    w.raw(end);
}

}  // namespace nodevirt::conf
