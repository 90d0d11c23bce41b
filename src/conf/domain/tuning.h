// Resource tuning sections of a domain: <memtune>, <blkiotune>, <cputune>, <iothreads> /
// <iothreadids> and <resource>. All of them are optional and live in the definition's
// rarely-used box.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/cpu_set.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

// Sizes in KiB; libvirt's "unlimited" value is treated as not set.
struct MemTune {
    std::optional<uint64_t> hard_limit;
    std::optional<uint64_t> soft_limit;
    std::optional<uint64_t> min_guarantee;
    std::optional<uint64_t> swap_hard_limit;
    friend bool operator==(const MemTune&, const MemTune&) = default;
    [[nodiscard]] bool empty() const {
        return !hard_limit && !soft_limit && !min_guarantee && !swap_hard_limit;
    }
};

struct BlkioDevice {
    std::string path;
    std::optional<uint32_t> weight;
    std::optional<uint64_t> read_iops_sec;
    std::optional<uint64_t> write_iops_sec;
    std::optional<uint64_t> read_bytes_sec;
    std::optional<uint64_t> write_bytes_sec;
    friend bool operator==(const BlkioDevice&, const BlkioDevice&) = default;
};

struct BlkioTune {
    std::optional<uint32_t> weight;
    std::vector<BlkioDevice> devices;
    friend bool operator==(const BlkioTune&, const BlkioTune&) = default;
    [[nodiscard]] bool empty() const { return !weight && devices.empty(); }
};

struct VcpuPin {
    uint32_t vcpu = 0;
    CpuSet cpuset;
    friend bool operator==(const VcpuPin&, const VcpuPin&) = default;
};

struct IothreadPin {
    uint32_t iothread = 0;
    CpuSet cpuset;
    friend bool operator==(const IothreadPin&, const IothreadPin&) = default;
};

struct CpuTune {
    std::optional<uint64_t> shares;
    std::optional<uint64_t> period;
    std::optional<int64_t> quota;
    std::optional<uint64_t> global_period;
    std::optional<int64_t> global_quota;
    std::optional<uint64_t> emulator_period;
    std::optional<int64_t> emulator_quota;
    std::optional<uint64_t> iothread_period;
    std::optional<int64_t> iothread_quota;
    std::vector<VcpuPin> vcpupins;  // sorted by vcpu
    std::optional<CpuSet> emulatorpin;
    std::vector<IothreadPin> iothreadpins;
    friend bool operator==(const CpuTune&, const CpuTune&) = default;
    [[nodiscard]] bool empty() const;
};

struct IothreadsDef {
    uint32_t count = 0;
    std::vector<uint32_t> ids;  // explicit <iothreadids>; completed up to `count` by post-parse
    friend bool operator==(const IothreadsDef&, const IothreadsDef&) = default;
};

enum class NumaMode : uint8_t { kStrict, kPreferred, kInterleave, kRestrictive };
inline constexpr auto kNumaModes =
    makeEnumTable<NumaMode>("strict", "preferred", "interleave", "restrictive");

struct NumaMemNode {
    uint32_t cellid = 0;
    NumaMode mode = NumaMode::kStrict;
    CpuSet nodeset;
    friend bool operator==(const NumaMemNode&, const NumaMemNode&) = default;
};

// <numatune>: host NUMA placement of guest memory.
struct NumaTune {
    bool has_memory = false;  // <memory> present
    NumaMode mode = NumaMode::kStrict;
    bool placement_auto = false;
    std::optional<CpuSet> nodeset;
    std::vector<NumaMemNode> memnodes;
    friend bool operator==(const NumaTune&, const NumaTune&) = default;
    [[nodiscard]] bool empty() const { return !has_memory && memnodes.empty(); }
};

struct ResourceDef {
    std::optional<std::string> partition;
    friend bool operator==(const ResourceDef&, const ResourceDef&) = default;
};

Status parseMemTune(Elem& e, MemTune& out);
Status parseBlkioTune(Elem& e, BlkioTune& out);
Status parseCpuTune(Elem& e, CpuTune& out);
Status parseIothreadIds(Elem& e, IothreadsDef& out);
Status parseResource(Elem& e, ResourceDef& out);
Status parseNumaTune(Elem& e, NumaTune& out);

void formatMemTune(xml::Writer& w, const MemTune& t);
void formatBlkioTune(xml::Writer& w, const BlkioTune& t);
void formatCpuTune(xml::Writer& w, const CpuTune& t);
void formatIothreads(xml::Writer& w, const IothreadsDef& t);
void formatResource(xml::Writer& w, const ResourceDef& r);
void formatNumaTune(xml::Writer& w, const NumaTune& t);

}  // namespace nodevirt::conf
