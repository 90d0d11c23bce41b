// The <pool> document around its <source>: identity, target, features, refresh, the
// fs:/rbd: namespaces, and the per-type requirements and defaults applied while parsing.
#include <fmt/format.h>

#include "conf/storage/storage_internal.h"
#include "conf/storage/storage_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

using storage_xml::at;
using storage_xml::xmlAt;

constexpr std::string_view kFsNamespace = "http://libvirt.org/schemas/storagepool/fs/1.0";
constexpr std::string_view kRbdNamespace = "http://libvirt.org/schemas/storagepool/rbd/1.0";
constexpr size_t kMaxNamespaceOptions = 1024;

Status parseIdentity(const xml::Node& root, StoragePoolDef& def) {
    auto type = root.attr("type");
    if (!type) return fail(xmlAt(root, "Missing required attribute 'type' in element 'pool'"));
    auto t = storagePoolTypeFromString(*type);
    if (!t)
        return fail(xmlAt(
            root,
            fmt::format("Invalid value for attribute 'type' in element 'pool': '{}'.", *type)));
    def.type = *t;
    auto name = root.childText("name");
    if (!name || name->empty()) return fail(xmlAt(root, "missing pool source name element"));
    if (name->find('/') != std::string::npos) {
        return fail(xmlAt(root.child("name"), fmt::format("name {} cannot contain '/'", *name)));
    }
    def.name = *name;
    if (auto uuid = root.childText("uuid")) {
        auto u = Uuid::parse(*uuid);
        if (!u) return fail(xmlAt(root.child("uuid"), "malformed uuid element"));
        def.uuid = *u;
        def.uuid_specified = true;
    }
    return ok();
}

// Size counters are only meaningful in XML a driver wrote; libvirt ignores them otherwise.
Status parseCounters(const xml::Node& root, StoragePoolDef& def) {
    struct Field {
        const char* name;
        uint64_t* value;
    };
    for (Field f : {Field{"capacity", &def.capacity}, Field{"allocation", &def.allocation},
                    Field{"available", &def.available}}) {
        if (xml::Node n = root.child(f.name)) {
            NODEVIRT_ASSIGN_OR_RETURN(*f.value, storage_xml::parseScaledBytes(n, f.name));
        }
    }
    return ok();
}

Status parseFeaturesAndRefresh(const xml::Node& root, StoragePoolDef& def) {
    if (xml::Node cow = root.child("features").child("cow")) {
        auto state = cow.attr("state").value_or("");
        if (state != "yes" && state != "no") {
            return fail(xmlAt(
                cow,
                fmt::format("Invalid value for attribute 'state' in element 'cow': '{}'.", state)));
        }
        def.cow = state == "yes";
    }
    if (xml::Node refresh = root.child("refresh")) {
        def.has_refresh = true;
        if (auto alloc = refresh.child("volume").attr("allocation")) {
            if (*alloc != "default" && *alloc != "capacity") {
                return fail(at(
                    ErrorCode::kConfigUnsupported, refresh,
                    fmt::format("unknown storage pool volume refresh allocation type {}", *alloc)));
            }
            def.refresh_allocation = *alloc;
        }
    }
    return ok();
}

std::string namespacePrefix(const xml::Node& root, std::string_view uri) {
    for (pugi::xml_attribute a = root.raw().first_attribute(); a; a = a.next_attribute()) {
        std::string_view n = a.name();
        if (n.substr(0, 6) == "xmlns:" && a.value() == uri) return std::string(n.substr(6));
    }
    return {};
}

Status parseNamespaces(const xml::Node& root, StoragePoolDef& def) {
    if (std::string p = namespacePrefix(root, kFsNamespace);
        !p.empty() && def.type == StoragePoolType::kFs) {
        auto opts = root.child(p + ":mount_opts").children(p + ":option");
        if (opts.size() > kMaxNamespaceOptions)
            return fail(xmlAt(root, "too many fs mount options"));
        for (const xml::Node& o : opts) {
            auto name = o.attr("name");
            if (!name) return fail(xmlAt(o, "no fs mount option name specified"));
            def.fs_mount_opts.push_back(*name);
        }
    }
    if (std::string p = namespacePrefix(root, kRbdNamespace);
        !p.empty() && def.type == StoragePoolType::kRbd) {
        auto opts = root.child(p + ":config_opts").children(p + ":option");
        if (opts.size() > kMaxNamespaceOptions)
            return fail(xmlAt(root, "too many rbd config options"));
        for (const xml::Node& o : opts) {
            auto name = o.attr("name");
            auto value = o.attr("value");
            if (!name || !value) return fail(xmlAt(o, "no rbd option name or value specified"));
            def.rbd_config_opts.emplace_back(*name, *value);
        }
    }
    return ok();
}

// Per-type requirements and the defaults libvirt fills in (source name, target path).
Status applyTypeRules(const xml::Node& root, const StoragePoolTypeInfo& info, StoragePoolDef& def) {
    StoragePoolSource& src = def.source;
    unsigned f = info.source_flags;
    xml::Node where = root.child("source") ? root.child("source") : root;
    if ((f & kPoolSourceHost) && src.hosts.empty())
        return fail(xmlAt(where, "missing storage pool source host name"));
    if ((f & kPoolSourceDir) && !src.dir) {
        if (def.type != StoragePoolType::kGluster)
            return fail(xmlAt(where, "missing storage pool source path"));
        src.dir = "/";
    }
    if ((f & kPoolSourceName) && !src.name) {
        if (def.type == StoragePoolType::kRbd)
            return fail(xmlAt(where, "element 'name' is mandatory for RBD pool"));
        if (def.type == StoragePoolType::kLogical)
            src.name = def.name;
        else
            return fail(xmlAt(where, "missing storage pool source name"));
    }
    if ((f & kPoolSourceAdapter) && src.adapter.type == StorageAdapterType::kNone) {
        return fail(xmlAt(where, "missing storage pool source adapter"));
    }
    bool device_required = def.type == StoragePoolType::kFs || def.type == StoragePoolType::kDisk;
    if (device_required && src.devices.empty())
        return fail(xmlAt(where, "missing storage pool source device name"));
    if (f & kPoolSourceNetwork) {
        def.target_path.reset();
    } else {
        if (!def.target_path && def.type == StoragePoolType::kLogical)
            def.target_path = "/dev/" + *src.name;
        if (!def.target_path && def.type == StoragePoolType::kZfs)
            def.target_path = "/dev/zvol/" + *src.name;
        if (!def.target_path) return fail(xmlAt(root, "missing storage pool target path"));
    }
    if (def.type == StoragePoolType::kIscsiDirect && !src.initiator_iqn) {
        return fail(at(ErrorCode::kConfigUnsupported, where, "missing initiator IQN"));
    }
    return ok();
}

Status parsePool(const xml::Node& root, const ParseOptions& opts, StoragePoolDef& def) {
    NODEVIRT_TRY(checkAttrs(root, {"type"}, opts));
    NODEVIRT_TRY(checkChildren(root,
                               {"name", "uuid", "capacity", "allocation", "available", "features",
                                "source", "target", "refresh", "fs:mount_opts", "rbd:config_opts"},
                               opts));
    NODEVIRT_TRY(parseIdentity(root, def));
    const StoragePoolTypeInfo& info = storagePoolTypeInfo(def.type);
    if (opts.live) NODEVIRT_TRY(parseCounters(root, def));
    if (xml::Node source = root.child("source")) {
        NODEVIRT_TRY(storage_pool_parse::parseSource(source, info, opts, def.source));
    } else if (!info.pool_formats.empty()) {
        def.source.format = std::string(info.default_pool_format);
    }
    if (xml::Node target = root.child("target")) {
        NODEVIRT_TRY(checkChildren(target, {"path", "permissions"}, opts));
        if (auto path = target.childText("path"); path && !path->empty()) {
            def.target_path = storage_xml::sanitizePath(*path);
        }
        if (xml::Node perms = target.child("permissions")) {
            NODEVIRT_ASSIGN_OR_RETURN(def.target_perms, storage_xml::parsePerms(perms));
        }
    }
    NODEVIRT_TRY(applyTypeRules(root, info, def));
    NODEVIRT_TRY(parseFeaturesAndRefresh(root, def));
    if (opts.xml_namespaces) NODEVIRT_TRY(parseNamespaces(root, def));
    return ok();
}

}  // namespace

Result<std::shared_ptr<StoragePoolDef>> parseStoragePoolXml(std::string_view xml,
                                                            const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "storage pool"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "storage_pool_definition"));
    xml::Node root = doc->root();
    if (root.name() != "pool") {
        return fail(
            Error::make(ErrorCode::kXmlError, ErrorDomain::kStorage,
                        fmt::format("expecting root element of 'pool', not '{}'", root.name())));
    }
    auto def = std::make_shared<StoragePoolDef>();
    NODEVIRT_TRY(parsePool(root, opts, *def));
    if (!def->uuid_specified) def->uuid = Uuid::generate();
    if (opts.validate) NODEVIRT_TRY(validateStoragePoolDef(*def));
    return def;
}

Status validateStoragePoolDef(const StoragePoolDef& def) {
    const StoragePoolTypeInfo& info = storagePoolTypeInfo(def.type);
    auto unused = [&](bool present, unsigned flag, std::string_view what) -> Status {
        if (!present || (info.source_flags & flag)) return ok();
        return fail(Error::make(
            ErrorCode::kConfigUnsupported, ErrorDomain::kStorage,
            fmt::format("storage pool type '{}' does not use a source {}", info.name, what)));
    };
    NODEVIRT_TRY(unused(!def.source.hosts.empty(), kPoolSourceHost, "host"));
    NODEVIRT_TRY(unused(!def.source.devices.empty(), kPoolSourceDevice, "device"));
    NODEVIRT_TRY(unused(def.source.dir.has_value(), kPoolSourceDir, "dir"));
    NODEVIRT_TRY(unused(def.source.adapter.type != StorageAdapterType::kNone, kPoolSourceAdapter,
                        "adapter"));
    NODEVIRT_TRY(
        unused(def.source.initiator_iqn.has_value(), kPoolSourceInitiatorIqn, "initiator"));
    if (def.target_path && (*def.target_path).front() != '/') {
        return fail(Error::make(
            ErrorCode::kConfigUnsupported, ErrorDomain::kStorage,
            fmt::format("storage pool target path '{}' must be absolute", *def.target_path)));
    }
    return ok();
}

}  // namespace nodevirt::conf
