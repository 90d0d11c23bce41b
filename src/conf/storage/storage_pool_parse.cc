// Parsing of <pool> and of its <source> (also used alone by find-storage-pool-sources),
// with the per-type requirements and defaults libvirt applies while parsing.
#include <fmt/format.h>

#include <algorithm>

#include "conf/storage/storage_internal.h"
#include "conf/storage/storage_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

using storage_xml::at;
using storage_xml::xmlAt;

constexpr size_t kMaxSourceItems = 1024;

Status checkCount(const xml::Node& node, size_t n, std::string_view what) {
    if (n <= kMaxSourceItems) return ok();
    return fail(xmlAt(node, fmt::format("too many {} ({}, limit {})", what, n, kMaxSourceItems)));
}

// libvirt's wording for a bad enum/bool attribute value.
Error badValue(const xml::Node& node, std::string_view attr, std::string_view value) {
    return xmlAt(node, fmt::format("Invalid value for attribute '{}' in element '{}': '{}'.", attr,
                                   node.name(), value));
}

Result<std::optional<bool>> yesNo(const xml::Node& node, std::string_view attr) {
    auto v = node.attr(attr);
    if (!v) return std::optional<bool>();
    if (*v == "yes") return std::optional<bool>(true);
    if (*v == "no") return std::optional<bool>(false);
    return fail(badValue(node, attr, *v));
}

bool isWwn(std::string_view s) {
    if (s.substr(0, 2) == "0x") s.remove_prefix(2);
    return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c));
           });
}

Result<std::optional<std::string>> wwn(const xml::Node& node, std::string_view attr) {
    auto v = node.attr(attr);
    if (!v) return std::optional<std::string>();
    if (!isWwn(*v))
        return fail(at(ErrorCode::kInternalError, node, fmt::format("Malformed wwn: {}", *v)));
    return v;
}

Result<unsigned> pciField(const xml::Node& node, std::string_view attr, unsigned max) {
    auto text = node.attr(attr).value_or("");
    auto v = str::parseUint(str::trim(text), 0);
    if (!v || *v > max) return fail(badValue(node, attr, text));
    return *v;
}

Status parseScsiHostAdapter(const xml::Node& node, StorageAdapter& a) {
    a.name = node.attr("name");
    if (xml::Node pa = node.child("parentaddr")) {
        auto uid = str::parseUint(str::trim(pa.attr("unique_id").value_or("")));
        if (!uid) return fail(xmlAt(pa, "Missing or invalid scsi adapter 'unique_id' value"));
        a.parent_unique_id = *uid;
        xml::Node addr = pa.child("address");
        if (!addr) return fail(xmlAt(pa, "Missing scsi_host PCI address element"));
        StoragePciAddress pci;
        NODEVIRT_ASSIGN_OR_RETURN(pci.domain, pciField(addr, "domain", 0xffff));
        NODEVIRT_ASSIGN_OR_RETURN(pci.bus, pciField(addr, "bus", 0xff));
        NODEVIRT_ASSIGN_OR_RETURN(pci.slot, pciField(addr, "slot", 0x1f));
        NODEVIRT_ASSIGN_OR_RETURN(pci.function, pciField(addr, "function", 7));
        a.parent_address = pci;
    }
    if (a.name && a.parent_address) {
        return fail(xmlAt(node, "Use of 'name' and 'parentaddr' attribute are mutually exclusive"));
    }
    if (!a.name && !a.parent_address) {
        return fail(
            xmlAt(node, "Either 'name' or 'parent' must be specified for the 'scsi_host' adapter"));
    }
    return ok();
}

Status parseAdapter(const xml::Node& node, StorageAdapter& a) {
    auto type = node.attr("type");
    if (!type) {
        // Legacy form: a bare name means a SCSI host adapter.
        if (!node.hasAttr("name"))
            return fail(xmlAt(node, "missing storage pool source adapter type"));
        a.type = StorageAdapterType::kScsiHost;
    } else if (*type == "scsi_host") {
        a.type = StorageAdapterType::kScsiHost;
    } else if (*type == "fc_host") {
        a.type = StorageAdapterType::kFcHost;
    } else {
        return fail(badValue(node, "type", *type));
    }
    if (a.type == StorageAdapterType::kScsiHost) return parseScsiHostAdapter(node, a);
    a.parent = node.attr("parent");
    NODEVIRT_ASSIGN_OR_RETURN(a.managed, yesNo(node, "managed"));
    NODEVIRT_ASSIGN_OR_RETURN(a.parent_wwnn, wwn(node, "parent_wwnn"));
    NODEVIRT_ASSIGN_OR_RETURN(a.parent_wwpn, wwn(node, "parent_wwpn"));
    NODEVIRT_ASSIGN_OR_RETURN(a.parent_fabric_wwn, wwn(node, "parent_fabric_wwn"));
    NODEVIRT_ASSIGN_OR_RETURN(a.wwnn, wwn(node, "wwnn"));
    NODEVIRT_ASSIGN_OR_RETURN(a.wwpn, wwn(node, "wwpn"));
    if (!a.wwnn || !a.wwpn) {
        return fail(xmlAt(node, "'wwnn' and 'wwpn' must be specified for adapter type 'fchost'"));
    }
    if (a.parent_wwnn.has_value() != a.parent_wwpn.has_value()) {
        return fail(
            xmlAt(node, "must supply both parent_wwnn and parent_wwpn not just one or the other"));
    }
    return ok();
}

Status parseAuth(const xml::Node& node, StorageAuth& auth) {
    auto type = node.attr("type").value_or("");
    if (type == "chap")
        auth.type = StorageAuthType::kChap;
    else if (type == "ceph")
        auth.type = StorageAuthType::kCeph;
    else
        return fail(
            at(ErrorCode::kConfigUnsupported, node, fmt::format("unknown auth type '{}'", type)));
    auto user = node.attr("username");
    if (!user) return fail(xmlAt(node, "missing username for auth"));
    auth.username = *user;
    xml::Node secret = node.child("secret");
    if (!secret) return fail(xmlAt(node, "Missing <secret> element in auth"));
    if (auto uuid = secret.attr("uuid")) {
        auth.secret_uuid = Uuid::parse(*uuid);
        if (!auth.secret_uuid) return fail(xmlAt(secret, "invalid auth secret uuid"));
    }
    auth.secret_usage = secret.attr("usage");
    if (auth.secret_uuid.has_value() == auth.secret_usage.has_value()) {
        return fail(xmlAt(secret, "either auth secret uuid or usage expected"));
    }
    return ok();
}

Status parseHosts(const xml::Node& node, StoragePoolSource& src) {
    auto hosts = node.children("host");
    NODEVIRT_TRY(checkCount(node, hosts.size(), "hosts"));
    for (const xml::Node& h : hosts) {
        StoragePoolHost host;
        auto name = h.attr("name");
        if (!name) return fail(xmlAt(h, "missing storage pool host name"));
        host.name = *name;
        if (auto port = h.attr("port")) {
            auto v = str::parseInt(str::trim(*port));
            if (!v) {
                return fail(xmlAt(h, fmt::format("Invalid value for attribute 'port' in element "
                                                 "'host': '{}'. Expected integer value",
                                                 *port)));
            }
            host.port = *v;
        }
        src.hosts.push_back(std::move(host));
    }
    return ok();
}

Status parseDevices(const xml::Node& node, const ParseOptions& opts, StoragePoolSource& src) {
    auto devices = node.children("device");
    NODEVIRT_TRY(checkCount(node, devices.size(), "devices"));
    for (const xml::Node& d : devices) {
        StoragePoolDevice dev;
        auto path = d.attr("path");
        if (!path) return fail(xmlAt(d, "missing storage pool source device path"));
        dev.path = *path;
        NODEVIRT_ASSIGN_OR_RETURN(dev.part_separator, yesNo(d, "part_separator"));
        if (opts.live) {
            auto extents = d.children("freeExtent");
            NODEVIRT_TRY(checkCount(d, extents.size(), "free extents"));
            for (const xml::Node& e : extents) {
                auto start = str::parseUint64(e.attr("start").value_or(""));
                auto end = str::parseUint64(e.attr("end").value_or(""));
                if (!start || !end) return fail(xmlAt(e, "malformed free extent"));
                dev.free_extents.push_back({*start, *end});
            }
        }
        src.devices.push_back(std::move(dev));
    }
    return ok();
}

Status parseSourceFormat(const xml::Node& node, const StoragePoolTypeInfo& info,
                         StoragePoolSource& src) {
    if (info.pool_formats.empty()) return ok();
    xml::Node fmt_node = node.child("format");
    if (!fmt_node) {
        src.format = std::string(info.default_pool_format);
        return ok();
    }
    auto type = fmt_node.attr("type").value_or("");
    auto found = std::find(info.pool_formats.begin(), info.pool_formats.end(), type);
    if (found == info.pool_formats.end()) {
        return fail(at(ErrorCode::kConfigUnsupported, fmt_node,
                       fmt::format("unknown pool format type {}", type)));
    }
    src.format = type;
    return ok();
}

}  // namespace

namespace storage_pool_parse {

Status parseSource(const xml::Node& node, const StoragePoolTypeInfo& info, const ParseOptions& opts,
                   StoragePoolSource& src) {
    NODEVIRT_TRY(checkChildren(node,
                               {"host", "device", "dir", "adapter", "name", "initiator", "format",
                                "auth", "vendor", "product", "protocol"},
                               opts));
    NODEVIRT_TRY(parseHosts(node, src));
    if (xml::Node init = node.child("initiator")) {
        if (auto iqn = init.child("iqn").attr("name")) src.initiator_iqn = *iqn;
    }
    NODEVIRT_TRY(parseDevices(node, opts, src));
    if (xml::Node dir = node.child("dir")) src.dir = dir.attr("path");
    if (xml::Node adapter = node.child("adapter")) NODEVIRT_TRY(parseAdapter(adapter, src.adapter));
    if (auto name = node.childText("name"); name && !name->empty()) src.name = *name;
    if (xml::Node auth = node.child("auth")) NODEVIRT_TRY(parseAuth(auth, src.auth.emplace()));
    if (xml::Node v = node.child("vendor")) src.vendor = v.attr("name");
    if (xml::Node p = node.child("product")) src.product = p.attr("name");
    if (xml::Node p = node.child("protocol")) src.protocol_ver = p.attr("ver");
    return parseSourceFormat(node, info, src);
}

}  // namespace storage_pool_parse

Result<StoragePoolSource> parseStoragePoolSourceXml(std::string_view xml, StoragePoolType type,
                                                    const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "storage pool source"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "srcSpec"));
    xml::Node root = doc->root();
    if (root.name() != "source") {
        return fail(
            Error::make(ErrorCode::kXmlError, ErrorDomain::kStorage,
                        fmt::format("expecting root element of 'source', not '{}'", root.name())));
    }
    StoragePoolSource src;
    NODEVIRT_TRY(storage_pool_parse::parseSource(root, storagePoolTypeInfo(type), opts, src));
    return src;
}

}  // namespace nodevirt::conf
