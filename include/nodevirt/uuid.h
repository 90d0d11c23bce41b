// nodevirt::Uuid: 128-bit UUIDs as libvirt uses them: raw 16 bytes on the wire, canonical lowercase
// 8-4-4-4-12 text in XML; parsing accepts the same loose forms libvirt accepts.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nodevirt {

class Uuid {
public:
    using Bytes = std::array<uint8_t, 16>;

    constexpr Uuid() = default;
    explicit constexpr Uuid(const Bytes& b) : bytes_(b) {}

    // Accepts 32 hex digits with optional '-' separators between byte pairs and
    // surrounding whitespace; nullopt for anything else.
    static std::optional<Uuid> parse(std::string_view text);
    // A random (version 4) UUID from the OS random source.
    static Uuid generate();

    [[nodiscard]] std::string toString() const;
    [[nodiscard]] const Bytes& bytes() const { return bytes_; }
    [[nodiscard]] bool isNull() const;

    friend bool operator==(const Uuid&, const Uuid&) = default;
    friend auto operator<=>(const Uuid&, const Uuid&) = default;

private:
    Bytes bytes_{};
};

struct UuidHash {
    size_t operator()(const Uuid& u) const noexcept;
};

}  // namespace nodevirt
