// CpuSet: a set of CPU (or NUMA node) numbers in libvirt's bitmap syntax ("0-3,^2,8"),
// kept as sorted, merged ranges so typical sets cost a few bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nodevirt::conf {

class CpuSet {
  public:
    // Largest number + 1 a set may hold (libvirt's cpumask length).
    static constexpr uint32_t kMaxBits = 16384;

    CpuSet() = default;
    // Parses "1,3-5,^4"; tokens apply left to right; nullopt on bad syntax or a number
    // >= kMaxBits. An all-excluded result parses to an empty set.
    static std::optional<CpuSet> parse(std::string_view text);
    static CpuSet range(uint32_t first, uint32_t last);

    [[nodiscard]] std::string toString() const;  // canonical "0-1,3"
    [[nodiscard]] bool empty() const { return ranges_.empty(); }
    [[nodiscard]] bool contains(uint32_t bit) const;
    [[nodiscard]] uint32_t count() const;
    // Highest bit set; meaningless for an empty set.
    [[nodiscard]] uint32_t last() const { return ranges_.empty() ? 0 : ranges_.back().second; }

    friend bool operator==(const CpuSet&, const CpuSet&) = default;

  private:
    std::vector<std::pair<uint16_t, uint16_t>> ranges_;  // inclusive, sorted, disjoint
};

}  // namespace nodevirt::conf
