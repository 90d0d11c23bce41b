// Prints <volume> the way libvirt does: sizes in bytes, the target's children in libvirt's
// order, clusterSize in 'B', empty <encryption> as an open/close pair.
#include <fmt/format.h>

#include "conf/common/format_helpers.h"
#include "conf/storage/storage_xml.h"

namespace nodevirt::conf {
namespace {

void formatSize(xml::Writer& w, std::string_view name, uint64_t bytes) {
    w.open(name).attr("unit", "bytes").text(std::to_string(bytes)).close();
}

void formatTimestamp(xml::Writer& w, std::string_view name,
                     const std::optional<StorageTimestamp>& ts) {
    if (!ts) return;
    std::string text = std::to_string(ts->sec);
    if (ts->nsec) text += fmt::format(".{:09}", ts->nsec);
    w.textElement(name, text);
}

void formatEncryption(xml::Writer& w, const StorageEncryption& enc) {
    xml::Writer head;
    head.open("encryption").attr("format", enc.format);
    head.attrIf("engine", enc.engine);
    head.close();
    xml::Writer body(1);
    for (const StorageEncryptionSecret& s : enc.secrets) {
        body.open("secret").attr("type", s.type);
        if (s.uuid) body.attr("uuid", s.uuid->toString());
        body.attrIf("usage", s.usage);
        body.close();
    }
    if (enc.cipher_name) {
        body.open("cipher").attr("name", *enc.cipher_name);
        body.attrIf("size", enc.cipher_size)
            .attrIf("mode", enc.cipher_mode)
            .attrIf("hash", enc.cipher_hash);
        body.close();
    }
    if (enc.ivgen_name) {
        body.open("ivgen").attr("name", *enc.ivgen_name).attrIf("hash", enc.ivgen_hash).close();
    }
    writeExpanded(w, head, body);
}

void formatTarget(xml::Writer& w, std::string_view element, const StorageVolTarget& t) {
    w.open(element);
    if (t.path) w.textElement("path", *t.path);
    if (t.format) w.open("format").attr("type", *t.format).close();
    storage_xml::formatPerms(w, t.perms);
    if (t.atime || t.btime || t.ctime || t.mtime) {
        w.open("timestamps");
        formatTimestamp(w, "atime", t.atime);
        formatTimestamp(w, "btime", t.btime);
        formatTimestamp(w, "ctime", t.ctime);
        formatTimestamp(w, "mtime", t.mtime);
        w.close();
    }
    if (t.encryption) formatEncryption(w, *t.encryption);
    if (t.compat) w.textElement("compat", *t.compat);
    if (t.cluster_size)
        w.open("clusterSize").attr("unit", "B").text(std::to_string(*t.cluster_size)).close();
    if (t.lazy_refcounts || t.extended_l2) {
        w.open("features");
        if (t.lazy_refcounts) w.open("lazy_refcounts").close();
        if (t.extended_l2) w.open("extended_l2").close();
        w.close();
    }
    w.close();
}

}  // namespace

std::string formatStorageVolXml(const StorageVolDef& def, unsigned flags) {
    (void)flags;
    xml::Writer w;
    w.open("volume").attr("type", storageVolTypeName(def.type));
    w.textElement("name", def.name);
    if (def.key) w.textElement("key", *def.key);
    if (!def.source.empty()) {
        w.open("source");
        for (const StorageVolSourceDevice& d : def.source) {
            w.open("device").attr("path", d.path);
            for (const StorageVolExtent& e : d.extents) {
                w.open("extent").attr("start", e.start).attr("end", e.end).close();
            }
            w.close();
        }
        w.close();
    }
    formatSize(w, "capacity", def.capacity);
    formatSize(w, "allocation", def.allocation);
    if (def.physical) formatSize(w, "physical", def.physical);
    formatTarget(w, "target", def.target);
    if (def.backing_store) formatTarget(w, "backingStore", *def.backing_store);
    w.close();
    return w.take();
}

}  // namespace nodevirt::conf
