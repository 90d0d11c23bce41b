#include "drivers/test/screenshot.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace nodevirt::drivers::test {
namespace {

constexpr uint32_t kWidth = 64;
constexpr uint32_t kHeight = 48;

uint32_t crc32(const std::string& data, size_t from) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    uint32_t c = 0xffffffffU;
    for (size_t i = from; i < data.size(); ++i) c = table[(c ^ static_cast<uint8_t>(data[i])) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffU;
}

void put32(std::string& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

void chunk(std::string& out, const char* type, const std::string& body) {
    put32(out, static_cast<uint32_t>(body.size()));
    size_t start = out.size();
    out.append(type, 4);
    out.append(body);
    put32(out, crc32(out, start));
}

// zlib stream of `raw` using stored (uncompressed) deflate blocks.
std::string zlibStored(const std::string& raw) {
    std::string z = {'\x78', '\x01'};
    size_t off = 0;
    do {
        size_t n = std::min<size_t>(raw.size() - off, 65535);
        bool last = off + n == raw.size();
        z.push_back(last ? '\x01' : '\x00');
        z.push_back(static_cast<char>(n & 0xff));
        z.push_back(static_cast<char>(n >> 8));
        z.push_back(static_cast<char>(~n & 0xff));
        z.push_back(static_cast<char>((~n >> 8) & 0xff));
        z.append(raw, off, n);
        off += n;
    } while (off < raw.size());
    uint32_t a = 1, b = 0;
    for (unsigned char ch : raw) {
        a = (a + ch) % 65521;
        b = (b + a) % 65521;
    }
    put32(z, (b << 16) | a);
    return z;
}

std::string buildPng() {
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string ihdr;
    put32(ihdr, kWidth);
    put32(ihdr, kHeight);
    ihdr += std::string{'\x08', '\x00', '\x00', '\x00', '\x00'};  // 8-bit grey, no interlace
    chunk(png, "IHDR", ihdr);
    std::string raw;
    for (uint32_t y = 0; y < kHeight; ++y) {
        raw.push_back('\0');  // filter: none
        for (uint32_t x = 0; x < kWidth; ++x) raw.push_back(static_cast<char>((x * 4 + y * 2) & 0xff));
    }
    chunk(png, "IDAT", zlibStored(raw));
    chunk(png, "IEND", "");
    return png;
}

}  // namespace

std::shared_ptr<const std::string> testScreenshotPng() {
    static const auto png = std::make_shared<const std::string>(buildPng());
    return png;
}

}  // namespace nodevirt::drivers::test
