// The <features> section: hypervisor features that are either present, or switched on/off,
// plus the few with their own sub-elements (hyperv enlightenments, kvm, smm, gic, ioapic).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/enum_table.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

// In libvirt's print order.
enum class Feature : uint8_t {
    kAcpi,
    kApic,
    kPae,
    kHap,
    kViridian,
    kPrivnet,
    kHyperv,
    kKvm,
    kPvspinlock,
    kPmu,
    kVmport,
    kGic,
    kSmm,
    kIoapic,
    kVmcoreinfo,
    kHtm,
    kNestedHv,
    kMsrs,
    kCcfAssist,
    kTcg,
    kCount
};
inline constexpr auto kFeatureNames =
    makeEnumTable<Feature>("acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm",
                           "pvspinlock", "pmu", "vmport", "gic", "smm", "ioapic", "vmcoreinfo",
                           "htm", "nested-hv", "msrs", "ccf-assist", "tcg");

enum class Toggle : uint8_t { kAbsent, kOn, kOff };

enum class HypervFeature : uint8_t {
    kRelaxed,
    kVapic,
    kSpinlocks,
    kVpindex,
    kRuntime,
    kSynic,
    kStimer,
    kReset,
    kVendorId,
    kFrequencies,
    kReenlightenment,
    kTlbflush,
    kIpi,
    kEvmcs,
    kAvic,
    kCount
};
inline constexpr auto kHypervFeatureNames = makeEnumTable<HypervFeature>(
    "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset", "vendor_id",
    "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic");

enum class KvmFeature : uint8_t {
    kHidden,
    kHintDedicated,
    kPollControl,
    kPvIpi,
    kDirtyRing,
    kCount
};
inline constexpr auto kKvmFeatureNames =
    makeEnumTable<KvmFeature>("hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring");

enum class HypervMode : uint8_t { kCustom, kPassthrough };
inline constexpr auto kHypervModes = makeEnumTable<HypervMode>("custom", "passthrough");

enum class IoapicDriver : uint8_t { kKvm, kQemu };
inline constexpr auto kIoapicDrivers = makeEnumTable<IoapicDriver>("kvm", "qemu");

enum class MsrsUnknown : uint8_t { kIgnore, kFault };
inline constexpr auto kMsrsUnknown = makeEnumTable<MsrsUnknown>("ignore", "fault");

struct HypervFeatures {
    HypervMode mode = HypervMode::kCustom;
    std::array<Toggle, static_cast<size_t>(HypervFeature::kCount)> state{};
    std::optional<uint32_t> spinlock_retries;
    Toggle stimer_direct = Toggle::kAbsent;
    std::string vendor_id;
    friend bool operator==(const HypervFeatures&, const HypervFeatures&) = default;
};

struct KvmFeatures {
    std::array<Toggle, static_cast<size_t>(KvmFeature::kCount)> state{};
    std::optional<uint32_t> dirty_ring_size;
    friend bool operator==(const KvmFeatures&, const KvmFeatures&) = default;
};

struct FeaturesDef {
    std::array<Toggle, static_cast<size_t>(Feature::kCount)> state{};
    Toggle apic_eoi = Toggle::kAbsent;
    HypervFeatures hyperv;
    KvmFeatures kvm;
    std::optional<std::string> gic_version;  // "2", "3" or "host"
    std::optional<uint64_t> smm_tseg_bytes;
    std::optional<IoapicDriver> ioapic_driver;
    std::optional<MsrsUnknown> msrs_unknown;
    std::optional<uint64_t> tcg_tb_cache_kib;
    friend bool operator==(const FeaturesDef&, const FeaturesDef&) = default;

    [[nodiscard]] Toggle get(Feature f) const { return state[static_cast<size_t>(f)]; }
    void set(Feature f, Toggle t) { state[static_cast<size_t>(f)] = t; }
    [[nodiscard]] bool empty() const;
};

Status parseFeatures(Elem& e, FeaturesDef& out);
void formatFeatures(xml::Writer& w, const FeaturesDef& f);

}  // namespace nodevirt::conf
