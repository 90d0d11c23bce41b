#include "conf/domain/cpu.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

Status parseModel(Elem& e, CpuDef& out) {
    Elem m = e.child("model");
    if (!m) return ok();
    NODEVIRT_ASSIGN_OR_RETURN(out.fallback, m.enumAttr("fallback", kCpuFallbacks));
    out.vendor_id = m.attr("vendor_id");
    if (out.vendor_id && out.vendor_id->size() != 12)
        return fail(m.badValue("vendor_id", *out.vendor_id, "exactly 12 characters"));
    NODEVIRT_TRY(m.done());
    // A model only applies to custom CPUs; host-model ignores it.
    if (out.mode.value_or(CpuMode::kCustom) != CpuMode::kCustom) {
        out.fallback.reset();
        out.vendor_id.reset();
        return ok();
    }
    std::string name = m.text();
    if (!name.empty()) out.model = std::move(name);
    return ok();
}

Status parseTopology(Elem& e, CpuDef& out) {
    Elem t = e.child("topology");
    if (!t) return ok();
    CpuTopology topo;
    struct Field {
        std::string_view name;
        uint32_t* dest;
        bool required;
    };
    for (Field f : {Field{"sockets", &topo.sockets, true}, Field{"dies", &topo.dies, false},
                    Field{"cores", &topo.cores, true}, Field{"threads", &topo.threads, true}}) {
        NODEVIRT_ASSIGN_OR_RETURN(auto v, t.uint32Attr(f.name));
        if (!v && f.required)
            return fail(t.error(fmt::format("Missing '{}' attribute in CPU topology", f.name)));
        if (v && *v == 0)
            return fail(t.error(fmt::format("Invalid '{}' value in CPU topology", f.name)));
        if (v) *f.dest = *v;
    }
    NODEVIRT_TRY(t.done());
    out.topology = topo;
    return ok();
}

Status parseFeatureList(Elem& e, CpuDef& out) {
    NODEVIRT_ASSIGN_OR_RETURN(auto features, e.children("feature"));
    for (Elem& f : features) {
        CpuFeature cf;
        NODEVIRT_ASSIGN_OR_RETURN(auto policy, f.enumAttr("policy", kCpuFeaturePolicies));
        cf.policy = policy.value_or(CpuFeaturePolicy::kRequire);
        NODEVIRT_ASSIGN_OR_RETURN(cf.name, f.requiredAttr("name"));
        NODEVIRT_TRY(f.done());
        for (const auto& existing : out.features)
            if (existing.name == cf.name)
                return fail(
                    f.error(fmt::format("CPU feature '{}' specified more than once", cf.name)));
        out.features.push_back(std::move(cf));
    }
    return ok();
}

Status parseNuma(Elem& e, CpuDef& out) {
    Elem numa = e.child("numa");
    if (!numa) return ok();
    NODEVIRT_ASSIGN_OR_RETURN(auto cells, numa.children("cell", 256));
    for (size_t i = 0; i < cells.size(); ++i) {
        Elem& c = cells[i];
        NumaCell cell;
        NODEVIRT_ASSIGN_OR_RETURN(auto id, c.uint32Attr("id"));
        cell.id = id.value_or(static_cast<uint32_t>(i));
        if (cell.id != i)
            return fail(c.error("NUMA cells must be given in order, with ids starting at 0"));
        if (auto cpus = c.attr("cpus")) {
            cell.cpus = CpuSet::parse(*cpus);
            if (!cell.cpus || cell.cpus->empty())
                return fail(c.badValue("cpus", *cpus, "a CPU list"));
        }
        NODEVIRT_ASSIGN_OR_RETURN(auto mem, parseScaledAttrKiB(c, "memory", "unit"));
        if (!mem) return fail(c.error("missing 'memory' attribute in NUMA cell"));
        cell.memory_kib = *mem;
        NODEVIRT_ASSIGN_OR_RETURN(cell.mem_access, c.enumAttr("memAccess", kMemAccessModes));
        NODEVIRT_ASSIGN_OR_RETURN(cell.discard, c.yesNoAttr("discard"));
        NODEVIRT_TRY(c.done());
        out.cells.push_back(std::move(cell));
    }
    return numa.done();
}

}  // namespace

Status parseCpu(Elem& e, CpuDef& out) {
    NODEVIRT_ASSIGN_OR_RETURN(out.mode, e.enumAttr("mode", kCpuModes));
    NODEVIRT_ASSIGN_OR_RETURN(out.match, e.enumAttr("match", kCpuMatches));
    NODEVIRT_ASSIGN_OR_RETURN(out.check, e.enumAttr("check", kCpuChecks));
    NODEVIRT_ASSIGN_OR_RETURN(out.migratable, e.onOffAttr("migratable"));
    NODEVIRT_TRY(parseModel(e, out));
    NODEVIRT_ASSIGN_OR_RETURN(out.vendor, e.leafText("vendor"));
    if (out.vendor && !out.model) return fail(e.error("CPU vendor specified without CPU model"));
    NODEVIRT_TRY(parseTopology(e, out));
    NODEVIRT_TRY(parseFeatureList(e, out));
    NODEVIRT_TRY(parseNuma(e, out));
    if (out.model) {
        if (!out.mode) out.mode = CpuMode::kCustom;
        if (!out.match) out.match = CpuMatch::kExact;
        if (!out.fallback) out.fallback = CpuFallback::kAllow;
    }
    if (out.mode && *out.mode != CpuMode::kCustom) out.match.reset();
    return e.done();
}

void formatCpu(xml::Writer& w, const CpuDef& c) {
    w.open("cpu");
    if (c.mode) w.attr("mode", kCpuModes.name(*c.mode));
    if (c.match) w.attr("match", kCpuMatches.name(*c.match));
    if (c.check) w.attr("check", kCpuChecks.name(*c.check));
    if (c.migratable) w.attr("migratable", *c.migratable ? "on" : "off");
    if (c.model) {
        w.open("model");
        if (c.fallback) w.attr("fallback", kCpuFallbacks.name(*c.fallback));
        if (c.vendor_id) w.attr("vendor_id", *c.vendor_id);
        w.text(*c.model).close();
    }
    if (c.vendor) w.textElement("vendor", *c.vendor);
    if (c.topology) {
        w.open("topology").attr("sockets", c.topology->sockets).attr("dies", c.topology->dies);
        w.attr("cores", c.topology->cores).attr("threads", c.topology->threads).close();
    }
    for (const auto& f : c.features)
        w.open("feature")
            .attr("policy", kCpuFeaturePolicies.name(f.policy))
            .attr("name", f.name)
            .close();
    if (!c.cells.empty()) {
        w.open("numa");
        for (const auto& cell : c.cells) {
            w.open("cell").attr("id", cell.id);
            if (cell.cpus) w.attr("cpus", cell.cpus->toString());
            w.attr("memory", cell.memory_kib).attr("unit", "KiB");
            if (cell.mem_access) w.attr("memAccess", kMemAccessModes.name(*cell.mem_access));
            if (cell.discard) w.attr("discard", *cell.discard ? "yes" : "no");
            w.close();
        }
        w.close();
    }
    w.close();
}

}  // namespace nodevirt::conf
