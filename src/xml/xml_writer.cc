#include "xml/xml_writer.h"

#include <fmt/format.h>

namespace nodevirt::xml {

void appendEscaped(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\'': out += "&apos;"; break;
            case '"': out += "&quot;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
}

void Writer::indent(int level) { out_.append(static_cast<size_t>(2 * (level + base_indent_)), ' '); }

void Writer::closeStartTag() {
    if (stack_.empty()) return;
    Open& top = stack_.back();
    if (!top.start_closed) {
        out_ += '>';
        top.start_closed = true;
    }
}

Writer& Writer::open(std::string_view name) {
    if (!stack_.empty()) {
        closeStartTag();
        Open& parent = stack_.back();
        if (!parent.has_children) out_ += '\n';
        parent.has_children = true;
    }
    indent(depth());
    out_ += '<';
    out_.append(name);
    stack_.push_back(Open{std::string(name)});
    return *this;
}

Writer& Writer::attr(std::string_view name, std::string_view value) {
    out_ += ' ';
    out_.append(name);
    out_ += "='";
    appendEscaped(out_, value);
    out_ += '\'';
    return *this;
}

Writer& Writer::attr(std::string_view name, int64_t value) { return attr(name, std::string_view(fmt::format("{}", value))); }

Writer& Writer::attr(std::string_view name, uint64_t value) { return attr(name, std::string_view(fmt::format("{}", value))); }

Writer& Writer::attrHex(std::string_view name, uint64_t value, int width) {
    return attr(name, std::string_view(fmt::format("0x{:0{}x}", value, width)));
}

Writer& Writer::text(std::string_view value) {
    closeStartTag();
    stack_.back().has_text = true;
    appendEscaped(out_, value);
    return *this;
}

Writer& Writer::close() {
    Open top = std::move(stack_.back());
    stack_.pop_back();
    if (!top.start_closed) {
        out_ += "/>\n";
        return *this;
    }
    if (top.has_children) indent(depth());
    out_ += "</";
    out_ += top.name;
    out_ += ">\n";
    return *this;
}

Writer& Writer::textElement(std::string_view name, std::string_view value) {
    open(name);
    text(value);
    return close();
}

Writer& Writer::raw(std::string_view lines) {
    if (!stack_.empty()) {
        closeStartTag();
        Open& parent = stack_.back();
        if (!parent.has_children) out_ += '\n';
        parent.has_children = true;
    }
    size_t start = 0;
    while (start < lines.size()) {
        size_t end = lines.find('\n', start);
        if (end == std::string_view::npos) end = lines.size();
        std::string_view line = lines.substr(start, end - start);
        if (!line.empty()) {
            indent(depth());
            out_.append(line);
            out_ += '\n';
        }
        start = end + 1;
    }
    return *this;
}

Writer& Writer::verbatim(std::string_view lines) {
    if (!stack_.empty()) {
        closeStartTag();
        Open& parent = stack_.back();
        if (!parent.has_children) out_ += '\n';
        parent.has_children = true;
    }
    out_.append(lines);
    return *this;
}

Writer& Writer::subtree(const pugi::xml_node& node) {
    if (node.type() != pugi::node_element) return *this;
    open(node.name());
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) attr(a.name(), a.value());
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element) {
            subtree(c);
        } else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            if (!stack_.back().has_children) text(c.value());
        }
    }
    return close();
}

}  // namespace nodevirt::xml
