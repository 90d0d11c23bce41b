#include "xdr/encoder.h"

#include <fmt/format.h>

#include <bit>

namespace nodevirt::xdr {
namespace {

size_t paddingFor(size_t size) { return (4 - (size % 4)) % 4; }

std::string fieldSuffix(const char* field) {
    return field != nullptr ? fmt::format(" (field '{}')", field) : std::string();
}

}  // namespace

bool Encoder::putU32(uint32_t v) {
    const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                           static_cast<char>(v >> 8), static_cast<char>(v)};
    out_.append(bytes, 4);
    return true;
}

bool Encoder::putU64(uint64_t v) {
    putU32(static_cast<uint32_t>(v >> 32));
    return putU32(static_cast<uint32_t>(v));
}

bool Encoder::putDouble(double v) { return putU64(std::bit_cast<uint64_t>(v)); }

void Encoder::appendPadding(size_t size) { out_.append(paddingFor(size), '\0'); }

bool Encoder::putString(std::string_view s, uint32_t max, const char* field) {
    if (s.size() > max) {
        return fail(fmt::format("string of {} bytes exceeds the maximum of {}", s.size(), max),
                    field);
    }
    putU32(static_cast<uint32_t>(s.size()));
    out_.append(s);
    appendPadding(s.size());
    return true;
}

bool Encoder::putOpaque(std::string_view bytes, uint32_t max, const char* field) {
    if (bytes.size() > max) {
        return fail(
            fmt::format("opaque data of {} bytes exceeds the maximum of {}", bytes.size(), max),
            field);
    }
    putU32(static_cast<uint32_t>(bytes.size()));
    out_.append(bytes);
    appendPadding(bytes.size());
    return true;
}

bool Encoder::putFixedOpaque(const void* data, size_t size) {
    out_.append(static_cast<const char*>(data), size);
    appendPadding(size);
    return true;
}

bool Encoder::putCharArray(std::string_view chars, uint32_t max, const char* field) {
    if (!putCount(chars.size(), max, field)) return false;
    out_.reserve(out_.size() + chars.size() * 4);
    for (char c : chars) putChar(static_cast<int8_t>(c));
    return true;
}

bool Encoder::putCString(std::string_view text, uint32_t max, const char* field) {
    if (text.find('\0') != std::string_view::npos) {
        return fail("C string contains a NUL byte", field);
    }
    if (text.size() + 1 > max) {
        return fail(fmt::format("C string of {} bytes (plus NUL) exceeds the maximum of {}",
                                text.size(), max),
                    field);
    }
    putU32(static_cast<uint32_t>(text.size() + 1));
    for (char c : text) putChar(static_cast<int8_t>(c));
    return putU32(0);
}

bool Encoder::putFixedCString(std::string_view text, uint32_t n, const char* field) {
    if (text.size() > n) {
        return fail(fmt::format("text of {} bytes does not fit a char[{}] field", text.size(), n),
                    field);
    }
    for (char c : text) putChar(static_cast<int8_t>(c));
    for (size_t i = text.size(); i < n; ++i) putU32(0);
    return true;
}

bool Encoder::putCount(size_t count, uint32_t max, const char* field) {
    if (count > max) {
        return fail(fmt::format("array of {} elements exceeds the maximum of {}", count, max),
                    field);
    }
    return putU32(static_cast<uint32_t>(count));
}

bool Encoder::fail(std::string detail, const char* field) {
    if (!error_) {
        error_ = Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                            "Unable to encode message payload: " + detail + fieldSuffix(field));
    }
    return false;
}

}  // namespace nodevirt::xdr
