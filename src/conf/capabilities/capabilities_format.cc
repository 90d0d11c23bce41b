// Prints <capabilities> as libvirt does, blank lines between the top-level blocks included.
#include <fmt/format.h>

#include "conf/capabilities/capabilities_xml.h"
#include "conf/common/format_helpers.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {
namespace {

void formatPages(xml::Writer& w, const CapsPages& p) {
    w.open("pages").attr("unit", "KiB").attr("size", p.size_kib);
    if (p.count) w.text(std::to_string(*p.count));
    w.close();
}

void formatHostCpu(xml::Writer& w, const CapsHostCpu& c) {
    w.open("cpu");
    w.textElement("arch", c.arch);
    if (!c.host_features.empty()) {
        w.open("features");
        for (const std::string& f : c.host_features) w.open(f).close();
        w.close();
    }
    if (c.model) w.textElement("model", *c.model);
    if (c.vendor) w.textElement("vendor", *c.vendor);
    if (c.microcode) w.open("microcode").attr("version", *c.microcode).close();
    if (c.sig_family) {
        w.open("signature").attr("family", *c.sig_family).attr("model", c.sig_model.value_or(0));
        w.attr("stepping", c.sig_stepping.value_or(0)).close();
    }
    if (c.tsc_frequency) {
        w.open("counter").attr("name", "tsc").attr("frequency", *c.tsc_frequency);
        if (c.tsc_scaling) w.attr("scaling", *c.tsc_scaling ? "yes" : "no");
        w.close();
    }
    if (c.sockets) {
        w.open("topology").attr("sockets", *c.sockets).attr("dies", c.dies.value_or(1));
        w.attr("cores", c.cores.value_or(1)).attr("threads", c.threads.value_or(1)).close();
    }
    if (c.maxphysaddr_mode) {
        w.open("maxphysaddr").attr("mode", *c.maxphysaddr_mode);
        w.attrIf("bits", c.maxphysaddr_bits);
        w.close();
    }
    for (const std::string& f : c.features) w.open("feature").attr("name", f).close();
    for (const CapsPages& p : c.pages) formatPages(w, p);
    w.close();
}

void formatCell(xml::Writer& w, const CapsNumaCell& cell) {
    w.open("cell").attr("id", cell.id);
    w.open("memory").attr("unit", "KiB").text(std::to_string(cell.memory_kib)).close();
    for (const CapsPages& p : cell.pages) formatPages(w, p);
    if (!cell.distances.empty()) {
        w.open("distances");
        for (const CapsCellDistance& d : cell.distances)
            w.open("sibling").attr("id", d.id).attr("value", d.value).close();
        w.close();
    }
    xml::Writer head;
    head.open("cpus").attr("num", static_cast<unsigned>(cell.cpus.size())).close();
    xml::Writer body(1);
    for (const CapsCellCpu& c : cell.cpus) {
        body.open("cpu").attr("id", c.id);
        if (c.socket_id) {
            body.attr("socket_id", *c.socket_id).attr("die_id", c.die_id.value_or(0));
            body.attr("core_id", c.core_id.value_or(0)).attr("siblings", c.siblings);
        }
        body.close();
    }
    writeExpanded(w, head, body);
    w.close();
}

void formatMonitor(xml::Writer& w, const CapsMonitor& m, bool cache) {
    w.open("monitor");
    if (cache) w.attr("level", m.level);
    w.attrIf("reuseThreshold", m.reuse_threshold);
    w.attr("maxMonitors", m.max_monitors);
    for (const std::string& f : m.features) w.open("feature").attr("name", f).close();
    w.close();
}

void formatCacheAndBandwidth(xml::Writer& w, const CapsHost& h) {
    if (!h.cache_banks.empty() || h.cache_monitor) {
        w.open("cache");
        for (const CapsCacheBank& b : h.cache_banks) {
            w.open("bank")
                .attr("id", b.id)
                .attr("level", b.level)
                .attr("type", b.type)
                .attr("size", b.size);
            w.attr("unit", b.unit).attr("cpus", b.cpus);
            for (const CapsCacheControl& c : b.controls) {
                w.open("control").attr("granularity", c.granularity);
                w.attrIf("min", c.min);
                w.attr("unit", c.unit).attr("type", c.type).attr("maxAllocs", c.max_allocs).close();
            }
            w.close();
        }
        if (h.cache_monitor) formatMonitor(w, *h.cache_monitor, true);
        w.close();
    }
    if (!h.memory_bandwidth.empty() || h.memory_bandwidth_monitor) {
        w.open("memory_bandwidth");
        for (const CapsMemoryBandwidthNode& n : h.memory_bandwidth) {
            w.open("node").attr("id", n.id).attr("cpus", n.cpus);
            if (n.granularity) {
                w.open("control").attr("granularity", *n.granularity);
                w.attrIf("min", n.min).attrIf("maxAllocs", n.max_allocs);
                w.close();
            }
            w.close();
        }
        if (h.memory_bandwidth_monitor) formatMonitor(w, *h.memory_bandwidth_monitor, false);
        w.close();
    }
}

void formatHost(xml::Writer& w, const CapsHost& h) {
    w.open("host");
    if (h.uuid) w.textElement("uuid", h.uuid->toString());
    formatHostCpu(w, h.cpu);
    w.open("power_management");
    if (h.suspend_mem) w.open("suspend_mem").close();
    if (h.suspend_disk) w.open("suspend_disk").close();
    if (h.suspend_hybrid) w.open("suspend_hybrid").close();
    w.close();
    if (h.iommu) w.open("iommu").attr("support", *h.iommu ? "yes" : "no").close();
    if (h.has_migration_features) {
        w.open("migration_features");
        if (h.migration_live) w.open("live").close();
        if (!h.migration_uri_transports.empty()) {
            w.open("uri_transports");
            for (const std::string& t : h.migration_uri_transports)
                w.textElement("uri_transport", t);
            w.close();
        }
        w.close();
    }
    if (h.netprefix) w.textElement("netprefix", *h.netprefix);
    if (h.has_numa) {
        w.open("topology");
        xml::Writer head;
        head.open("cells").attr("num", static_cast<unsigned>(h.cells.size())).close();
        xml::Writer body(1);
        for (const CapsNumaCell& c : h.cells) formatCell(body, c);
        writeExpanded(w, head, body);
        w.close();
    }
    formatCacheAndBandwidth(w, h);
    for (const CapsSecModel& s : h.secmodels) {
        w.open("secmodel");
        w.textElement("model", s.model).textElement("doi", s.doi);
        for (const auto& [type, label] : s.base_labels)
            w.open("baselabel").attr("type", type).text(label).close();
        w.close();
    }
    w.close();
}

void formatMachines(xml::Writer& w, const std::vector<CapsMachine>& machines) {
    for (const CapsMachine& m : machines) {
        w.open("machine");
        w.attrIf("canonical", m.canonical).attrIf("maxCpus", m.max_cpus);
        if (m.deprecated) w.attr("deprecated", "yes");
        w.text(m.name).close();
    }
}

void formatGuest(xml::Writer& w, const CapsGuest& g) {
    w.open("guest");
    w.textElement("os_type", g.os_type);
    w.open("arch").attr("name", g.arch);
    w.textElement("wordsize", std::to_string(g.wordsize));
    if (g.emulator) w.textElement("emulator", *g.emulator);
    if (g.loader) w.textElement("loader", *g.loader);
    formatMachines(w, g.machines);
    for (const CapsGuestDomain& d : g.domains) {
        w.open("domain").attr("type", d.type);
        if (d.emulator) w.textElement("emulator", *d.emulator);
        formatMachines(w, d.machines);
        w.close();
    }
    w.close();
    if (!g.features.empty()) {
        w.open("features");
        for (const CapsGuestFeature& f : g.features) {
            w.open(f.name);
            if (f.default_on) w.attr("default", *f.default_on ? "on" : "off");
            if (f.toggle) w.attr("toggle", *f.toggle ? "yes" : "no");
            w.close();
        }
        w.close();
    }
    w.close();
}

}  // namespace

std::string formatCapabilitiesXml(const Capabilities& caps, unsigned flags) {
    (void)flags;
    // libvirt separates the host and each guest block with an empty line.
    std::string out = "<capabilities>\n\n";
    xml::Writer host(1);
    formatHost(host, caps.host);
    out += host.str();
    out += '\n';
    for (const CapsGuest& g : caps.guests) {
        xml::Writer guest(1);
        formatGuest(guest, g);
        out += guest.str();
        out += '\n';
    }
    out += "</capabilities>\n";
    return out;
}

CapsGuest& addCapsGuest(Capabilities& caps, std::string os_type, std::string arch,
                        unsigned wordsize, std::optional<std::string> emulator) {
    CapsGuest& g = caps.guests.emplace_back();
    g.os_type = std::move(os_type);
    g.arch = std::move(arch);
    g.wordsize = wordsize;
    g.emulator = std::move(emulator);
    return g;
}

CapsGuestDomain& addCapsGuestDomain(CapsGuest& guest, std::string type) {
    CapsGuestDomain& d = guest.domains.emplace_back();
    d.type = std::move(type);
    return d;
}

void addCapsGuestFeature(CapsGuest& guest, std::string name, std::optional<bool> default_on,
                         std::optional<bool> toggle) {
    guest.features.push_back({std::move(name), default_on, toggle});
}

std::string formatCpuSet(const std::set<unsigned>& cpus) {
    std::string out;
    for (auto it = cpus.begin(); it != cpus.end();) {
        unsigned start = *it, end = start;
        auto next = std::next(it);
        while (next != cpus.end() && *next == end + 1) {
            end = *next;
            ++next;
        }
        if (!out.empty()) out += ',';
        out += end == start ? std::to_string(start) : fmt::format("{}-{}", start, end);
        it = next;
    }
    return out;
}

}  // namespace nodevirt::conf
