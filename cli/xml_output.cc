#include "cli/xml_output.h"

#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "cli/context.h"
#include "cli/parsed_command.h"

namespace nodevirt::cli {
namespace {

constexpr unsigned kFormat = pugi::format_indent | pugi::format_no_declaration;

// One node as libxml2 prints it (double-quoted attributes, "<x/>" without a space).
std::string serialize(const pugi::xml_node& node) {
    std::ostringstream os;
    node.print(os, "  ", kFormat);
    std::string s = os.str();
    for (size_t pos = s.find(" />"); pos != std::string::npos; pos = s.find(" />", pos)) {
        s.erase(pos, 1);
    }
    return s;
}

std::string serialize(const pugi::xml_attribute& attr) {
    std::ostringstream os;
    os << ' ' << attr.name() << "=\"" << attr.value() << "\"\n";
    return os.str();
}

}  // namespace

std::string xmlAttr(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\'': out += "&apos;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string xmlText(std::string_view s) { return xmlAttr(s); }

OptionDef xpathOption() {
    return {"xpath", OptionType::kString, kOptNamedOnly, "an XPath expression to filter the XML"};
}

OptionDef wrapOption() {
    return {"wrap", OptionType::kBool, 0, "wrap the --xpath results in one <nodes> element"};
}

bool printXml(Context& ctx, const ParsedCommand& cmd, const std::string& xml) {
    std::optional<std::string> xpath;
    if (!cmd.getString(ctx, "xpath", xpath)) return false;
    if (!xpath) {
        ctx.print(xml);
        return true;
    }
    pugi::xml_document doc;
    if (!doc.load_string(xml.c_str())) {
        ctx.error("Failed to parse XML");
        return false;
    }
    // pugixml reports a malformed expression by throwing; keep that inside this function.
    std::optional<pugi::xpath_query> query;
    try {
        query.emplace(xpath->c_str());
    } catch (const pugi::xpath_exception&) {
        query.reset();
    }
    if (!query || !*query || query->return_type() != pugi::xpath_type_node_set) {
        ctx.setLastError(Error::make(ErrorCode::kInternalError, ErrorDomain::kNone,
                                     fmt::format("Incorrect xpath '{}'", *xpath)));
        return false;
    }
    pugi::xpath_node_set nodes = query->evaluate_node_set(doc);
    if (cmd.has("wrap")) {
        pugi::xml_document wrapped;
        pugi::xml_node root = wrapped.append_child("nodes");
        for (const auto& n : nodes) {
            if (n.node()) {
                root.append_copy(n.node());
            } else {
                root.append_child(pugi::node_pcdata).set_value(n.attribute().value());
            }
        }
        ctx.print(serialize(root));
        return true;
    }
    std::string out;
    for (const auto& n : nodes) {
        out += n.node() ? serialize(n.node()) : serialize(n.attribute());
    }
    ctx.print(out);
    return true;
}

}  // namespace nodevirt::cli
