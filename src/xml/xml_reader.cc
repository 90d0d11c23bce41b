#include "xml/xml_reader.h"

#include <algorithm>
#include <fmt/format.h>

#include "util/strings.h"

namespace nodevirt::xml {

int Node::line() const {
    if (!node_ || !doc_) return 0;
    return doc_->lineAt(node_.offset_debug());
}

std::string Node::path() const {
    std::vector<std::string> parts;
    for (pugi::xml_node n = node_; n && n.type() == pugi::node_element; n = n.parent()) {
        std::string part = n.name();
        pugi::xml_node parent = n.parent();
        if (parent && parent.type() == pugi::node_element) {
            int index = 0, count = 0;
            for (pugi::xml_node s = parent.child(n.name()); s; s = s.next_sibling(n.name())) {
                ++count;
                if (s == n) index = count;
            }
            if (count > 1) part += fmt::format("[{}]", index);
        }
        parts.push_back(std::move(part));
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        out += '/';
        out += *it;
    }
    return out;
}

Node Node::child(std::string_view name) const {
    for (pugi::xml_node c = node_.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element && name == c.name()) return Node(c, doc_);
    }
    return Node(pugi::xml_node(), doc_);
}

std::vector<Node> Node::children(std::string_view name) const {
    std::vector<Node> out;
    for (pugi::xml_node c = node_.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (name.empty() || name == c.name()) out.emplace_back(c, doc_);
    }
    return out;
}

std::string Node::text() const {
    std::string out;
    for (pugi::xml_node c = node_.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    }
    return out;
}

std::optional<std::string> Node::childText(std::string_view name) const {
    Node c = child(name);
    if (!c) return std::nullopt;
    return c.text();
}

bool Node::hasAttr(std::string_view name) const {
    for (pugi::xml_attribute a = node_.first_attribute(); a; a = a.next_attribute())
        if (name == a.name()) return true;
    return false;
}

std::optional<std::string> Node::attr(std::string_view name) const {
    for (pugi::xml_attribute a = node_.first_attribute(); a; a = a.next_attribute())
        if (name == a.name()) return std::string(a.value());
    return std::nullopt;
}

Error Node::error(std::string_view what) const {
    return xmlError(fmt::format("{} (element {}, line {})", what, path(), line()));
}

Error Node::badAttr(std::string_view attr_name, std::string_view value, std::string_view expected) const {
    return xmlError(fmt::format("invalid value '{}' for attribute '{}' of element {} (line {}): expected {}",
                                value, attr_name, path(), line(), expected));
}

Result<std::optional<int64_t>> Node::attrInt(std::string_view name, int base) const {
    auto v = attr(name);
    if (!v) return std::optional<int64_t>();
    auto n = str::parseInt64(str::trim(*v), base);
    if (!n) return fail(badAttr(name, *v, "an integer"));
    return std::optional<int64_t>(*n);
}

Result<std::optional<uint64_t>> Node::attrUint(std::string_view name, int base) const {
    auto v = attr(name);
    if (!v) return std::optional<uint64_t>();
    auto n = str::parseUint64(str::trim(*v), base);
    if (!n) return fail(badAttr(name, *v, "a non-negative integer"));
    return std::optional<uint64_t>(*n);
}

Result<std::optional<bool>> Node::attrYesNo(std::string_view name, bool allow_on_off) const {
    auto v = attr(name);
    if (!v) return std::optional<bool>();
    if (*v == "yes" || (allow_on_off && *v == "on")) return std::optional<bool>(true);
    if (*v == "no" || (allow_on_off && *v == "off")) return std::optional<bool>(false);
    return fail(badAttr(name, *v, allow_on_off ? "'on' or 'off'" : "'yes' or 'no'"));
}

Result<std::optional<std::string>> Node::attrEnum(std::string_view name,
                                                  const std::vector<std::string_view>& allowed) const {
    auto v = attr(name);
    if (!v) return std::optional<std::string>();
    if (std::find(allowed.begin(), allowed.end(), std::string_view(*v)) == allowed.end()) {
        std::string list;
        for (size_t i = 0; i < allowed.size(); ++i) {
            if (i) list += ", ";
            list += fmt::format("'{}'", allowed[i]);
        }
        return fail(badAttr(name, *v, "one of " + list));
    }
    return std::optional<std::string>(*v);
}

Result<std::unique_ptr<Document>> Document::parse(std::string_view text, std::string_view what) {
    auto doc = std::make_unique<Document>();
    doc->line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') doc->line_starts_.push_back(i + 1);
    pugi::xml_parse_result r =
        doc->doc_.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
                              pugi::encoding_utf8);
    if (!r) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kXml,
                                fmt::format("({}):{}: {}", what, doc->lineAt(r.offset), r.description())));
    }
    if (!doc->doc_.document_element()) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kXml,
                                fmt::format("({}): document has no root element", what)));
    }
    return doc;
}

int Document::lineAt(ptrdiff_t offset) const {
    if (offset < 0) return 0;
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<size_t>(offset));
    return static_cast<int>(it - line_starts_.begin());
}

}  // namespace nodevirt::xml
