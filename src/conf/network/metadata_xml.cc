#include "conf/network/metadata_xml.h"

#include <string_view>

namespace nodevirt::conf {
namespace {

constexpr int kMaxDepth = 64;

bool isBlank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void escapeText(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c;
        }
    }
}

void escapeAttr(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            case '\t':
                out += "&#9;";
                break;
            default:
                out += c;
        }
    }
}

bool isText(const pugi::xml_node& n) {
    return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata;
}

// Children worth printing: elements, and text that is not just indentation.
bool keep(const pugi::xml_node& n) {
    if (n.type() == pugi::node_element) return true;
    return isText(n) && !isBlank(n.value());
}

void dump(std::string& out, const pugi::xml_node& node, int level, bool format, int depth) {
    if (depth > kMaxDepth) return;
    out += '<';
    out += node.name();
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        out += ' ';
        out += a.name();
        out += "=\"";
        escapeAttr(out, a.value());
        out += '"';
    }
    bool has_children = false;
    bool mixed = false;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (!keep(c)) continue;
        has_children = true;
        if (isText(c)) mixed = true;
    }
    if (!has_children) {
        out += "/>";
        return;
    }
    out += '>';
    bool indent_children = format && !mixed;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (!keep(c)) continue;
        if (indent_children) {
            out += '\n';
            out.append(static_cast<size_t>(2 * (level + 1)), ' ');
        }
        if (c.type() == pugi::node_cdata) {
            out += "<![CDATA[";
            out += c.value();
            out += "]]>";
        } else if (isText(c)) {
            escapeText(out, c.value());
        } else {
            dump(out, c, level + 1, indent_children, depth + 1);
        }
    }
    if (indent_children) {
        out += '\n';
        out.append(static_cast<size_t>(2 * level), ' ');
    }
    out += "</";
    out += node.name();
    out += '>';
}

}  // namespace

std::string serializeMetadataChildren(const pugi::xml_node& metadata, int indent) {
    std::string out;
    for (pugi::xml_node c = metadata.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        out.append(static_cast<size_t>(indent), ' ');
        dump(out, c, indent / 2, true, 0);
        out += '\n';
    }
    return out;
}

void spliceMetadata(std::string& document, const std::string& block) {
    size_t pos = document.find(kMetadataMarker);
    if (pos == std::string::npos) return;
    size_t line_start = document.rfind('\n', pos);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    size_t line_end = document.find('\n', pos);
    line_end = line_end == std::string::npos ? document.size() : line_end + 1;
    document.replace(line_start, line_end - line_start, block);
}

}  // namespace nodevirt::conf
