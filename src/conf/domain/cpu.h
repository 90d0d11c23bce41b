// The guest <cpu> section: mode, model and vendor, topology, feature policies and basic
// NUMA cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/cpu_set.h"
#include "conf/domain/enum_table.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

enum class CpuMode : uint8_t { kCustom, kHostModel, kHostPassthrough, kMaximum };
inline constexpr auto kCpuModes =
    makeEnumTable<CpuMode>("custom", "host-model", "host-passthrough", "maximum");
enum class CpuMatch : uint8_t { kMinimum, kExact, kStrict };
inline constexpr auto kCpuMatches = makeEnumTable<CpuMatch>("minimum", "exact", "strict");
enum class CpuCheck : uint8_t { kNone, kPartial, kFull };
inline constexpr auto kCpuChecks = makeEnumTable<CpuCheck>("none", "partial", "full");
enum class CpuFallback : uint8_t { kAllow, kForbid };
inline constexpr auto kCpuFallbacks = makeEnumTable<CpuFallback>("allow", "forbid");
enum class CpuFeaturePolicy : uint8_t { kForce, kRequire, kOptional, kDisable, kForbid };
inline constexpr auto kCpuFeaturePolicies =
    makeEnumTable<CpuFeaturePolicy>("force", "require", "optional", "disable", "forbid");
enum class MemAccess : uint8_t { kShared, kPrivate };
inline constexpr auto kMemAccessModes = makeEnumTable<MemAccess>("shared", "private");

struct CpuTopology {
    uint32_t sockets = 1;
    uint32_t dies = 1;
    uint32_t cores = 1;
    uint32_t threads = 1;
    friend bool operator==(const CpuTopology&, const CpuTopology&) = default;
};

struct CpuFeature {
    CpuFeaturePolicy policy = CpuFeaturePolicy::kRequire;
    std::string name;
    friend bool operator==(const CpuFeature&, const CpuFeature&) = default;
};

struct NumaCell {
    uint32_t id = 0;
    std::optional<CpuSet> cpus;
    uint64_t memory_kib = 0;
    std::optional<MemAccess> mem_access;
    std::optional<bool> discard;
    friend bool operator==(const NumaCell&, const NumaCell&) = default;
};

struct CpuDef {
    std::optional<CpuMode> mode;
    std::optional<CpuMatch> match;
    std::optional<CpuCheck> check;
    std::optional<bool> migratable;  // on/off
    std::optional<std::string> model;
    std::optional<CpuFallback> fallback;
    std::optional<std::string> vendor_id;
    std::optional<std::string> vendor;
    std::optional<CpuTopology> topology;
    std::vector<CpuFeature> features;
    std::vector<NumaCell> cells;
    friend bool operator==(const CpuDef&, const CpuDef&) = default;
};

Status parseCpu(Elem& e, CpuDef& out);
void formatCpu(xml::Writer& w, const CpuDef& cpu);

}  // namespace nodevirt::conf
