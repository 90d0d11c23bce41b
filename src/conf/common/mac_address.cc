#include "conf/common/mac_address.h"

#include <sys/random.h>

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
    Bytes b{};
    size_t i = 0;
    for (size_t n = 0; n < 6; ++n) {
        if (n > 0) {
            if (i >= text.size() || (text[i] != ':' && text[i] != '-')) return std::nullopt;
            ++i;
        }
        int value = 0, digits = 0;
        while (i < text.size() && digits < 2 && hexValue(text[i]) >= 0) {
            value = value * 16 + hexValue(text[i]);
            ++i;
            ++digits;
        }
        if (digits == 0) return std::nullopt;
        b[n] = static_cast<uint8_t>(value);
    }
    if (i != text.size()) return std::nullopt;
    return MacAddress(b);
}

MacAddress MacAddress::generate(const std::array<uint8_t, 3>& prefix) {
    Bytes b{prefix[0], prefix[1], prefix[2], 0, 0, 0};
    uint8_t rnd[3] = {0, 0, 0};
    if (getrandom(rnd, sizeof rnd, 0) != static_cast<ssize_t>(sizeof rnd)) {
        rnd[0] = 0x12;  // extremely unlikely; still produce a valid unicast address
    }
    b[3] = rnd[0];
    b[4] = rnd[1];
    b[5] = rnd[2];
    return MacAddress(b);
}

std::string MacAddress::toString() const {
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", bytes_[0], bytes_[1], bytes_[2],
                       bytes_[3], bytes_[4], bytes_[5]);
}

}  // namespace nodevirt::conf
