// Reads a <domainCapabilities> document back into the value type.
#include <fmt/format.h>

#include "conf/capabilities/domain_caps_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

constexpr size_t kMaxItems = 16384;

Error at(const xml::Node& node, std::string_view detail) {
    return Error::make(ErrorCode::kXmlError, ErrorDomain::kCapabilities,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Result<bool> supported(const xml::Node& node) {
    NODEVIRT_ASSIGN_OR_RETURN(auto v, node.attrYesNo("supported"));
    if (!v) return fail(at(node, "missing 'supported' attribute"));
    return *v;
}

Result<std::vector<DomCapsEnum>> parseEnums(const xml::Node& node) {
    std::vector<DomCapsEnum> out;
    auto enums = node.children("enum");
    if (enums.size() > kMaxItems) return fail(at(node, "too many enums"));
    for (const xml::Node& e : enums) {
        DomCapsEnum en{e.attr("name").value_or(""), {}};
        auto values = e.children("value");
        if (values.size() > kMaxItems) return fail(at(e, "too many values"));
        for (const xml::Node& v : values) en.values.push_back(v.text());
        out.push_back(std::move(en));
    }
    return out;
}

Result<DomCapsElement> parseElement(const xml::Node& node, std::string name) {
    DomCapsElement e{std::move(name), false, {}};
    NODEVIRT_ASSIGN_OR_RETURN(e.supported, supported(node));
    NODEVIRT_ASSIGN_OR_RETURN(e.enums, parseEnums(node));
    return e;
}

Status parseOs(const xml::Node& node, DomCapsOs& os) {
    NODEVIRT_ASSIGN_OR_RETURN(os.supported, supported(node));
    NODEVIRT_ASSIGN_OR_RETURN(os.enums, parseEnums(node));
    if (xml::Node l = node.child("loader")) {
        DomCapsLoader& loader = os.loader.emplace();
        NODEVIRT_ASSIGN_OR_RETURN(loader.supported, supported(l));
        for (const xml::Node& v : l.children("value")) loader.values.push_back(v.text());
        NODEVIRT_ASSIGN_OR_RETURN(loader.enums, parseEnums(l));
    }
    return ok();
}

Status parseHostModel(const xml::Node& mode, DomCapsHostModel& hm) {
    NODEVIRT_ASSIGN_OR_RETURN(hm.supported, supported(mode));
    if (xml::Node m = mode.child("model")) {
        hm.model = m.text();
        hm.fallback = m.attr("fallback");
    }
    hm.vendor = mode.childText("vendor");
    if (xml::Node a = mode.child("maxphysaddr")) {
        hm.maxphysaddr_mode = a.attr("mode");
        NODEVIRT_ASSIGN_OR_RETURN(auto bits, a.attrUint("bits"));
        if (bits) hm.maxphysaddr_bits = static_cast<unsigned>(*bits);
    }
    auto features = mode.children("feature");
    if (features.size() > kMaxItems) return fail(at(mode, "too many features"));
    for (const xml::Node& f : features) hm.features.push_back({f.attr("policy").value_or(""), f.attr("name").value_or("")});
    return ok();
}

Status parseCpu(const xml::Node& node, DomCapsCpu& cpu) {
    for (const xml::Node& mode : node.children("mode")) {
        std::string name = mode.attr("name").value_or("");
        if (name == "host-passthrough") {
            NODEVIRT_ASSIGN_OR_RETURN(cpu.host_passthrough, parseElement(mode, name));
        } else if (name == "maximum") {
            NODEVIRT_ASSIGN_OR_RETURN(cpu.maximum, parseElement(mode, name));
        } else if (name == "host-model") {
            NODEVIRT_TRY(parseHostModel(mode, cpu.host_model));
        } else if (name == "custom") {
            NODEVIRT_ASSIGN_OR_RETURN(cpu.custom_supported, supported(mode));
            auto models = mode.children("model");
            if (models.size() > kMaxItems) return fail(at(mode, "too many CPU models"));
            for (const xml::Node& m : models) {
                DomCapsCpuModel model{m.text(), m.attr("usable").value_or("unknown"), std::nullopt, m.attr("vendor")};
                NODEVIRT_ASSIGN_OR_RETURN(model.deprecated, m.attrYesNo("deprecated"));
                cpu.custom_models.push_back(std::move(model));
            }
        } else {
            return fail(at(mode, fmt::format("unknown CPU mode '{}'", name)));
        }
    }
    return ok();
}

Result<unsigned> uintText(const xml::Node& node, std::string_view child) {
    xml::Node c = node.child(child);
    auto v = str::parseUint(str::trim(c.text()));
    if (!v) return fail(at(c ? c : node, fmt::format("missing or invalid <{}>", child)));
    return *v;
}

Status parseSgx(const xml::Node& node, DomCapsSgx& sgx) {
    sgx.flc = node.childText("flc") == "yes";
    sgx.sgx1 = node.childText("sgx1") == "yes";
    sgx.sgx2 = node.childText("sgx2") == "yes";
    sgx.section_size_kib = str::parseUint64(str::trim(node.childText("section_size").value_or(""))).value_or(0);
    for (const xml::Node& s : node.child("sections").children("section")) {
        DomCapsSgxSection sec;
        NODEVIRT_ASSIGN_OR_RETURN(auto n, s.attrUint("node"));
        NODEVIRT_ASSIGN_OR_RETURN(auto size, s.attrUint("size"));
        sec.node = static_cast<unsigned>(n.value_or(0));
        sec.size_kib = size.value_or(0);
        sgx.sections.push_back(sec);
    }
    return ok();
}

Result<DomCapsFeature> parseFeature(const xml::Node& node) {
    DomCapsFeature f;
    NODEVIRT_ASSIGN_OR_RETURN(f.element, parseElement(node, std::string(node.name())));
    if (!f.element.supported) return f;
    if (node.name() == "sev") {
        DomCapsSev& sev = f.sev.emplace();
        NODEVIRT_ASSIGN_OR_RETURN(sev.cbitpos, uintText(node, "cbitpos"));
        NODEVIRT_ASSIGN_OR_RETURN(sev.reduced_phys_bits, uintText(node, "reducedPhysBits"));
        if (node.child("maxGuests")) {
            NODEVIRT_ASSIGN_OR_RETURN(sev.max_guests, uintText(node, "maxGuests"));
        }
        if (node.child("maxESGuests")) {
            NODEVIRT_ASSIGN_OR_RETURN(sev.max_es_guests, uintText(node, "maxESGuests"));
        }
    } else if (node.name() == "sgx") {
        NODEVIRT_TRY(parseSgx(node, f.sgx.emplace()));
    }
    return f;
}

Status parseBody(const xml::Node& root, const ParseOptions& opts, DomainCapabilities& caps) {
    NODEVIRT_TRY(checkChildren(root, {"path", "domain", "machine", "arch", "vcpu", "iothreads", "os", "cpu",
                                      "memoryBacking", "devices", "features"},
                               opts));
    caps.path = root.childText("path").value_or("");
    caps.domain = root.childText("domain").value_or("");
    caps.machine = root.childText("machine");
    caps.arch = root.childText("arch").value_or("");
    if (xml::Node v = root.child("vcpu")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto max, v.attrUint("max"));
        if (max) caps.max_vcpus = static_cast<unsigned>(*max);
    }
    if (xml::Node io = root.child("iothreads")) {
        NODEVIRT_ASSIGN_OR_RETURN(caps.iothreads, supported(io));
    }
    if (xml::Node os = root.child("os")) NODEVIRT_TRY(parseOs(os, caps.os));
    if (xml::Node cpu = root.child("cpu")) NODEVIRT_TRY(parseCpu(cpu, caps.cpu));
    if (xml::Node mb = root.child("memoryBacking")) {
        NODEVIRT_ASSIGN_OR_RETURN(caps.memory_backing, parseElement(mb, "memoryBacking"));
    }
    for (const xml::Node& d : root.child("devices").children()) {
        NODEVIRT_ASSIGN_OR_RETURN(DomCapsElement e, parseElement(d, std::string(d.name())));
        caps.devices.push_back(std::move(e));
    }
    for (const xml::Node& f : root.child("features").children()) {
        NODEVIRT_ASSIGN_OR_RETURN(DomCapsFeature feat, parseFeature(f));
        caps.features.push_back(std::move(feat));
    }
    return ok();
}

}  // namespace

Result<std::shared_ptr<DomainCapabilities>> parseDomainCapabilitiesXml(std::string_view xml, const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "domain capabilities"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "domain_capabilities"));
    xml::Node root = doc->root();
    if (root.name() != "domainCapabilities") {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kCapabilities,
                                fmt::format("expecting root element of 'domainCapabilities', not '{}'", root.name())));
    }
    auto caps = std::make_shared<DomainCapabilities>();
    NODEVIRT_TRY(parseBody(root, opts, *caps));
    return caps;
}

}  // namespace nodevirt::conf
