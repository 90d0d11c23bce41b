#include "conf/network/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace nodevirt::conf {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    // inet_pton wants a NUL-terminated string; anything longer than an IPv6 text form is
    // not an address.
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN + 8) return std::nullopt;
    char buf[INET6_ADDRSTRLEN + 8] = {};
    std::memcpy(buf, text.data(), text.size());
    IpAddress a;
    if (text.find(':') == std::string_view::npos) {
        if (inet_pton(AF_INET, buf, a.bytes_.data()) != 1) return std::nullopt;
        a.family_ = IpFamily::kIpv4;
    } else {
        if (inet_pton(AF_INET6, buf, a.bytes_.data()) != 1) return std::nullopt;
        a.family_ = IpFamily::kIpv6;
    }
    return a;
}

std::optional<IpAddress> IpAddress::netmaskFromPrefix(IpFamily family, unsigned prefix) {
    IpAddress a;
    a.family_ = family;
    if (prefix > a.size() * 8 || family == IpFamily::kNone) return std::nullopt;
    for (unsigned i = 0; i < prefix; ++i) a.bytes_[i / 8] |= static_cast<uint8_t>(0x80U >> (i % 8));
    return a;
}

std::string IpAddress::toString() const {
    char buf[INET6_ADDRSTRLEN] = {};
    if (family_ == IpFamily::kIpv4) {
        inet_ntop(AF_INET, bytes_.data(), buf, sizeof buf);
    } else if (family_ == IpFamily::kIpv6) {
        inet_ntop(AF_INET6, bytes_.data(), buf, sizeof buf);
    }
    return buf;
}

size_t IpAddress::size() const {
    switch (family_) {
        case IpFamily::kIpv4:
            return 4;
        case IpFamily::kIpv6:
            return 16;
        case IpFamily::kNone:
            break;
    }
    return 0;
}

std::optional<unsigned> IpAddress::prefixFromNetmask() const {
    if (!isValid()) return std::nullopt;
    unsigned bits = 0;
    bool zero_seen = false;
    for (size_t i = 0; i < size() * 8; ++i) {
        bool one = bytes_[i / 8] & (0x80U >> (i % 8));
        if (one && zero_seen) return std::nullopt;
        if (one)
            ++bits;
        else
            zero_seen = true;
    }
    return bits;
}

IpAddress IpAddress::masked(unsigned prefix) const {
    IpAddress out = *this;
    for (size_t i = prefix; i < size() * 8; ++i)
        out.bytes_[i / 8] &= static_cast<uint8_t>(~(0x80U >> (i % 8)));
    return out;
}

IpAddress IpAddress::broadcast(unsigned prefix) const {
    IpAddress out = *this;
    for (size_t i = prefix; i < size() * 8; ++i)
        out.bytes_[i / 8] |= static_cast<uint8_t>(0x80U >> (i % 8));
    return out;
}

bool IpAddress::sameNetwork(const IpAddress& other, unsigned prefix) const {
    if (family_ != other.family_ || !isValid()) return false;
    return masked(prefix) == other.masked(prefix);
}

unsigned IpAddress::defaultPrefix() const {
    if (family_ == IpFamily::kIpv6) return 64;
    if (family_ != IpFamily::kIpv4) return 0;
    uint8_t first = bytes_[0];
    if ((first & 0x80) == 0) return 8;      // class A
    if ((first & 0xC0) == 0x80) return 16;  // class B
    if ((first & 0xE0) == 0xC0) return 24;  // class C
    return 0;
}

std::optional<uint64_t> ipRangeSize(const IpAddress& start, const IpAddress& end) {
    if (start.family() != end.family() || !start.isValid() || end < start) return std::nullopt;
    // Subtract byte-wise; the difference saturates at 64 bits (enough for any DHCP range).
    const auto& a = start.bytes();
    const auto& b = end.bytes();
    size_t n = start.size();
    uint64_t diff = 0;
    int borrow = 0;
    uint64_t scale = 1;
    bool overflow = false;
    for (size_t i = n; i-- > 0;) {
        int d = static_cast<int>(b[i]) - static_cast<int>(a[i]) - borrow;
        borrow = d < 0 ? 1 : 0;
        if (d < 0) d += 256;
        if (n - 1 - i >= 8) {
            if (d != 0) overflow = true;
            continue;
        }
        diff += static_cast<uint64_t>(d) * scale;
        scale = (n - 1 - i == 7) ? 0 : scale * 256;
    }
    if (overflow || diff == UINT64_MAX) return UINT64_MAX;
    return diff + 1;
}

}  // namespace nodevirt::conf
