#include "conf/domain/cpu_set.h"

#include <fmt/format.h>

#include <bitset>
#include <memory>

namespace nodevirt::conf {
namespace {

void skipSpaces(std::string_view s, size_t& pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n')) ++pos;
}

// Decimal number below kMaxBits; at least one digit.
std::optional<uint32_t> readNumber(std::string_view s, size_t& pos) {
    size_t start = pos;
    uint32_t value = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        value = value * 10 + static_cast<uint32_t>(s[pos] - '0');
        if (value >= CpuSet::kMaxBits) return std::nullopt;
        ++pos;
    }
    if (pos == start) return std::nullopt;
    return value;
}

}  // namespace

std::optional<CpuSet> CpuSet::parse(std::string_view s) {
    auto bits = std::make_unique<std::bitset<kMaxBits>>();
    size_t pos = 0;
    skipSpaces(s, pos);
    if (pos == s.size()) return std::nullopt;
    while (pos < s.size()) {
        bool negate = false;
        if (s[pos] == '^') {
            negate = true;
            ++pos;
        }
        auto first = readNumber(s, pos);
        if (!first) return std::nullopt;
        skipSpaces(s, pos);
        uint32_t last = *first;
        if (pos < s.size() && s[pos] == '-') {
            if (negate) return std::nullopt;
            ++pos;
            skipSpaces(s, pos);
            auto end = readNumber(s, pos);
            if (!end || *end < *first) return std::nullopt;
            last = *end;
            skipSpaces(s, pos);
        }
        for (uint32_t b = *first; b <= last; ++b) bits->set(b, !negate);
        if (pos == s.size()) break;
        if (s[pos] != ',') return std::nullopt;
        ++pos;
        skipSpaces(s, pos);
    }
    CpuSet out;
    for (uint32_t b = 0; b < kMaxBits; ++b) {
        if (!bits->test(b)) continue;
        uint32_t e = b;
        while (e + 1 < kMaxBits && bits->test(e + 1)) ++e;
        out.ranges_.emplace_back(static_cast<uint16_t>(b), static_cast<uint16_t>(e));
        b = e;
    }
    return out;
}

CpuSet CpuSet::range(uint32_t first, uint32_t last) {
    CpuSet out;
    if (first <= last && last < kMaxBits)
        out.ranges_.emplace_back(static_cast<uint16_t>(first), static_cast<uint16_t>(last));
    return out;
}

std::string CpuSet::toString() const {
    std::string out;
    for (const auto& [first, last] : ranges_) {
        if (!out.empty()) out += ',';
        if (first == last)
            out += fmt::format("{}", first);
        else
            out += fmt::format("{}-{}", first, last);
    }
    return out;
}

bool CpuSet::contains(uint32_t bit) const {
    for (const auto& [first, last] : ranges_)
        if (bit >= first && bit <= last) return true;
    return false;
}

uint32_t CpuSet::count() const {
    uint32_t n = 0;
    for (const auto& [first, last] : ranges_) n += static_cast<uint32_t>(last - first) + 1;
    return n;
}

}  // namespace nodevirt::conf
