#include "conf/domain/tuning.h"

#include <fmt/format.h>

#include <algorithm>

namespace nodevirt::conf {
namespace {

// libvirt's "unlimited" memory tuning value (VIR_DOMAIN_MEMORY_PARAM_UNLIMITED).
constexpr uint64_t kUnlimitedKiB = (uint64_t{1} << 53) - 1;

Status readLimit(Elem& e, std::string_view name, std::optional<uint64_t>& out) {
    NODEVIRT_ASSIGN_OR_RETURN(auto v, parseScaledKiB(e, name, kUnlimitedKiB));
    if (v && *v < kUnlimitedKiB) out = v;
    return ok();
}

Result<CpuSet> cpusetAttr(Elem& e, std::string_view name) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, e.requiredAttr(name));
    auto set = CpuSet::parse(text);
    if (!set)
        return fail(invalidArg(fmt::format("Failed to parse bitmap '{}' (element {}, line {})",
                                           text, e.node().path(), e.node().line())));
    if (set->empty())
        return fail(e.unsupported(fmt::format("Invalid value of '{}': {}", name, text)));
    return std::move(*set);
}

Status checkRange(const Elem& e, std::string_view name, std::optional<uint64_t> v, uint64_t lo,
                  uint64_t hi) {
    if (v && *v != 0 && (*v < lo || *v > hi))
        return fail(e.unsupported(
            fmt::format("Value of cputune '{}' must be in range [{}, {}]", name, lo, hi)));
    return ok();
}

Status checkQuota(const Elem& e, std::string_view name, std::optional<int64_t> v) {
    constexpr int64_t kMax = 17592186044415;
    if (v && *v != 0 && *v != -1 && (*v < 1000 || *v > kMax))
        return fail(e.unsupported(
            fmt::format("Value of cputune '{}' must be in range [1000, {}]", name, kMax)));
    return ok();
}

Status parseVcpuPins(Elem& e, CpuTune& out) {
    NODEVIRT_ASSIGN_OR_RETURN(auto pins, e.children("vcpupin"));
    for (Elem& p : pins) {
        NODEVIRT_ASSIGN_OR_RETURN(auto vcpu, p.uint32Attr("vcpu"));
        if (!vcpu) return fail(p.error("missing vcpu id in vcpupin"));
        NODEVIRT_ASSIGN_OR_RETURN(CpuSet set, cpusetAttr(p, "cpuset"));
        NODEVIRT_TRY(p.done());
        for (const auto& existing : out.vcpupins)
            if (existing.vcpu == *vcpu)
                return fail(internalError(fmt::format("duplicate vcpupin for vcpu '{}'", *vcpu)));
        out.vcpupins.push_back({*vcpu, std::move(set)});
    }
    std::sort(out.vcpupins.begin(), out.vcpupins.end(),
              [](const VcpuPin& a, const VcpuPin& b) { return a.vcpu < b.vcpu; });
    NODEVIRT_ASSIGN_OR_RETURN(auto iopins, e.children("iothreadpin"));
    for (Elem& p : iopins) {
        NODEVIRT_ASSIGN_OR_RETURN(auto id, p.uint32Attr("iothread"));
        if (!id || *id == 0) return fail(p.error("invalid iothread id in iothreadpin"));
        NODEVIRT_ASSIGN_OR_RETURN(CpuSet set, cpusetAttr(p, "cpuset"));
        NODEVIRT_TRY(p.done());
        out.iothreadpins.push_back({*id, std::move(set)});
    }
    return ok();
}

}  // namespace

bool CpuTune::empty() const {
    return !shares && !period && !quota && !global_period && !global_quota && !emulator_period &&
           !emulator_quota && !iothread_period && !iothread_quota && vcpupins.empty() &&
           !emulatorpin && iothreadpins.empty();
}

Status parseMemTune(Elem& e, MemTune& out) {
    NODEVIRT_TRY(readLimit(e, "hard_limit", out.hard_limit));
    NODEVIRT_TRY(readLimit(e, "soft_limit", out.soft_limit));
    NODEVIRT_TRY(readLimit(e, "min_guarantee", out.min_guarantee));
    NODEVIRT_TRY(readLimit(e, "swap_hard_limit", out.swap_hard_limit));
    return e.done();
}

Status parseBlkioTune(Elem& e, BlkioTune& out) {
    NODEVIRT_ASSIGN_OR_RETURN(auto weight, e.leafUint("weight"));
    if (weight) {
        if (*weight > UINT32_MAX) return fail(e.error("blkiotune weight out of range"));
        out.weight = static_cast<uint32_t>(*weight);
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto devices, e.children("device"));
    for (Elem& d : devices) {
        BlkioDevice dev;
        NODEVIRT_ASSIGN_OR_RETURN(auto path, d.leafText("path"));
        if (!path) return fail(d.error("missing <path> in blkiotune device"));
        dev.path = std::move(*path);
        NODEVIRT_ASSIGN_OR_RETURN(auto w, d.leafUint("weight"));
        if (w) {
            if (*w > UINT32_MAX) return fail(d.error("blkiotune device weight out of range"));
            dev.weight = static_cast<uint32_t>(*w);
        }
        NODEVIRT_ASSIGN_OR_RETURN(dev.read_iops_sec, d.leafUint("read_iops_sec"));
        NODEVIRT_ASSIGN_OR_RETURN(dev.write_iops_sec, d.leafUint("write_iops_sec"));
        NODEVIRT_ASSIGN_OR_RETURN(dev.read_bytes_sec, d.leafUint("read_bytes_sec"));
        NODEVIRT_ASSIGN_OR_RETURN(dev.write_bytes_sec, d.leafUint("write_bytes_sec"));
        NODEVIRT_TRY(d.done());
        out.devices.push_back(std::move(dev));
    }
    return e.done();
}

Status parseCpuTune(Elem& e, CpuTune& out) {
    NODEVIRT_ASSIGN_OR_RETURN(out.shares, e.leafUint("shares"));
    NODEVIRT_ASSIGN_OR_RETURN(out.period, e.leafUint("period"));
    NODEVIRT_ASSIGN_OR_RETURN(out.quota, e.leafInt("quota"));
    NODEVIRT_ASSIGN_OR_RETURN(out.global_period, e.leafUint("global_period"));
    NODEVIRT_ASSIGN_OR_RETURN(out.global_quota, e.leafInt("global_quota"));
    NODEVIRT_ASSIGN_OR_RETURN(out.emulator_period, e.leafUint("emulator_period"));
    NODEVIRT_ASSIGN_OR_RETURN(out.emulator_quota, e.leafInt("emulator_quota"));
    NODEVIRT_ASSIGN_OR_RETURN(out.iothread_period, e.leafUint("iothread_period"));
    NODEVIRT_ASSIGN_OR_RETURN(out.iothread_quota, e.leafInt("iothread_quota"));
    NODEVIRT_TRY(checkRange(e, "shares", out.shares, 2, 262144));
    NODEVIRT_TRY(checkRange(e, "period", out.period, 1000, 1000000));
    NODEVIRT_TRY(checkRange(e, "global_period", out.global_period, 1000, 1000000));
    NODEVIRT_TRY(checkRange(e, "emulator_period", out.emulator_period, 1000, 1000000));
    NODEVIRT_TRY(checkRange(e, "iothread_period", out.iothread_period, 1000, 1000000));
    NODEVIRT_TRY(checkQuota(e, "quota", out.quota));
    NODEVIRT_TRY(checkQuota(e, "global_quota", out.global_quota));
    NODEVIRT_TRY(checkQuota(e, "emulator_quota", out.emulator_quota));
    NODEVIRT_TRY(checkQuota(e, "iothread_quota", out.iothread_quota));
    NODEVIRT_TRY(parseVcpuPins(e, out));
    NODEVIRT_ASSIGN_OR_RETURN(auto emulatorpins, e.children("emulatorpin"));
    if (emulatorpins.size() > 1) return fail(e.error("only one emulatorpin is supported"));
    if (!emulatorpins.empty()) {
        NODEVIRT_ASSIGN_OR_RETURN(out.emulatorpin, cpusetAttr(emulatorpins[0], "cpuset"));
        NODEVIRT_TRY(emulatorpins[0].done());
    }
    return e.done();
}

Status parseIothreadIds(Elem& e, IothreadsDef& out) {
    NODEVIRT_ASSIGN_OR_RETURN(auto threads, e.children("iothread"));
    for (Elem& t : threads) {
        NODEVIRT_ASSIGN_OR_RETURN(auto id, t.uint32Attr("id"));
        if (!id) return fail(t.error("missing 'id' attribute in iothread"));
        if (*id == 0) return fail(t.error("invalid iothread id '0': zero is not permitted"));
        if (std::find(out.ids.begin(), out.ids.end(), *id) != out.ids.end())
            return fail(t.error(fmt::format("duplicate iothread id '{}' found", *id)));
        NODEVIRT_TRY(t.done());
        out.ids.push_back(*id);
    }
    return e.done();
}

Status parseResource(Elem& e, ResourceDef& out) {
    NODEVIRT_ASSIGN_OR_RETURN(out.partition, e.leafText("partition"));
    return e.done();
}

Status parseNumaTune(Elem& e, NumaTune& out) {
    if (Elem m = e.child("memory")) {
        out.has_memory = true;
        NODEVIRT_ASSIGN_OR_RETURN(auto mode, m.enumAttr("mode", kNumaModes));
        out.mode = mode.value_or(NumaMode::kStrict);
        auto placement = m.attr("placement");
        if (placement && *placement != "static" && *placement != "auto")
            return fail(m.badValue("placement", *placement, "'static' or 'auto'"));
        if (auto nodeset = m.attr("nodeset")) {
            out.nodeset = CpuSet::parse(*nodeset);
            if (!out.nodeset || out.nodeset->empty())
                return fail(m.badValue("nodeset", *nodeset, "a NUMA node list"));
        }
        // A nodeset means static placement unless auto is asked for explicitly.
        out.placement_auto = placement ? *placement == "auto" : !out.nodeset;
        if (out.placement_auto) out.nodeset.reset();
        NODEVIRT_TRY(m.done());
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto nodes, e.children("memnode", 256));
    for (Elem& n : nodes) {
        NumaMemNode mn;
        NODEVIRT_ASSIGN_OR_RETURN(auto cellid, n.uint32Attr("cellid"));
        if (!cellid) return fail(n.error("Missing required cellid attribute in memnode element"));
        mn.cellid = *cellid;
        NODEVIRT_ASSIGN_OR_RETURN(auto mode, n.enumAttr("mode", kNumaModes));
        mn.mode = mode.value_or(NumaMode::kStrict);
        NODEVIRT_ASSIGN_OR_RETURN(std::string nodeset, n.requiredAttr("nodeset"));
        auto set = CpuSet::parse(nodeset);
        if (!set || set->empty()) return fail(n.badValue("nodeset", nodeset, "a NUMA node list"));
        mn.nodeset = std::move(*set);
        NODEVIRT_TRY(n.done());
        out.memnodes.push_back(std::move(mn));
    }
    return e.done();
}

void formatNumaTune(xml::Writer& w, const NumaTune& t) {
    if (t.empty()) return;
    w.open("numatune");
    if (t.has_memory) {
        w.open("memory").attr("mode", kNumaModes.name(t.mode));
        if (t.placement_auto)
            w.attr("placement", "auto");
        else if (t.nodeset)
            w.attr("nodeset", t.nodeset->toString());
        w.close();
    }
    for (const auto& n : t.memnodes) {
        w.open("memnode").attr("cellid", n.cellid).attr("mode", kNumaModes.name(n.mode));
        w.attr("nodeset", n.nodeset.toString()).close();
    }
    w.close();
}

void formatMemTune(xml::Writer& w, const MemTune& t) {
    if (t.empty()) return;
    w.open("memtune");
    auto limit = [&](std::string_view name, const std::optional<uint64_t>& v) {
        if (v) w.open(name).attr("unit", "KiB").text(fmt::format("{}", *v)).close();
    };
    limit("hard_limit", t.hard_limit);
    limit("soft_limit", t.soft_limit);
    limit("min_guarantee", t.min_guarantee);
    limit("swap_hard_limit", t.swap_hard_limit);
    w.close();
}

void formatBlkioTune(xml::Writer& w, const BlkioTune& t) {
    if (t.empty()) return;
    w.open("blkiotune");
    if (t.weight) w.textElement("weight", fmt::format("{}", *t.weight));
    for (const auto& d : t.devices) {
        w.open("device").textElement("path", d.path);
        if (d.weight) w.textElement("weight", fmt::format("{}", *d.weight));
        auto num = [&](std::string_view name, const std::optional<uint64_t>& v) {
            if (v) w.textElement(name, fmt::format("{}", *v));
        };
        num("read_iops_sec", d.read_iops_sec);
        num("write_iops_sec", d.write_iops_sec);
        num("read_bytes_sec", d.read_bytes_sec);
        num("write_bytes_sec", d.write_bytes_sec);
        w.close();
    }
    w.close();
}

void formatCpuTune(xml::Writer& w, const CpuTune& t) {
    if (t.empty()) return;
    w.open("cputune");
    auto unum = [&](std::string_view name, const std::optional<uint64_t>& v) {
        if (v) w.textElement(name, fmt::format("{}", *v));
    };
    auto snum = [&](std::string_view name, const std::optional<int64_t>& v) {
        if (v) w.textElement(name, fmt::format("{}", *v));
    };
    unum("shares", t.shares);
    unum("period", t.period);
    snum("quota", t.quota);
    unum("global_period", t.global_period);
    snum("global_quota", t.global_quota);
    unum("emulator_period", t.emulator_period);
    snum("emulator_quota", t.emulator_quota);
    unum("iothread_period", t.iothread_period);
    snum("iothread_quota", t.iothread_quota);
    for (const auto& p : t.vcpupins)
        w.open("vcpupin").attr("vcpu", p.vcpu).attr("cpuset", p.cpuset.toString()).close();
    if (t.emulatorpin) w.open("emulatorpin").attr("cpuset", t.emulatorpin->toString()).close();
    for (const auto& p : t.iothreadpins)
        w.open("iothreadpin")
            .attr("iothread", p.iothread)
            .attr("cpuset", p.cpuset.toString())
            .close();
    w.close();
}

void formatIothreads(xml::Writer& w, const IothreadsDef& t) {
    if (t.count == 0 && t.ids.empty()) return;
    w.textElement("iothreads", fmt::format("{}", std::max<size_t>(t.count, t.ids.size())));
    if (t.ids.empty()) return;
    w.open("iothreadids");
    for (uint32_t id : t.ids) w.open("iothread").attr("id", id).close();
    w.close();
}

void formatResource(xml::Writer& w, const ResourceDef& r) {
    if (!r.partition) return;
    w.open("resource").textElement("partition", *r.partition).close();
}

}  // namespace nodevirt::conf
