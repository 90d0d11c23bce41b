// Prints <pool>, <source> and <sources> the way libvirt does: only the source parts the
// pool type uses, counters always in bytes, empty <source>/<refresh> as open/close pairs.
#include <fmt/format.h>

#include "conf/common/format_helpers.h"
#include "conf/storage/storage_internal.h"
#include "conf/storage/storage_xml.h"

namespace nodevirt::conf {
namespace {

constexpr std::string_view kFsNamespace = "http://libvirt.org/schemas/storagepool/fs/1.0";
constexpr std::string_view kRbdNamespace = "http://libvirt.org/schemas/storagepool/rbd/1.0";

void formatAdapter(xml::Writer& w, const StorageAdapter& a) {
    if (a.type == StorageAdapterType::kNone) return;
    w.open("adapter");
    if (a.type == StorageAdapterType::kFcHost) {
        w.attr("type", "fc_host");
        w.attrIf("parent", a.parent);
        w.attrIf("parent_wwnn", a.parent_wwnn);
        w.attrIf("parent_wwpn", a.parent_wwpn);
        w.attrIf("parent_fabric_wwn", a.parent_fabric_wwn);
        if (a.managed) w.attr("managed", *a.managed ? "yes" : "no");
        w.attrIf("wwnn", a.wwnn);
        w.attrIf("wwpn", a.wwpn);
        w.close();
        return;
    }
    w.attr("type", "scsi_host");
    w.attrIf("name", a.name);
    if (a.parent_address) {
        const StoragePciAddress& p = *a.parent_address;
        w.open("parentaddr").attr("unique_id", a.parent_unique_id.value_or(0));
        w.open("address").attrHex("domain", p.domain, 4).attrHex("bus", p.bus, 2);
        w.attrHex("slot", p.slot, 2).attrHex("function", p.function, 1).close();
        w.close();
    }
    w.close();
}

void formatAuth(xml::Writer& w, const StorageAuth& auth) {
    w.open("auth")
        .attr("type", auth.type == StorageAuthType::kChap ? "chap" : "ceph")
        .attr("username", auth.username);
    w.open("secret");
    if (auth.secret_uuid) w.attr("uuid", auth.secret_uuid->toString());
    if (auth.secret_usage) w.attr("usage", *auth.secret_usage);
    w.close();
    w.close();
}

void formatSourceBody(xml::Writer& w, const StoragePoolTypeInfo& info, const StoragePoolSource& src,
                      unsigned flags) {
    unsigned f = info.source_flags;
    if (f & kPoolSourceHost) {
        for (const StoragePoolHost& h : src.hosts) {
            w.open("host").attr("name", h.name);
            if (h.port) w.attr("port", *h.port);
            w.close();
        }
    }
    if (f & kPoolSourceDevice) {
        for (const StoragePoolDevice& d : src.devices) {
            w.open("device").attr("path", d.path);
            if (d.part_separator) w.attr("part_separator", *d.part_separator ? "yes" : "no");
            if (!(flags & kFormatInactive)) {
                for (const StorageFreeExtent& e : d.free_extents) {
                    w.open("freeExtent").attr("start", e.start).attr("end", e.end).close();
                }
            }
            w.close();
        }
    }
    if ((f & kPoolSourceDir) && src.dir) w.open("dir").attr("path", *src.dir).close();
    if (f & kPoolSourceAdapter) formatAdapter(w, src.adapter);
    if ((f & kPoolSourceName) && src.name) w.textElement("name", *src.name);
    if ((f & kPoolSourceInitiatorIqn) && src.initiator_iqn) {
        w.open("initiator").open("iqn").attr("name", *src.initiator_iqn).close().close();
    }
    if (!info.pool_formats.empty() && src.format)
        w.open("format").attr("type", *src.format).close();
    if (src.auth) formatAuth(w, *src.auth);
    if (src.protocol_ver) w.open("protocol").attr("ver", *src.protocol_ver).close();
    if (src.vendor) w.open("vendor").attr("name", *src.vendor).close();
    if (src.product) w.open("product").attr("name", *src.product).close();
}

void formatNamespaces(xml::Writer& w, const StoragePoolDef& def) {
    if (!def.fs_mount_opts.empty()) {
        w.open("fs:mount_opts");
        for (const std::string& o : def.fs_mount_opts) w.open("fs:option").attr("name", o).close();
        w.close();
    }
    if (!def.rbd_config_opts.empty()) {
        w.open("rbd:config_opts");
        for (const auto& [name, value] : def.rbd_config_opts) {
            w.open("rbd:option").attr("name", name).attr("value", value).close();
        }
        w.close();
    }
}

}  // namespace

namespace storage_pool_parse {

void formatSource(xml::Writer& w, const StoragePoolTypeInfo& info, const StoragePoolSource& src,
                  unsigned flags) {
    xml::Writer head;
    head.open("source").close();
    xml::Writer body(1);
    formatSourceBody(body, info, src, flags);
    writeExpanded(w, head, body);
}

}  // namespace storage_pool_parse

std::string formatStoragePoolXml(const StoragePoolDef& def, unsigned flags) {
    const StoragePoolTypeInfo& info = storagePoolTypeInfo(def.type);
    xml::Writer w;
    w.open("pool").attr("type", info.name);
    if (!def.fs_mount_opts.empty()) w.attr("xmlns:fs", kFsNamespace);
    if (!def.rbd_config_opts.empty()) w.attr("xmlns:rbd", kRbdNamespace);
    w.textElement("name", def.name);
    w.textElement("uuid", def.uuid.toString());
    w.open("capacity").attr("unit", "bytes").text(std::to_string(def.capacity)).close();
    w.open("allocation").attr("unit", "bytes").text(std::to_string(def.allocation)).close();
    w.open("available").attr("unit", "bytes").text(std::to_string(def.available)).close();
    if (def.cow)
        w.open("features").open("cow").attr("state", *def.cow ? "yes" : "no").close().close();
    storage_pool_parse::formatSource(w, info, def.source, flags);
    if (!(info.source_flags & kPoolSourceNetwork) && def.target_path) {
        w.open("target");
        w.textElement("path", *def.target_path);
        storage_xml::formatPerms(w, def.target_perms);
        w.close();
    }
    if (def.has_refresh) {
        xml::Writer head;
        head.open("refresh").close();
        xml::Writer body(1);
        if (def.refresh_allocation)
            body.open("volume").attr("allocation", *def.refresh_allocation).close();
        writeExpanded(w, head, body);
    }
    formatNamespaces(w, def);
    w.close();
    return w.take();
}

std::string formatStoragePoolSourceList(StoragePoolType type,
                                        const std::vector<StoragePoolSource>& sources) {
    const StoragePoolTypeInfo& info = storagePoolTypeInfo(type);
    xml::Writer head;
    head.open("sources").close();
    xml::Writer body(1);
    for (const StoragePoolSource& src : sources)
        storage_pool_parse::formatSource(body, info, src, kFormatInactive);
    xml::Writer w;
    writeExpanded(w, head, body);
    return w.take();
}

}  // namespace nodevirt::conf
