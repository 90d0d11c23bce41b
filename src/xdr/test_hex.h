// Test helper: writes expected wire bytes the way census.md prints them ("0000001c 20008086",
// with '|' separators and "quoted text" for raw ASCII), and prints bytes back as hex for
// readable failure messages.
#pragma once

#include <cctype>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nodevirt::xdr::testing {

// Hex digit pairs become bytes; whitespace and '|' are ignored; "text" is copied verbatim.
inline std::string fromHex(std::string_view spec) {
    std::string out;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument(std::string("bad hex digit '") + c + "'");
    };
    for (size_t i = 0; i < spec.size();) {
        char c = spec[i];
        if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '|') {
            ++i;
        } else if (c == '"') {
            size_t end = spec.find('"', i + 1);
            if (end == std::string_view::npos) throw std::invalid_argument("unterminated quote");
            out.append(spec.substr(i + 1, end - i - 1));
            i = end + 1;
        } else {
            if (i + 1 >= spec.size()) throw std::invalid_argument("odd number of hex digits");
            out.push_back(static_cast<char>(nibble(c) * 16 + nibble(spec[i + 1])));
            i += 2;
        }
    }
    return out;
}

// Bytes as space-separated 4-byte hex words.
inline std::string toHex(std::string_view bytes) {
    std::string out;
    char buf[3];
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        std::snprintf(buf, sizeof(buf), "%02x", static_cast<unsigned char>(bytes[i]));
        out.append(buf);
    }
    return out;
}

}  // namespace nodevirt::xdr::testing
