#include "core/snapshot_def.h"

#include <fmt/format.h>

#include <sstream>

#include "util/strings.h"
#include "xml/xml_writer.h"

namespace nodevirt::core {
namespace {

constexpr std::string_view kStates[] = {"nostate",  "running", "blocked",     "paused",       "shutdown",
                                        "shutoff", "crashed", "pmsuspended", "disk-snapshot"};
constexpr std::string_view kLocations[] = {"default", "no", "internal", "external", "manual"};

Error snapshotXmlError(std::string_view detail) {
    return Error::make(ErrorCode::kXmlError, ErrorDomain::kDomainSnapshot, detail);
}

Result<SnapshotLocation> parseLocation(const xml::Node& n, std::string_view what) {
    auto v = n.attr("snapshot");
    if (!v) return SnapshotLocation::kDefault;
    for (size_t i = 1; i < std::size(kLocations); ++i) {
        if (*v == kLocations[i]) return static_cast<SnapshotLocation>(i);
    }
    return fail(snapshotXmlError(fmt::format("unknown {} snapshot setting '{}'", what, *v)));
}

Status checkKnown(const xml::Node& node, const SnapshotParseOptions& opts) {
    if (!opts.validate) return ok();
    static constexpr std::string_view kKnown[] = {"name",   "description", "state",          "parent",
                                                  "creationTime", "memory", "disks", "domain",
                                                  "inactiveDomain", "cookie", "active"};
    for (const auto& c : node.children()) {
        bool known = false;
        for (auto k : kKnown) known = known || c.name() == k;
        if (!known) {
            return fail(Error::make(ErrorCode::kXmlInvalidSchema, ErrorDomain::kXml,
                                    fmt::format("Unable to validate doc against "
                                                "/usr/share/libvirt/schemas/domainsnapshot.rng\n"
                                                "Element domainsnapshot has extra content: {}\n",
                                                c.name())));
        }
    }
    return ok();
}

Status parseDisks(const xml::Node& node, SnapshotDef& def) {
    xml::Node disks = node.child("disks");
    if (!disks) return ok();
    for (const auto& d : disks.children("disk")) {
        SnapshotDiskDef disk;
        auto name = d.attr("name");
        if (!name || name->empty()) return fail(snapshotXmlError("missing name from disk snapshot element"));
        disk.name = *name;
        NODEVIRT_ASSIGN_OR_RETURN(disk.snapshot, parseLocation(d, "disk"));
        if (auto src = d.child("source")) disk.source_file = src.attr("file");
        if (auto drv = d.child("driver")) disk.driver_type = drv.attr("type");
        if (def.disks.size() >= 4096) return fail(snapshotXmlError("too many disks in snapshot"));
        def.disks.push_back(std::move(disk));
    }
    return ok();
}

Status parseRedefined(const xml::Node& node, const SnapshotParseOptions& opts, SnapshotDef& def) {
    if (auto state = node.childText("state")) {
        auto s = snapshotStateFromName(str::trim(*state));
        if (!s) return fail(snapshotXmlError(fmt::format("Invalid state '{}' in domain snapshot XML", *state)));
        def.state = *s;
    }
    if (auto parent = node.child("parent")) def.parent = std::string(str::trim(parent.childText("name").value_or("")));
    if (auto ct = node.childText("creationTime")) {
        auto t = str::parseInt64(str::trim(*ct));
        if (!t) return fail(snapshotXmlError(fmt::format("malformed creationTime '{}'", *ct)));
        def.creation_time = *t;
    }
    xml::Node dom = node.child("domain");
    if (!dom) return ok();
    // The embedded domain is parsed on its own, from its serialized subtree.
    std::ostringstream text;
    dom.raw().print(text, "  ", pugi::format_default);
    NODEVIRT_ASSIGN_OR_RETURN(auto parsed, conf::parseDomainXml(text.str(), opts.domain));
    def.dom = std::move(parsed);
    return ok();
}

void formatDisk(xml::Writer& w, const SnapshotDiskDef& d) {
    w.open("disk");
    w.attr("name", d.name);
    if (d.snapshot != SnapshotLocation::kDefault) w.attr("snapshot", snapshotLocationName(d.snapshot));
    if (d.source_file) w.attr("type", "file");
    if (d.driver_type) {
        w.open("driver");
        w.attr("type", *d.driver_type);
        w.close();
    }
    if (d.source_file) {
        w.open("source");
        w.attr("file", *d.source_file);
        w.close();
    }
    w.close();
}

}  // namespace

std::string_view snapshotStateName(int state) {
    if (state < 0 || static_cast<size_t>(state) >= std::size(kStates)) return "nostate";
    return kStates[static_cast<size_t>(state)];
}

std::optional<int> snapshotStateFromName(std::string_view name) {
    for (size_t i = 0; i < std::size(kStates); ++i) {
        if (kStates[i] == name) return static_cast<int>(i);
    }
    return std::nullopt;
}

std::string_view snapshotLocationName(SnapshotLocation loc) { return kLocations[static_cast<size_t>(loc)]; }

Result<std::shared_ptr<SnapshotDef>> parseSnapshotNode(const xml::Node& node, const SnapshotParseOptions& opts) {
    NODEVIRT_TRY(checkKnown(node, opts));
    auto def = std::make_shared<SnapshotDef>();
    if (auto name = node.childText("name")) def->name = std::string(str::trim(*name));
    if (def->name.empty() && (opts.redefine || opts.internal)) {
        return fail(snapshotXmlError("a redefined snapshot must have a name"));
    }
    def->description = node.childText("description");
    if (auto mem = node.child("memory")) {
        NODEVIRT_ASSIGN_OR_RETURN(def->memory, parseLocation(mem, "memory"));
        def->memory_file = mem.attr("file");
    }
    NODEVIRT_TRY(parseDisks(node, *def));
    if (opts.redefine || opts.internal) {
        NODEVIRT_TRY(parseRedefined(node, opts, *def));
        // A redefined snapshot without <memory> has memory unless it was taken offline.
        if (def->memory == SnapshotLocation::kDefault) {
            bool offline = def->state == 5 || def->state == 8;  // shutoff, disk-snapshot
            def->memory = offline ? SnapshotLocation::kNo : SnapshotLocation::kInternal;
        }
    }
    if (opts.internal) {
        auto active = node.childText("active");
        if (!active) return fail(internalError("Could not find 'active' element"));
        def->current = str::trim(*active) == "1";
    }
    return def;
}

Result<std::shared_ptr<SnapshotDef>> parseSnapshotXml(std::string_view xml, const SnapshotParseOptions& opts) {
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, xml::Document::parse(xml, "domain_snapshot"));
    xml::Node root = doc->root();
    if (root.name() != "domainsnapshot") {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kXml,
                                fmt::format("expecting root element of 'domainsnapshot', not '{}'", root.name())));
    }
    return parseSnapshotNode(root, opts);
}

std::string formatSnapshotXml(const SnapshotDef& def, bool secure) {
    xml::Writer w;
    w.open("domainsnapshot");
    w.textElement("name", def.name);
    if (def.description) w.textElement("description", *def.description);
    w.textElement("state", snapshotStateName(def.state));
    if (!def.parent.empty()) {
        w.open("parent");
        w.textElement("name", def.parent);
        w.close();
    }
    w.textElement("creationTime", std::to_string(def.creation_time));
    if (def.memory != SnapshotLocation::kDefault) {
        w.open("memory");
        w.attr("snapshot", snapshotLocationName(def.memory));
        if (def.memory_file) w.attr("file", *def.memory_file);
        w.close();
    }
    if (!def.disks.empty()) {
        w.open("disks");
        for (const auto& d : def.disks) formatDisk(w, d);
        w.close();
    }
    if (def.dom) {
        conf::DomainFormatOptions fo;
        fo.inactive = true;
        fo.secure = secure;
        w.raw(conf::formatDomainXml(*def.dom, fo));
    }
    w.close();
    return w.take();
}

}  // namespace nodevirt::core
