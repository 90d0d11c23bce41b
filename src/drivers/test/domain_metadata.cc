// virDomainGetMetadata / virDomainSetMetadata for the test driver: title, description and
// namespaced <metadata> elements, with libvirt's argument checks and METADATA_CHANGE events.
// Element fragments go through the domain model's <metadata> parser and writer.
#include <fmt/format.h>
#include <pugixml.hpp>

#include <sstream>

#include "conf/domain/domain_def.h"
#include "core/event_bus.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/domain_impact.h"
#include "drivers/test/facets.h"
#include "util/strings.h"
#include "xml/xml_reader.h"

namespace nodevirt::drivers::test {
namespace {

Error argError(std::string message) {
    return Error::raw(ErrorCode::kInvalidArg, ErrorDomain::kDomain, std::move(message));
}

Error notPresent() {
    return Error::make(ErrorCode::kNoDomainMetadata, ErrorDomain::kDomain,
                       "Requested metadata element is not present");
}

Error unknownType(int type) { return invalidArg(fmt::format("unknown metadata type '{}'", type), ErrorDomain::kDomain); }

std::string prefixOf(std::string_view qname) {
    size_t colon = qname.find(':');
    return colon == std::string_view::npos ? std::string() : std::string(qname.substr(0, colon));
}

std::string localName(std::string_view qname) {
    size_t colon = qname.find(':');
    return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
}

// The user's element moved into namespace `uri` with prefix `key`: the element and its
// unprefixed descendants get the prefix, and the root declares it.
void applyNamespace(pugi::xml_node node, const std::string& key, bool root, int depth) {
    if (depth > conf::kMaxNestingDepth) return;
    std::string name = node.name();
    if (name.find(':') == std::string::npos) node.set_name((key + ":" + name).c_str());
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element) applyNamespace(c, key, false, depth + 1);
    }
    if (root) {
        node.remove_attribute("xmlns");
        node.remove_attribute(("xmlns:" + key).c_str());
    }
}

// Parses `metadata` into the fragment libvirt stores for (key, uri).
Result<conf::XmlFragmentNode> buildFragment(const std::string& metadata, const std::string& key,
                                            const std::string& uri) {
    pugi::xml_document doc;
    if (!doc.load_string(metadata.c_str()) || !doc.document_element()) {
        return fail(Error::raw(ErrorCode::kXmlDetail, ErrorDomain::kDomain,
                               "(metadata_xml):1: metadata is not a well-formed XML element"));
    }
    pugi::xml_node root = doc.document_element();
    applyNamespace(root, key, true, 0);
    root.append_attribute(("xmlns:" + key).c_str()).set_value(uri.c_str());
    std::ostringstream out;
    root.print(out, "", pugi::format_raw);
    std::string wrapped = "<metadata>" + out.str() + "</metadata>";
    NODEVIRT_ASSIGN_OR_RETURN(auto parsed, xml::Document::parse(wrapped, "metadata_xml"));
    conf::ParseCtx ctx;
    conf::Elem elem(parsed->root(), ctx);
    conf::MetadataDef tmp;
    NODEVIRT_TRY(conf::parseMetadata(elem, tmp));
    if (tmp.children.empty()) return fail(internalError("metadata element lost its namespace"));
    return std::move(tmp.children.front());
}

// libvirt hands an element back without its namespace prefix and declaration.
conf::XmlFragmentNode stripNamespace(conf::XmlFragmentNode node, const std::string& prefix, bool root) {
    if (node.kind != conf::XmlFragmentNode::Kind::kElement) return node;
    if (!prefix.empty() && prefixOf(node.name) == prefix) node.name = localName(node.name);
    if (root) {
        std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
        std::erase_if(node.attrs, [&](const auto& a) { return a.first == decl; });
    }
    for (auto& c : node.children) c = stripNamespace(std::move(c), prefix, false);
    return node;
}

std::string formatFragment(const conf::XmlFragmentNode& node) {
    conf::MetadataDef m;
    m.children.push_back(node);
    std::string doc = conf::formatMetadata(m, 0);
    // Drop the <metadata> wrapper lines and the indentation it added.
    std::vector<std::string> lines = str::split(doc, '\n');
    std::string out;
    for (size_t i = 1; i + 2 < lines.size(); ++i) {
        std::string_view l = lines[i];
        if (str::startsWith(l, "  ")) l.remove_prefix(2);
        if (!out.empty()) out += '\n';
        out += l;
    }
    return out;
}

Status applyMetadata(conf::DomainDef& def, int type, const std::optional<std::string>& metadata,
                     const std::optional<std::string>& key, const std::optional<std::string>& uri) {
    auto& ext = def.mutExt();
    bool clear = !metadata || metadata->empty();
    switch (type) {
        case static_cast<int>(lv::kDomainMetadataDescription):
            ext.description = clear ? std::nullopt : metadata;
            return ok();
        case static_cast<int>(lv::kDomainMetadataTitle):
            ext.title = clear ? std::nullopt : metadata;
            return ok();
        case static_cast<int>(lv::kDomainMetadataElement): {
            auto& md = ext.metadata ? *ext.metadata : ext.metadata.emplace();
            std::erase_if(md.children, [&](const conf::XmlFragmentNode& c) {
                return conf::findMetadata(conf::MetadataDef{md.ns_decls, {c}}, *uri) != nullptr;
            });
            if (metadata) {
                NODEVIRT_ASSIGN_OR_RETURN(auto frag, buildFragment(*metadata, *key, *uri));
                md.children.push_back(std::move(frag));
            }
            if (md.children.empty()) ext.metadata.reset();
            return ok();
        }
        default:
            return fail(unknownType(type));
    }
}

}  // namespace

Result<std::optional<std::string>> TestDomainConfig::getMetadata(const DomainRef& dom, int type,
                                                                 const std::optional<std::string>& uri,
                                                                 unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainAffectLive | lv::kDomainAffectConfig, "testDomainGetMetadata"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, oneDefImpact(v, flags));
    const conf::DomainDef& def = *impact.target(v);
    const conf::DomainExtras* ext = def.extras.get();
    switch (type) {
        case static_cast<int>(lv::kDomainMetadataDescription):
            if (!ext || !ext->description) return fail(notPresent());
            return ext->description;
        case static_cast<int>(lv::kDomainMetadataTitle):
            if (!ext || !ext->title) return fail(notPresent());
            return ext->title;
        case static_cast<int>(lv::kDomainMetadataElement): {
            if (!uri) return fail(argError("uri in virDomainGetMetadata must not be NULL"));
            const conf::XmlFragmentNode* node = ext && ext->metadata ? conf::findMetadata(*ext->metadata, *uri) : nullptr;
            if (!node) return fail(notPresent());
            return formatFragment(stripNamespace(*node, prefixOf(node->name), true));
        }
        default:
            return fail(unknownType(type));
    }
}

Status TestDomainConfig::setMetadata(const DomainRef& dom, int type, const std::optional<std::string>& metadata,
                                     const std::optional<std::string>& key, const std::optional<std::string>& uri,
                                     unsigned flags) {
    // The public API's argument checks.
    if (type == static_cast<int>(lv::kDomainMetadataTitle) && metadata && metadata->find('\n') != std::string::npos) {
        return fail(argError("metadata title can't contain newlines"));
    }
    if (type == static_cast<int>(lv::kDomainMetadataTitle) ||
        type == static_cast<int>(lv::kDomainMetadataDescription)) {
        if (uri) return fail(argError("uri in virDomainSetMetadata must be NULL"));
        if (key) return fail(argError("key in virDomainSetMetadata must be NULL"));
    } else if (type == static_cast<int>(lv::kDomainMetadataElement)) {
        if (!uri) return fail(argError("uri in virDomainSetMetadata must not be NULL"));
        if (metadata && !key) return fail(argError("key in virDomainSetMetadata must not be NULL"));
    }
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainAffectLive | lv::kDomainAffectConfig, "testDomainSetMetadata"));
    core::PendingEvents ev(ctx_.state().events);
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, defsImpact(v, flags));
    std::shared_ptr<conf::DomainDef> live, config;
    if (impact.live) {
        live = copyDef(v.def);
        NODEVIRT_TRY(applyMetadata(*live, type, metadata, key, uri));
    }
    if (impact.config) {
        config = copyDef(v.inactiveDef());
        NODEVIRT_TRY(applyMetadata(*config, type, metadata, key, uri));
    }
    if (live) job->setDef(job, std::move(live));
    if (config) Impact::publishConfig(job, std::move(config));
    driver::DomainEvent e;
    e.event_id = static_cast<int>(lv::kDomainEventIdMetadataChange);
    e.dom = job->ref();
    e.payload = driver::MetadataChangeEvent{type, type == static_cast<int>(lv::kDomainMetadataElement)
                                                      ? uri
                                                      : std::optional<std::string>()};
    ev.add(std::move(e));
    return ok();
}

}  // namespace nodevirt::drivers::test
