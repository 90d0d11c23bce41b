// Numeric IPv4/IPv6 addresses as the network XML uses them: parsed strictly (no host name
// lookups), printed in canonical form (so "FD00:0::1" comes back as "fd00::1"), plus the
// prefix/netmask arithmetic needed to check DHCP ranges against their network.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nodevirt::conf {

enum class IpFamily { kNone, kIpv4, kIpv6 };

class IpAddress {
  public:
    IpAddress() = default;

    // Numeric address of either family; nullopt for anything else (including names).
    static std::optional<IpAddress> parse(std::string_view text);
    // The netmask with `prefix` leading one bits; nullopt when prefix is too large.
    static std::optional<IpAddress> netmaskFromPrefix(IpFamily family, unsigned prefix);

    [[nodiscard]] IpFamily family() const { return family_; }
    [[nodiscard]] bool isValid() const { return family_ != IpFamily::kNone; }
    [[nodiscard]] bool isIpv4() const { return family_ == IpFamily::kIpv4; }
    [[nodiscard]] bool isIpv6() const { return family_ == IpFamily::kIpv6; }
    [[nodiscard]] std::string toString() const;
    // Number of significant bytes: 4 or 16 (0 when invalid).
    [[nodiscard]] size_t size() const;
    [[nodiscard]] const std::array<uint8_t, 16>& bytes() const { return bytes_; }

    // Prefix length when this is a contiguous netmask, nullopt otherwise.
    [[nodiscard]] std::optional<unsigned> prefixFromNetmask() const;
    // Keeps the first `prefix` bits; the rest become zero.
    [[nodiscard]] IpAddress masked(unsigned prefix) const;
    // True when both are the same family and agree in the first `prefix` bits.
    [[nodiscard]] bool sameNetwork(const IpAddress& other, unsigned prefix) const;
    // The all-ones host part address (IPv4 broadcast) for `prefix`.
    [[nodiscard]] IpAddress broadcast(unsigned prefix) const;

    // Classful default prefix libvirt applies to IPv4 addresses given without one
    // (8/16/24 for class A/B/C, 0 otherwise); 64 for IPv6.
    [[nodiscard]] unsigned defaultPrefix() const;

    // Byte-wise ordering within one family; different families order by family.
    friend bool operator==(const IpAddress&, const IpAddress&) = default;
    friend auto operator<=>(const IpAddress&, const IpAddress&) = default;

  private:
    IpFamily family_ = IpFamily::kNone;
    std::array<uint8_t, 16> bytes_{};
};

// Size of the inclusive range [start, end] (capped at UINT64_MAX), nullopt when the two
// addresses are of different families or the range is reversed.
std::optional<uint64_t> ipRangeSize(const IpAddress& start, const IpAddress& end);

}  // namespace nodevirt::conf
