#include "conf/domain/snapshot_def.h"

#include <fmt/format.h>

#include "conf/domain/domain_parse.h"
#include "conf/domain/post_parse.h"
#include "util/logging.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

Result<SnapshotDiskDef> parseSnapshotDisk(Elem& d) {
    SnapshotDiskDef disk;
    NODEVIRT_ASSIGN_OR_RETURN(disk.name, d.requiredAttr("name"));
    NODEVIRT_ASSIGN_OR_RETURN(disk.snapshot, d.enumAttr("snapshot", kSnapshotLocations));
    NODEVIRT_ASSIGN_OR_RETURN(disk.type, d.enumAttr("type", kDiskTypes));
    if (Elem drv = d.child("driver")) {
        disk.driver_type = drv.attr("type");
        NODEVIRT_TRY(drv.done());
    }
    if (Elem src = d.child("source")) {
        DiskType t = disk.type.value_or(DiskType::kFile);
        disk.source = src.attr(t == DiskType::kBlock ? "dev" : "file");
        if (!disk.type) disk.type = DiskType::kFile;
        NODEVIRT_TRY(src.done());
    }
    if ((disk.source || disk.driver_type) && !disk.snapshot)
        disk.snapshot = SnapshotLocation::kExternal;
    NODEVIRT_TRY(d.done());
    return disk;
}

Status parseRedefineParts(Elem& root, DomainSnapshotDef& s, const SnapshotParseOptions& o) {
    NODEVIRT_ASSIGN_OR_RETURN(auto state, root.leafText("state"));
    if (state) {
        s.state = kSnapshotStates.parse(*state);
        if (!s.state)
            return fail(
                root.error(fmt::format("Invalid state '{}' in domain snapshot XML", *state)));
    }
    if (Elem p = root.child("parent")) {
        NODEVIRT_ASSIGN_OR_RETURN(s.parent, p.leafText("name"));
        NODEVIRT_TRY(p.done());
    }
    NODEVIRT_ASSIGN_OR_RETURN(s.creation_time, root.leafInt("creationTime"));
    if (Elem d = root.child("domain")) {
        auto def = std::make_shared<DomainDef>();
        NODEVIRT_TRY(parseDomainRoot(d, *def));
        if (o.profile) NODEVIRT_TRY(postParseDomain(*def, *o.profile));
        s.domain = std::move(def);
    }
    return ok();
}

}  // namespace

Result<std::shared_ptr<DomainSnapshotDef>> parseDomainSnapshotXml(std::string_view xml,
                                                                  const SnapshotParseOptions& o) {
    NODEVIRT_TRY(checkXmlInput(xml, "domainsnapshot"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, xml::Document::parse(xml, "domainsnapshot"));
    ParseCtx ctx;
    ctx.strict = o.validate;
    ctx.inactive = true;
    ctx.track = o.validate || log::logger().should_log(spdlog::level::debug);
    Elem root(doc->root(), ctx);
    if (root.name() != "domainsnapshot")
        return fail(xmlError(
            fmt::format("expecting root element of 'domainsnapshot', not '{}'", root.name()),
            ErrorDomain::kDomainSnapshot));
    auto s = std::make_shared<DomainSnapshotDef>();
    NODEVIRT_ASSIGN_OR_RETURN(auto name, root.leafText("name"));
    if (name && !name->empty()) {
        if (name->find('/') != std::string::npos)
            return fail(
                xmlError(fmt::format("invalid snapshot name '{}': '/' is not allowed", *name),
                         ErrorDomain::kDomainSnapshot));
        s->name = std::move(*name);
    } else if (o.redefine) {
        return fail(
            xmlError("a redefined snapshot must have a name", ErrorDomain::kDomainSnapshot));
    }
    NODEVIRT_ASSIGN_OR_RETURN(s->description, root.leafText("description"));
    if (s->description && s->description->empty()) s->description.reset();
    if (Elem m = root.child("memory")) {
        NODEVIRT_ASSIGN_OR_RETURN(s->memory, m.enumAttr("snapshot", kSnapshotLocations));
        s->memory_file = m.attr("file");
        if (s->memory_file && !s->memory) s->memory = SnapshotLocation::kExternal;
        NODEVIRT_TRY(m.done());
    }
    if (Elem disks = root.child("disks")) {
        s->disks_given = true;
        NODEVIRT_ASSIGN_OR_RETURN(auto list, disks.children("disk", kMaxDevicesPerClass));
        for (Elem& d : list) {
            NODEVIRT_ASSIGN_OR_RETURN(SnapshotDiskDef disk, parseSnapshotDisk(d));
            for (const auto& other : s->disks)
                if (other.name == disk.name)
                    return fail(
                        configUnsupported(fmt::format("disk '{}' specified twice", disk.name),
                                          ErrorDomain::kDomainSnapshot));
            s->disks.push_back(std::move(disk));
        }
        NODEVIRT_TRY(disks.done());
    }
    if (o.redefine) {
        NODEVIRT_TRY(parseRedefineParts(root, *s, o));
    } else {
        // Filled by the hypervisor when the snapshot is taken.
        for (std::string_view n : {"state", "parent", "creationTime", "domain", "active", "cookie"})
            root.markChild(n);
    }
    NODEVIRT_TRY(root.done());
    return s;
}

std::string formatDomainSnapshotXml(const DomainSnapshotDef& s, const SnapshotFormatOptions& o) {
    xml::Writer w;
    w.open("domainsnapshot");
    w.textElement("name", s.name);
    if (s.description) w.textElement("description", *s.description);
    if (s.state) w.textElement("state", kSnapshotStates.name(*s.state));
    if (s.parent) w.open("parent").textElement("name", *s.parent).close();
    if (s.creation_time) w.textElement("creationTime", fmt::format("{}", *s.creation_time));
    if (s.memory) {
        w.open("memory").attr("snapshot", kSnapshotLocations.name(*s.memory));
        if (s.memory_file) w.attr("file", *s.memory_file);
        w.close();
    }
    if (s.disks.empty() && s.disks_given) {
        w.raw("<disks>\n</disks>");
    } else if (!s.disks.empty()) {
        w.open("disks");
        for (const auto& d : s.disks) {
            w.open("disk").attr("name", d.name);
            if (d.snapshot) w.attr("snapshot", kSnapshotLocations.name(*d.snapshot));
            if (d.source || d.driver_type) {
                DiskType t = d.type.value_or(DiskType::kFile);
                w.attr("type", kDiskTypes.name(t));
                if (d.driver_type) w.open("driver").attr("type", *d.driver_type).close();
                if (d.source)
                    w.open("source")
                        .attr(t == DiskType::kBlock ? "dev" : "file", *d.source)
                        .close();
            }
            w.close();
        }
        w.close();
    }
    if (s.domain) {
        FormatCtx fc;
        fc.inactive = true;
        fc.secure = o.secure;
        formatDomain(w, *s.domain, fc, -1);
    }
    w.close();
    return w.take();
}

}  // namespace nodevirt::conf
