#include "util/uuid.h"

#include <sys/random.h>

#include <cstring>
#include <random>

namespace nodevirt {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<Uuid> Uuid::parse(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n'))
        text.remove_suffix(1);
    Bytes b{};
    size_t i = 0;
    size_t n = 0;
    while (n < 16) {
        if (i < text.size() && text[i] == '-') {
            ++i;
            continue;
        }
        if (i + 1 >= text.size()) return std::nullopt;
        int hi = hexValue(text[i]);
        int lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        b[n++] = static_cast<uint8_t>(hi << 4 | lo);
        i += 2;
    }
    if (i != text.size()) return std::nullopt;
    return Uuid(b);
}

Uuid Uuid::generate() {
    Bytes b{};
    size_t got = 0;
    while (got < b.size()) {
        ssize_t r = getrandom(b.data() + got, b.size() - got, 0);
        if (r <= 0) break;
        got += static_cast<size_t>(r);
    }
    if (got < b.size()) {
        std::random_device rd;
        for (auto& x : b) x = static_cast<uint8_t>(rd());
    }
    b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
    return Uuid(b);
}

std::string Uuid::toString() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[bytes_[i] >> 4]);
        out.push_back(kHex[bytes_[i] & 0xf]);
    }
    return out;
}

bool Uuid::isNull() const {
    for (auto x : bytes_)
        if (x) return false;
    return true;
}

size_t UuidHash::operator()(const Uuid& u) const noexcept {
    uint64_t a, b;
    std::memcpy(&a, u.bytes().data(), 8);
    std::memcpy(&b, u.bytes().data() + 8, 8);
    return static_cast<size_t>(a ^ (b * 0x9e3779b97f4a7c15ULL));
}

}  // namespace nodevirt
