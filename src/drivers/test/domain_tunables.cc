// DomainConfigOps of the test driver, tunables: the fixed "fair" scheduler, memory and blkio
// tuning stored in the definition (<memtune>, <blkiotune>), NUMA tuning, perf events and
// guest passwords.
#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/domain_impact.h"
#include "drivers/test/facets.h"
#include "drivers/test/test_domain_private.h"
#include "util/strings.h"

namespace nodevirt::drivers::test {
namespace {

constexpr uint64_t kUnlimited = 9007199254740991ULL;  // VIR_DOMAIN_MEMORY_PARAM_UNLIMITED
constexpr unsigned kStringOkay = lv::kTypedParamStringOkay;
constexpr unsigned kAffect = lv::kDomainAffectLive | lv::kDomainAffectConfig;

constexpr std::string_view kPerfEvents[] = {
    "cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references", "cache_misses",
    "branch_instructions", "branch_misses", "bus_cycles", "stalled_cycles_frontend",
    "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock", "task_clock", "page_faults",
    "context_switches", "cpu_migrations", "page_faults_min", "page_faults_maj", "alignment_faults",
    "emulation_faults"};

Error badParam(const TypedParam& p) {
    return Error::make(ErrorCode::kArgumentUnsupported, ErrorDomain::kNone,
                       fmt::format("parameter '{}' not supported", p.field));
}

Error badType(const TypedParam& p, std::string_view expected) {
    return invalidArg(fmt::format("invalid type for parameter '{}', expected '{}'", p.field, expected));
}

Result<uint64_t> asUllong(const TypedParam& p) {
    if (auto v = std::get_if<uint64_t>(&p.value)) return *v;
    return fail(badType(p, "ullong"));
}

Result<uint32_t> asUint(const TypedParam& p) {
    if (auto v = std::get_if<uint32_t>(&p.value)) return *v;
    return fail(badType(p, "uint"));
}

Result<std::string> asString(const TypedParam& p) {
    if (auto v = std::get_if<std::string>(&p.value)) return *v;
    return fail(badType(p, "string"));
}

uint64_t limitOf(const std::optional<uint64_t>& v) { return v ? *v : kUnlimited; }

Status applyMemTune(conf::MemTune& t, const TypedParams& params) {
    for (const auto& p : params) {
        std::optional<uint64_t>* slot = nullptr;
        if (p.field == "hard_limit") slot = &t.hard_limit;
        else if (p.field == "soft_limit") slot = &t.soft_limit;
        else if (p.field == "swap_hard_limit") slot = &t.swap_hard_limit;
        else return fail(badParam(p));
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t v, asUllong(p));
        if (v >= kUnlimited) slot->reset();
        else *slot = v;
    }
    if (t.hard_limit && t.swap_hard_limit && *t.hard_limit > *t.swap_hard_limit) {
        return fail(invalidArg("memory hard_limit tunable value must be lower than or equal to swap_hard_limit"));
    }
    return ok();
}

// "path,value,path,value" as blkiotune device entries.
Status applyBlkioDevices(conf::BlkioTune& t, const TypedParam& p) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, asString(p));
    std::vector<std::string> parts = text.empty() ? std::vector<std::string>{} : str::split(text, ',');
    if (parts.size() % 2) return fail(invalidArg(fmt::format("unable to parse blkio device '{}'", text)));
    for (size_t i = 0; i < parts.size(); i += 2) {
        auto value = str::parseUint64(parts[i + 1]);
        if (!value) return fail(invalidArg(fmt::format("invalid value '{}' for parameter '{}'", parts[i + 1], p.field)));
        auto it = std::find_if(t.devices.begin(), t.devices.end(),
                               [&](const conf::BlkioDevice& d) { return d.path == parts[i]; });
        conf::BlkioDevice& dev = it != t.devices.end() ? *it : t.devices.emplace_back();
        dev.path = parts[i];
        if (p.field == "device_weight") dev.weight = static_cast<uint32_t>(*value);
        else if (p.field == "device_read_iops_sec") dev.read_iops_sec = *value;
        else if (p.field == "device_write_iops_sec") dev.write_iops_sec = *value;
        else if (p.field == "device_read_bytes_sec") dev.read_bytes_sec = *value;
        else dev.write_bytes_sec = *value;
    }
    return ok();
}

Status applyBlkio(conf::BlkioTune& t, const TypedParams& params) {
    for (const auto& p : params) {
        if (p.field == "weight") {
            NODEVIRT_ASSIGN_OR_RETURN(uint32_t w, asUint(p));
            t.weight = w;
        } else if (p.field == "device_weight" || p.field == "device_read_iops_sec" ||
                   p.field == "device_write_iops_sec" || p.field == "device_read_bytes_sec" ||
                   p.field == "device_write_bytes_sec") {
            NODEVIRT_TRY(applyBlkioDevices(t, p));
        } else {
            return fail(badParam(p));
        }
    }
    return ok();
}

std::string blkioDevices(const conf::BlkioTune& t, const std::string& field) {
    std::vector<std::string> out;
    for (const auto& d : t.devices) {
        std::optional<uint64_t> v;
        if (field == "device_weight" && d.weight) v = *d.weight;
        else if (field == "device_read_iops_sec") v = d.read_iops_sec;
        else if (field == "device_write_iops_sec") v = d.write_iops_sec;
        else if (field == "device_read_bytes_sec") v = d.read_bytes_sec;
        else if (field == "device_write_bytes_sec") v = d.write_bytes_sec;
        if (v) out.push_back(fmt::format("{},{}", d.path, *v));
    }
    return str::join(out, ",");
}

// Applies `fn` to the definitions `flags` selects and publishes them.
Status changeDefs(TestContext& ctx, const DomainRef& dom, unsigned flags,
                  const std::function<Status(conf::DomainDef&)>& fn) {
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx.state(), dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, defsImpact(v, flags));
    std::shared_ptr<conf::DomainDef> live, config;
    if (impact.live) {
        live = copyDef(v.def);
        NODEVIRT_TRY(fn(*live));
    }
    if (impact.config) {
        config = copyDef(v.inactiveDef());
        NODEVIRT_TRY(fn(*config));
    }
    if (live) job->setDef(job, std::move(live));
    if (config) Impact::publishConfig(job, std::move(config));
    return ok();
}

Result<core::DomainDefPtr> readDef(TestContext& ctx, const DomainRef& dom, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx.state(), dom));
    core::DomainView v = obj->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, oneDefImpact(v, flags));
    return impact.target(v);
}

}  // namespace

Result<std::pair<std::string, int>> TestDomainConfig::getSchedulerType(const DomainRef& dom) {
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return std::make_pair(std::string("fair"), 1);
}

Result<TypedParams> TestDomainConfig::getSchedulerParameters(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags & ~kStringOkay, 0, "testDomainGetSchedulerParametersFlags"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return TypedParams{{"weight", uint32_t{50}}};
}

Status TestDomainConfig::setSchedulerParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testDomainSetSchedulerParametersFlags"));
    for (const auto& p : params) {
        if (p.field != "weight") return fail(badParam(p));
        NODEVIRT_TRY(asUint(p));
    }
    // The test scheduler has a fixed weight; accepted values change nothing.
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return ok();
}

Result<TypedParams> TestDomainConfig::getMemoryParameters(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect | kStringOkay, "testDomainGetMemoryParameters"));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, readDef(ctx_, dom, flags & kAffect));
    const conf::MemTune empty;
    const conf::MemTune& t = def->extras ? def->extras->memtune : empty;
    return TypedParams{{"hard_limit", limitOf(t.hard_limit)},
                       {"soft_limit", limitOf(t.soft_limit)},
                       {"swap_hard_limit", limitOf(t.swap_hard_limit)}};
}

Status TestDomainConfig::setMemoryParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect, "testDomainSetMemoryParameters"));
    return changeDefs(ctx_, dom, flags, [&](conf::DomainDef& def) {
        return applyMemTune(def.mutExt().memtune, params);
    });
}

Result<TypedParams> TestDomainConfig::getBlkioParameters(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect | kStringOkay, "testDomainGetBlkioParameters"));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, readDef(ctx_, dom, flags & kAffect));
    const conf::BlkioTune empty;
    const conf::BlkioTune& t = def->extras ? def->extras->blkiotune : empty;
    TypedParams out{{"weight", t.weight.value_or(0)}};
    for (const char* f : {"device_weight", "device_read_iops_sec", "device_write_iops_sec", "device_read_bytes_sec",
                          "device_write_bytes_sec"}) {
        out.push_back({f, blkioDevices(t, f)});
    }
    return out;
}

Status TestDomainConfig::setBlkioParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect, "testDomainSetBlkioParameters"));
    return changeDefs(ctx_, dom, flags, [&](conf::DomainDef& def) {
        return applyBlkio(def.mutExt().blkiotune, params);
    });
}

Result<TypedParams> TestDomainConfig::getNumaParameters(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect | kStringOkay, "testDomainGetNumaParameters"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    NODEVIRT_TRY(oneDefImpact(obj->view(), flags & kAffect));
    NumaTuning numa = domainNuma(*obj);
    return TypedParams{{"numa_mode", numa.mode}, {"numa_nodeset", numa.nodeset}};
}

Status TestDomainConfig::setNumaParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect, "testDomainSetNumaParameters"));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    NODEVIRT_TRY(defsImpact(job->view(), flags));
    NumaTuning numa = domainNuma(job.obj());
    for (const auto& p : params) {
        if (p.field == "numa_mode") {
            auto v = std::get_if<int32_t>(&p.value);
            if (!v) return fail(badType(p, "int"));
            if (*v < 0 || *v > static_cast<int>(lv::kDomainNumatuneMemRestrictive)) {
                return fail(invalidArg(fmt::format("unsupported numatune mode: '{}'", *v)));
            }
            numa.mode = *v;
        } else if (p.field == "numa_nodeset") {
            NODEVIRT_ASSIGN_OR_RETURN(std::string set, asString(p));
            if (!set.empty() && !conf::CpuSet::parse(set)) {
                return fail(invalidArg(fmt::format("Invalid nodeset of 'numatune': {}", set)));
            }
            numa.nodeset = set;
        } else {
            return fail(badParam(p));
        }
    }
    setDomainNuma(job, numa);
    return ok();
}

Result<TypedParams> TestDomainConfig::getPerfEvents(const DomainRef& dom, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, kAffect | kStringOkay, "testDomainGetPerfEvents"));
    NODEVIRT_ASSIGN_OR_RETURN(auto def, readDef(ctx_, dom, flags & kAffect));
    TypedParams out;
    for (auto name : kPerfEvents) out.push_back({std::string(name), false});
    return out;
}

Status TestDomainConfig::setUserPassword(const DomainRef& dom, const std::string& /*user*/,
                                         const std::string& /*password*/, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kDomainPasswordEncrypted, "testDomainSetUserPassword"));
    NODEVIRT_ASSIGN_OR_RETURN(auto obj, findDomain(ctx_.state(), dom));
    return checkActive(*obj);
}

}  // namespace nodevirt::drivers::test
