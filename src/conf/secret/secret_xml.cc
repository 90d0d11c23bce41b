// Parse and format of <secret>.
#include "conf/secret/secret_xml.h"

#include <fmt/format.h>

#include <array>

#include "xml/xml_writer.h"

namespace nodevirt::conf {
namespace {

constexpr std::array<std::string_view, 6> kUsageTypes = {"none",  "volume", "ceph",
                                                         "iscsi", "tls",    "vtpm"};
constexpr size_t kMaxDescription = 64 * 1024;

Error at(ErrorCode code, const xml::Node& node, std::string_view detail) {
    return Error::make(code, ErrorDomain::kSecret,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

// The child element that names the secret's user, per usage type.
std::string_view usageElement(SecretUsageType type) {
    switch (type) {
        case SecretUsageType::kVolume:
            return "volume";
        case SecretUsageType::kIscsi:
            return "target";
        case SecretUsageType::kCeph:
        case SecretUsageType::kTls:
        case SecretUsageType::kVtpm:
            return "name";
        case SecretUsageType::kNone:
            break;
    }
    return "";
}

std::string_view missingUsageMessage(SecretUsageType type) {
    switch (type) {
        case SecretUsageType::kVolume:
            return "volume usage specified, but volume path is missing";
        case SecretUsageType::kCeph:
            return "Ceph usage specified, but name is missing";
        case SecretUsageType::kIscsi:
            return "iSCSI usage specified, but target is missing";
        case SecretUsageType::kTls:
            return "TLS usage specified, but name is missing";
        case SecretUsageType::kVtpm:
            return "vTPM usage specified, but name is missing";
        case SecretUsageType::kNone:
            break;
    }
    return "";
}

Result<bool> yesNo(const xml::Node& root, std::string_view attr) {
    auto v = root.attr(attr);
    if (!v) return false;
    if (*v == "yes") return true;
    if (*v == "no") return false;
    return fail(at(ErrorCode::kXmlError, root, fmt::format("invalid value of '{}'", attr)));
}

Status parseUsage(const xml::Node& usage, SecretDef& def) {
    auto type = usage.attr("type");
    if (!type) return fail(at(ErrorCode::kXmlError, usage, "unknown secret usage type"));
    size_t i = 1;
    while (i < kUsageTypes.size() && kUsageTypes[i] != *type) ++i;
    if (i == kUsageTypes.size()) {
        return fail(at(ErrorCode::kConfigUnsupported, usage,
                       fmt::format("unknown secret usage type {}", *type)));
    }
    def.usage_type = static_cast<SecretUsageType>(i);
    auto id = usage.childText(usageElement(def.usage_type));
    if (!id || id->empty())
        return fail(at(ErrorCode::kInternalError, usage, missingUsageMessage(def.usage_type)));
    def.usage_id = *id;
    return ok();
}

Status parseSecret(const xml::Node& root, const ParseOptions& opts, SecretDef& def) {
    NODEVIRT_TRY(checkAttrs(root, {"ephemeral", "private"}, opts));
    NODEVIRT_TRY(checkChildren(root, {"uuid", "description", "usage"}, opts));
    NODEVIRT_ASSIGN_OR_RETURN(def.ephemeral, yesNo(root, "ephemeral"));
    NODEVIRT_ASSIGN_OR_RETURN(def.is_private, yesNo(root, "private"));
    if (auto uuid = root.childText("uuid")) {
        auto u = Uuid::parse(*uuid);
        if (!u)
            return fail(
                at(ErrorCode::kInternalError, root.child("uuid"), "malformed uuid element"));
        def.uuid = *u;
        def.uuid_specified = true;
    }
    if (auto desc = root.childText("description"); desc && !desc->empty()) def.description = *desc;
    if (xml::Node usage = root.child("usage")) NODEVIRT_TRY(parseUsage(usage, def));
    return ok();
}

}  // namespace

std::string_view secretUsageTypeName(SecretUsageType type) {
    return kUsageTypes[static_cast<size_t>(type)];
}

Result<std::shared_ptr<SecretDef>> parseSecretXml(std::string_view xml, const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "secret"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "definition_of_secret"));
    xml::Node root = doc->root();
    if (root.name() != "secret") {
        return fail(
            Error::make(ErrorCode::kXmlError, ErrorDomain::kSecret,
                        fmt::format("expecting root element of 'secret', not '{}'", root.name())));
    }
    auto def = std::make_shared<SecretDef>();
    NODEVIRT_TRY(parseSecret(root, opts, *def));
    if (!def->uuid_specified) def->uuid = Uuid::generate();
    if (opts.validate) NODEVIRT_TRY(validateSecretDef(*def));
    return def;
}

Status validateSecretDef(const SecretDef& def) {
    if (def.description && def.description->size() > kMaxDescription) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kSecret,
                                "secret description is too long"));
    }
    if (def.usage_type != SecretUsageType::kNone &&
        (def.usage_id.front() == ' ' || def.usage_id.back() == ' ')) {
        return fail(Error::make(
            ErrorCode::kXmlError, ErrorDomain::kSecret,
            fmt::format("secret usage '{}' must not start or end with a space", def.usage_id)));
    }
    return ok();
}

std::string formatSecretXml(const SecretDef& def, unsigned flags) {
    (void)flags;
    xml::Writer w;
    w.open("secret")
        .attr("ephemeral", def.ephemeral ? "yes" : "no")
        .attr("private", def.is_private ? "yes" : "no");
    w.textElement("uuid", def.uuid.toString());
    if (def.description) w.textElement("description", *def.description);
    if (def.usage_type != SecretUsageType::kNone) {
        w.open("usage").attr("type", secretUsageTypeName(def.usage_type));
        w.textElement(usageElement(def.usage_type), def.usage_id);
        w.close();
    }
    w.close();
    return w.take();
}

}  // namespace nodevirt::conf
