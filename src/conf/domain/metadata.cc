#include "conf/domain/metadata.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

// The attribute that declares `prefix` ("" is the default namespace).
std::string namespaceDeclName(std::string_view prefix) {
    return prefix.empty() ? std::string("xmlns") : fmt::format("xmlns:{}", prefix);
}

std::string_view prefixOf(std::string_view qname) {
    size_t colon = qname.find(':');
    return colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
}

// Looks up the namespace bound to `prefix` ("" = default namespace) at `node`.
const char* lookupNamespace(pugi::xml_node node, std::string_view prefix) {
    std::string attr = namespaceDeclName(prefix);
    for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent())
        if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
    return nullptr;
}

struct CopyState {
    pugi::xml_node metadata;  // the <metadata> element: prefixes bound above it are "outside"
    MetadataDef* out;
};

bool declaredWithin(pugi::xml_node node, pugi::xml_node stop, std::string_view prefix) {
    std::string attr = namespaceDeclName(prefix);
    for (pugi::xml_node n = node; n && n != stop; n = n.parent())
        if (n.attribute(attr.c_str())) return true;
    return false;
}

// A prefix used inside the copied subtree but declared outside it gets declared on <metadata>
// ("" is the default namespace of unprefixed element names).
void reconcilePrefix(CopyState& st, pugi::xml_node at, std::string_view prefix) {
    if (prefix == "xmlns" || prefix == "xml") return;
    if (declaredWithin(at, st.metadata, prefix)) return;
    const char* uri = lookupNamespace(st.metadata, prefix);
    if (!uri) return;
    std::string name = namespaceDeclName(prefix);
    for (const auto& [n, v] : st.out->ns_decls)
        if (n == name) return;
    st.out->ns_decls.emplace_back(std::move(name), uri);
}

Result<XmlFragmentNode> copyElement(CopyState& st, pugi::xml_node src, int depth) {
    if (depth > kMaxNestingDepth)
        return fail(
            xmlError(fmt::format("metadata nested deeper than {} levels", kMaxNestingDepth)));
    XmlFragmentNode node;
    node.name = src.name();
    reconcilePrefix(st, src, prefixOf(node.name));
    for (pugi::xml_attribute a = src.first_attribute(); a; a = a.next_attribute()) {
        std::string_view an = a.name();
        std::string_view prefix = prefixOf(an);
        if (!str::startsWith(an, "xmlns") && !prefix.empty()) reconcilePrefix(st, src, prefix);
        node.attrs.emplace_back(a.name(), a.value());
    }
    for (pugi::xml_node c = src.first_child(); c; c = c.next_sibling()) {
        switch (c.type()) {
            case pugi::node_element: {
                NODEVIRT_ASSIGN_OR_RETURN(auto child, copyElement(st, c, depth + 1));
                node.children.push_back(std::move(child));
                break;
            }
            case pugi::node_pcdata:
                node.children.push_back({XmlFragmentNode::Kind::kText, {}, c.value(), {}, {}});
                break;
            case pugi::node_cdata:
                node.children.push_back({XmlFragmentNode::Kind::kCdata, {}, c.value(), {}, {}});
                break;
            default:
                break;
        }
    }
    return node;
}

void appendCodepointRef(std::string& out, std::string_view s, size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    uint32_t cp = c & (0x3F >> extra);
    for (int k = 0; k < extra && i + 1 < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
    out += fmt::format("&#x{:X};", cp);
}

void escapeAttr(std::string& out, std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
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
                if (static_cast<unsigned char>(c) >= 0x80)
                    appendCodepointRef(out, s, i);
                else if (static_cast<unsigned char>(c) >= 0x20)
                    out += c;
        }
    }
}

void escapeText(std::string& out, std::string_view s) {
    for (char c : s) {
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
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
        }
    }
}

void indent(std::string& out, int level) { out.append(static_cast<size_t>(2 * level), ' '); }

void dumpNode(std::string& out, const XmlFragmentNode& n, int level);

void dumpElement(std::string& out, const std::string& name,
                 const std::vector<std::pair<std::string, std::string>>& attrs,
                 const std::vector<XmlFragmentNode>& children, int level) {
    out += '<';
    out += name;
    // libxml2 prints namespace declarations before the other attributes.
    for (bool decls : {true, false}) {
        for (const auto& [attr, value] : attrs) {
            bool is_decl = attr == "xmlns" || str::startsWith(attr, "xmlns:");
            if (is_decl != decls) continue;
            out += ' ';
            out += attr;
            out += "=\"";
            escapeAttr(out, value);
            out += '"';
        }
    }
    if (children.empty()) {
        out += "/>";
        return;
    }
    out += '>';
    // libxml2 indents only content made of elements alone.
    bool format = true;
    for (const auto& c : children) format = format && c.kind == XmlFragmentNode::Kind::kElement;
    if (format) out += '\n';
    for (const auto& c : children) {
        if (format) indent(out, level + 1);
        dumpNode(out, c, level + 1);
        if (format) out += '\n';
    }
    if (format) indent(out, level);
    out += "</";
    out += name;
    out += '>';
}

void dumpNode(std::string& out, const XmlFragmentNode& n, int level) {
    if (n.kind == XmlFragmentNode::Kind::kText) {
        escapeText(out, n.value);
    } else if (n.kind == XmlFragmentNode::Kind::kCdata) {
        out += "<![CDATA[";
        out += n.value;
        out += "]]>";
    } else {
        dumpElement(out, n.name, n.attrs, n.children, level);
    }
}

// The namespace a top-level metadata child lives in, resolved in the original document.
std::string namespaceAt(pugi::xml_node node) {
    const char* uri = lookupNamespace(node, prefixOf(node.name()));
    return uri ? std::string(uri) : std::string();
}

}  // namespace

Status parseMetadata(Elem& e, MetadataDef& out) {
    e.consumeAll();
    CopyState st{e.node().raw(), &out};
    std::vector<std::string> seen;
    for (pugi::xml_node c = e.node().raw().first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        NODEVIRT_ASSIGN_OR_RETURN(auto node, copyElement(st, c, 1));
        // libvirt keeps one element per namespace and drops elements without one.
        std::string uri = namespaceAt(c);
        if (uri.empty() || std::find(seen.begin(), seen.end(), uri) != seen.end()) continue;
        if (out.children.size() >= kMaxChildrenPerList)
            return fail(e.error("too many metadata elements"));
        seen.push_back(uri);
        out.children.push_back(std::move(node));
    }
    return ok();
}

std::string formatMetadata(const MetadataDef& m, int level) {
    std::string out;
    indent(out, level);
    dumpElement(out, "metadata", m.ns_decls, m.children, level);
    out += '\n';
    return out;
}

std::string fragmentNamespace(const XmlFragmentNode& node) {
    std::string_view prefix = prefixOf(node.name);
    std::string attr = namespaceDeclName(prefix);
    for (const auto& [n, v] : node.attrs)
        if (n == attr) return v;
    return {};
}

const XmlFragmentNode* findMetadata(const MetadataDef& m, std::string_view uri) {
    for (const auto& c : m.children) {
        std::string ns = fragmentNamespace(c);
        if (ns.empty()) {
            std::string_view prefix = prefixOf(c.name);
            for (const auto& [n, v] : m.ns_decls)
                if (n == fmt::format("xmlns:{}", prefix)) ns = v;
        }
        if (ns == uri) return &c;
    }
    return nullptr;
}

}  // namespace nodevirt::conf
