// Reads a <capabilities> document back into the value type (clients, tests, and drivers
// that cache capabilities on disk).
#include <fmt/format.h>

#include "conf/capabilities/capabilities_xml.h"
#include "util/strings.h"

namespace nodevirt::conf {
namespace {

constexpr size_t kMaxItems = 65536;

Error at(const xml::Node& node, std::string_view detail) {
    return Error::make(ErrorCode::kXmlError, ErrorDomain::kCapabilities,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Result<unsigned> reqUint(const xml::Node& node, std::string_view attr) {
    auto text = node.attr(attr);
    if (!text) return fail(at(node, fmt::format("missing attribute '{}'", attr)));
    auto v = str::parseUint(str::trim(*text));
    if (!v) return fail(node.badAttr(attr, *text, "a non-negative integer"));
    return *v;
}

Result<std::optional<unsigned>> optUint(const xml::Node& node, std::string_view attr) {
    if (!node.hasAttr(attr)) return std::optional<unsigned>();
    NODEVIRT_ASSIGN_OR_RETURN(unsigned v, reqUint(node, attr));
    return std::optional<unsigned>(v);
}

Result<std::optional<uint64_t>> optUint64(const xml::Node& node, std::string_view attr) {
    auto v = node.attrUint(attr);
    if (!v) return fail(v.error());
    return *v;
}

Result<uint64_t> textUint64(const xml::Node& node) {
    auto v = str::parseUint64(str::trim(node.text()));
    if (!v) return fail(at(node, fmt::format("invalid number '{}'", node.text())));
    return *v;
}

Status checkCount(const xml::Node& node, size_t n) {
    if (n <= kMaxItems) return ok();
    return fail(at(node, "too many elements"));
}

Result<CapsPages> parsePages(const xml::Node& node) {
    CapsPages p;
    NODEVIRT_ASSIGN_OR_RETURN(p.size_kib, reqUint(node, "size"));
    if (!str::trim(node.text()).empty()) {
        NODEVIRT_ASSIGN_OR_RETURN(p.count, textUint64(node));
    }
    return p;
}

Status parseHostCpu(const xml::Node& node, CapsHostCpu& c) {
    c.arch = node.childText("arch").value_or("");
    for (const xml::Node& f : node.child("features").children())
        c.host_features.emplace_back(f.name());
    c.model = node.childText("model");
    c.vendor = node.childText("vendor");
    if (xml::Node m = node.child("microcode")) {
        NODEVIRT_ASSIGN_OR_RETURN(c.microcode, optUint(m, "version"));
    }
    if (xml::Node s = node.child("signature")) {
        NODEVIRT_ASSIGN_OR_RETURN(c.sig_family, optUint(s, "family"));
        NODEVIRT_ASSIGN_OR_RETURN(c.sig_model, optUint(s, "model"));
        NODEVIRT_ASSIGN_OR_RETURN(c.sig_stepping, optUint(s, "stepping"));
    }
    if (xml::Node t = node.child("counter")) {
        NODEVIRT_ASSIGN_OR_RETURN(c.tsc_frequency, optUint64(t, "frequency"));
        NODEVIRT_ASSIGN_OR_RETURN(c.tsc_scaling, t.attrYesNo("scaling"));
    }
    if (xml::Node t = node.child("topology")) {
        NODEVIRT_ASSIGN_OR_RETURN(c.sockets, optUint(t, "sockets"));
        NODEVIRT_ASSIGN_OR_RETURN(c.dies, optUint(t, "dies"));
        NODEVIRT_ASSIGN_OR_RETURN(c.cores, optUint(t, "cores"));
        NODEVIRT_ASSIGN_OR_RETURN(c.threads, optUint(t, "threads"));
    }
    if (xml::Node a = node.child("maxphysaddr")) {
        c.maxphysaddr_mode = a.attr("mode");
        NODEVIRT_ASSIGN_OR_RETURN(c.maxphysaddr_bits, optUint(a, "bits"));
    }
    auto features = node.children("feature");
    auto pages = node.children("pages");
    NODEVIRT_TRY(checkCount(node, features.size() + pages.size()));
    for (const xml::Node& f : features) c.features.push_back(f.attr("name").value_or(""));
    for (const xml::Node& p : pages) {
        NODEVIRT_ASSIGN_OR_RETURN(CapsPages pg, parsePages(p));
        c.pages.push_back(pg);
    }
    return ok();
}

Status parseCell(const xml::Node& node, CapsNumaCell& cell) {
    NODEVIRT_ASSIGN_OR_RETURN(cell.id, reqUint(node, "id"));
    if (xml::Node mem = node.child("memory")) {
        NODEVIRT_ASSIGN_OR_RETURN(cell.memory_kib, textUint64(mem));
    }
    for (const xml::Node& p : node.children("pages")) {
        NODEVIRT_ASSIGN_OR_RETURN(CapsPages pg, parsePages(p));
        cell.pages.push_back(pg);
    }
    for (const xml::Node& s : node.child("distances").children("sibling")) {
        CapsCellDistance d;
        NODEVIRT_ASSIGN_OR_RETURN(d.id, reqUint(s, "id"));
        NODEVIRT_ASSIGN_OR_RETURN(d.value, reqUint(s, "value"));
        cell.distances.push_back(d);
    }
    auto cpus = node.child("cpus").children("cpu");
    NODEVIRT_TRY(checkCount(node, cpus.size()));
    for (const xml::Node& c : cpus) {
        CapsCellCpu cpu;
        NODEVIRT_ASSIGN_OR_RETURN(cpu.id, reqUint(c, "id"));
        NODEVIRT_ASSIGN_OR_RETURN(cpu.socket_id, optUint(c, "socket_id"));
        NODEVIRT_ASSIGN_OR_RETURN(cpu.die_id, optUint(c, "die_id"));
        NODEVIRT_ASSIGN_OR_RETURN(cpu.core_id, optUint(c, "core_id"));
        cpu.siblings = c.attr("siblings").value_or("");
        cell.cpus.push_back(std::move(cpu));
    }
    return ok();
}

Result<CapsMonitor> parseMonitor(const xml::Node& node) {
    CapsMonitor m;
    NODEVIRT_ASSIGN_OR_RETURN(auto level, optUint(node, "level"));
    m.level = level.value_or(0);
    NODEVIRT_ASSIGN_OR_RETURN(m.reuse_threshold, optUint64(node, "reuseThreshold"));
    NODEVIRT_ASSIGN_OR_RETURN(m.max_monitors, reqUint(node, "maxMonitors"));
    for (const xml::Node& f : node.children("feature"))
        m.features.push_back(f.attr("name").value_or(""));
    return m;
}

Status parseCache(const xml::Node& node, CapsHost& h) {
    for (const xml::Node& b : node.children("bank")) {
        CapsCacheBank bank;
        NODEVIRT_ASSIGN_OR_RETURN(bank.id, reqUint(b, "id"));
        NODEVIRT_ASSIGN_OR_RETURN(bank.level, reqUint(b, "level"));
        bank.type = b.attr("type").value_or("");
        NODEVIRT_ASSIGN_OR_RETURN(auto size, optUint64(b, "size"));
        bank.size = size.value_or(0);
        bank.unit = b.attr("unit").value_or("");
        bank.cpus = b.attr("cpus").value_or("");
        for (const xml::Node& c : b.children("control")) {
            CapsCacheControl ctl;
            NODEVIRT_ASSIGN_OR_RETURN(auto gran, optUint64(c, "granularity"));
            ctl.granularity = gran.value_or(0);
            NODEVIRT_ASSIGN_OR_RETURN(ctl.min, optUint64(c, "min"));
            ctl.unit = c.attr("unit").value_or("");
            ctl.type = c.attr("type").value_or("");
            NODEVIRT_ASSIGN_OR_RETURN(ctl.max_allocs, reqUint(c, "maxAllocs"));
            bank.controls.push_back(std::move(ctl));
        }
        h.cache_banks.push_back(std::move(bank));
    }
    if (xml::Node m = node.child("monitor")) {
        NODEVIRT_ASSIGN_OR_RETURN(h.cache_monitor, parseMonitor(m));
    }
    return ok();
}

Status parseMemoryBandwidth(const xml::Node& node, CapsHost& h) {
    for (const xml::Node& n : node.children("node")) {
        CapsMemoryBandwidthNode mb;
        NODEVIRT_ASSIGN_OR_RETURN(mb.id, reqUint(n, "id"));
        mb.cpus = n.attr("cpus").value_or("");
        if (xml::Node c = n.child("control")) {
            NODEVIRT_ASSIGN_OR_RETURN(mb.granularity, optUint(c, "granularity"));
            NODEVIRT_ASSIGN_OR_RETURN(mb.min, optUint(c, "min"));
            NODEVIRT_ASSIGN_OR_RETURN(mb.max_allocs, optUint(c, "maxAllocs"));
        }
        h.memory_bandwidth.push_back(std::move(mb));
    }
    if (xml::Node m = node.child("monitor")) {
        NODEVIRT_ASSIGN_OR_RETURN(h.memory_bandwidth_monitor, parseMonitor(m));
    }
    return ok();
}

Status parseHost(const xml::Node& node, const ParseOptions& opts, CapsHost& h) {
    NODEVIRT_TRY(checkChildren(node,
                               {"uuid", "cpu", "power_management", "iommu", "migration_features",
                                "netprefix", "topology", "cache", "memory_bandwidth", "secmodel"},
                               opts));
    if (auto uuid = node.childText("uuid")) {
        h.uuid = Uuid::parse(*uuid);
        if (!h.uuid) return fail(at(node.child("uuid"), fmt::format("malformed uuid '{}'", *uuid)));
    }
    NODEVIRT_TRY(parseHostCpu(node.child("cpu"), h.cpu));
    xml::Node pm = node.child("power_management");
    h.suspend_mem = static_cast<bool>(pm.child("suspend_mem"));
    h.suspend_disk = static_cast<bool>(pm.child("suspend_disk"));
    h.suspend_hybrid = static_cast<bool>(pm.child("suspend_hybrid"));
    if (xml::Node iommu = node.child("iommu")) {
        NODEVIRT_ASSIGN_OR_RETURN(h.iommu, iommu.attrYesNo("support"));
    }
    if (xml::Node mig = node.child("migration_features")) {
        h.has_migration_features = true;
        h.migration_live = static_cast<bool>(mig.child("live"));
        for (const xml::Node& t : mig.child("uri_transports").children("uri_transport")) {
            h.migration_uri_transports.push_back(t.text());
        }
    }
    h.netprefix = node.childText("netprefix");
    if (xml::Node topo = node.child("topology")) {
        h.has_numa = true;
        auto cells = topo.child("cells").children("cell");
        NODEVIRT_TRY(checkCount(topo, cells.size()));
        for (const xml::Node& c : cells) NODEVIRT_TRY(parseCell(c, h.cells.emplace_back()));
    }
    if (xml::Node cache = node.child("cache")) NODEVIRT_TRY(parseCache(cache, h));
    if (xml::Node mb = node.child("memory_bandwidth")) NODEVIRT_TRY(parseMemoryBandwidth(mb, h));
    for (const xml::Node& s : node.children("secmodel")) {
        CapsSecModel sec{s.childText("model").value_or(""), s.childText("doi").value_or(""), {}};
        for (const xml::Node& b : s.children("baselabel"))
            sec.base_labels.emplace_back(b.attr("type").value_or(""), b.text());
        h.secmodels.push_back(std::move(sec));
    }
    return ok();
}

Status parseMachines(const xml::Node& node, std::vector<CapsMachine>& out) {
    auto machines = node.children("machine");
    NODEVIRT_TRY(checkCount(node, machines.size()));
    for (const xml::Node& m : machines) {
        CapsMachine mach;
        mach.name = m.text();
        mach.canonical = m.attr("canonical");
        NODEVIRT_ASSIGN_OR_RETURN(mach.max_cpus, optUint(m, "maxCpus"));
        NODEVIRT_ASSIGN_OR_RETURN(auto dep, m.attrYesNo("deprecated"));
        mach.deprecated = dep.value_or(false);
        out.push_back(std::move(mach));
    }
    return ok();
}

Status parseGuest(const xml::Node& node, CapsGuest& g) {
    g.os_type = node.childText("os_type").value_or("");
    xml::Node arch = node.child("arch");
    g.arch = arch.attr("name").value_or("");
    auto wordsize = str::parseUint(str::trim(arch.childText("wordsize").value_or("")));
    if (!wordsize) return fail(at(arch, "missing or invalid <wordsize>"));
    g.wordsize = *wordsize;
    g.emulator = arch.childText("emulator");
    g.loader = arch.childText("loader");
    NODEVIRT_TRY(parseMachines(arch, g.machines));
    for (const xml::Node& d : arch.children("domain")) {
        CapsGuestDomain& dom = addCapsGuestDomain(g, d.attr("type").value_or(""));
        dom.emulator = d.childText("emulator");
        NODEVIRT_TRY(parseMachines(d, dom.machines));
    }
    for (const xml::Node& f : node.child("features").children()) {
        CapsGuestFeature feat{std::string(f.name()), std::nullopt, std::nullopt};
        NODEVIRT_ASSIGN_OR_RETURN(feat.default_on, f.attrYesNo("default", true));
        NODEVIRT_ASSIGN_OR_RETURN(feat.toggle, f.attrYesNo("toggle"));
        g.features.push_back(std::move(feat));
    }
    return ok();
}

}  // namespace

Result<std::shared_ptr<Capabilities>> parseCapabilitiesXml(std::string_view xml,
                                                           const ParseOptions& opts) {
    NODEVIRT_TRY(checkDocumentSize(xml, opts, "capabilities"));
    NODEVIRT_ASSIGN_OR_RETURN(auto doc, parseXmlDocument(xml, "capabilities"));
    xml::Node root = doc->root();
    if (root.name() != "capabilities") {
        return fail(Error::make(
            ErrorCode::kXmlError, ErrorDomain::kCapabilities,
            fmt::format("expecting root element of 'capabilities', not '{}'", root.name())));
    }
    NODEVIRT_TRY(checkChildren(root, {"host", "guest"}, opts));
    auto caps = std::make_shared<Capabilities>();
    xml::Node host = root.child("host");
    if (!host) return fail(at(root, "missing <host> element"));
    NODEVIRT_TRY(parseHost(host, opts, caps->host));
    auto guests = root.children("guest");
    NODEVIRT_TRY(checkCount(root, guests.size()));
    for (const xml::Node& g : guests) NODEVIRT_TRY(parseGuest(g, caps->guests.emplace_back()));
    if (opts.validate) NODEVIRT_TRY(validateCapabilities(*caps));
    return caps;
}

Status validateCapabilities(const Capabilities& caps) {
    auto err = [](std::string detail) {
        return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kCapabilities, detail));
    };
    std::set<unsigned> cell_ids, cpu_ids;
    for (const CapsNumaCell& c : caps.host.cells) {
        if (!cell_ids.insert(c.id).second)
            return err(fmt::format("duplicate NUMA cell id {}", c.id));
        for (const CapsCellCpu& cpu : c.cpus) {
            if (!cpu_ids.insert(cpu.id).second)
                return err(fmt::format("CPU {} is listed in more than one place", cpu.id));
        }
    }
    for (const CapsGuest& g : caps.guests) {
        if (g.domains.empty())
            return err(fmt::format("guest '{}' on '{}' lists no domain type", g.os_type, g.arch));
        if (g.wordsize != 31 && g.wordsize != 32 && g.wordsize != 64) {
            return err(fmt::format("guest arch '{}' has invalid wordsize {}", g.arch, g.wordsize));
        }
    }
    return ok();
}

}  // namespace nodevirt::conf
