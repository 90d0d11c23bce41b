// MAC addresses in libvirt's text form (lowercase aa:bb:cc:dd:ee:ff) and the generator for
// the 52:54:00 prefix libvirt uses for guest NICs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nodevirt::conf {

class MacAddress {
public:
    using Bytes = std::array<uint8_t, 6>;
    MacAddress() = default;
    explicit MacAddress(const Bytes& b) : bytes_(b) {}

    // Six hex pairs separated by ':' (or '-'); each pair may be one or two digits.
    static std::optional<MacAddress> parse(std::string_view text);
    // 52:54:00:xx:xx:xx with random low bytes (the prefix libvirt's QEMU and test drivers use).
    static MacAddress generate(const std::array<uint8_t, 3>& prefix = {0x52, 0x54, 0x00});

    [[nodiscard]] std::string toString() const;
    [[nodiscard]] const Bytes& bytes() const { return bytes_; }
    [[nodiscard]] bool isMulticast() const { return bytes_[0] & 1; }

    friend bool operator==(const MacAddress&, const MacAddress&) = default;

private:
    Bytes bytes_{};
};

}  // namespace nodevirt::conf
