#include "xdr/decoder.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>

namespace nodevirt::xdr {
namespace {

size_t paddingFor(size_t size) { return (4 - (size % 4)) % 4; }

}  // namespace

bool Decoder::fail(std::string detail, const char* field) {
    if (!error_) {
        std::string message = "Unable to decode message payload: " + detail;
        if (field != nullptr) message += fmt::format(" (field '{}')", field);
        error_ = Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc, std::move(message));
    }
    return false;
}

bool Decoder::need(size_t bytes, const char* what, const char* field) {
    if (error_) return false;
    if (bytes > size_ - pos_) {
        return fail(fmt::format("truncated input: {} needs {} bytes at offset {}, {} left", what,
                                bytes, pos_, size_ - pos_),
                    field);
    }
    return true;
}

bool Decoder::getU32(uint32_t& out, const char* field) {
    if (!need(4, "a 32-bit item", field)) return false;
    const unsigned char* p = data_ + pos_;
    out = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
    pos_ += 4;
    return true;
}

bool Decoder::getI32(int32_t& out, const char* field) {
    uint32_t v = 0;
    if (!getU32(v, field)) return false;
    out = static_cast<int32_t>(v);
    return true;
}

bool Decoder::getU64(uint64_t& out, const char* field) {
    if (!need(8, "a 64-bit item", field)) return false;
    uint32_t hi = 0;
    uint32_t lo = 0;
    getU32(hi, field);
    getU32(lo, field);
    out = (uint64_t{hi} << 32) | lo;
    return true;
}

bool Decoder::getI64(int64_t& out, const char* field) {
    uint64_t v = 0;
    if (!getU64(v, field)) return false;
    out = static_cast<int64_t>(v);
    return true;
}

bool Decoder::getDouble(double& out, const char* field) {
    uint64_t v = 0;
    if (!getU64(v, field)) return false;
    out = std::bit_cast<double>(v);
    return true;
}

bool Decoder::getChar(int8_t& out, const char* field) {
    uint32_t v = 0;
    if (!getU32(v, field)) return false;
    out = static_cast<int8_t>(static_cast<uint8_t>(v & 0xFFU));
    return true;
}

bool Decoder::getUChar(uint8_t& out, const char* field) {
    uint32_t v = 0;
    if (!getU32(v, field)) return false;
    out = static_cast<uint8_t>(v & 0xFFU);
    return true;
}

bool Decoder::getUShort(uint16_t& out, const char* field) {
    uint32_t v = 0;
    if (!getU32(v, field)) return false;
    out = static_cast<uint16_t>(v & 0xFFFFU);
    return true;
}

bool Decoder::skipPadding(size_t size, const char* field) {
    size_t pad = paddingFor(size);
    if (!need(pad, "padding", field)) return false;
    pos_ += pad;
    return true;
}

bool Decoder::getBytes(std::string& out, uint32_t max, const char* kind, const char* field) {
    uint32_t len = 0;
    if (!getU32(len, field)) return false;
    if (len > max) {
        return fail(fmt::format("{} length {} exceeds the maximum of {}", kind, len, max), field);
    }
    if (!need(len, kind, field)) return false;
    out.assign(reinterpret_cast<const char*>(data_ + pos_), len);
    pos_ += len;
    return skipPadding(len, field);
}

bool Decoder::getString(std::string& out, uint32_t max, const char* field) {
    return getBytes(out, max, "string", field);
}

bool Decoder::getOpaque(std::string& out, uint32_t max, const char* field) {
    return getBytes(out, max, "opaque data", field);
}

bool Decoder::getFixedOpaque(void* out, size_t size, const char* field) {
    if (!need(size + paddingFor(size), "fixed opaque data", field)) return false;
    std::memcpy(out, data_ + pos_, size);
    pos_ += size + paddingFor(size);
    return true;
}

bool Decoder::getUuid(Uuid& out, const char* field) {
    Uuid::Bytes bytes{};
    if (!getFixedOpaque(bytes.data(), bytes.size(), field)) return false;
    out = Uuid(bytes);
    return true;
}

bool Decoder::getCharArray(std::string& out, uint32_t max, const char* field) {
    uint32_t count = 0;
    if (!getCount(count, max, 4, field)) return false;
    out.resize(count);
    for (uint32_t i = 0; i < count; ++i) {
        int8_t c = 0;
        getChar(c, field);
        out[i] = static_cast<char>(c);
    }
    return true;
}

bool Decoder::getCString(std::string& out, uint32_t max, const char* field) {
    if (!getCharArray(out, max, field)) return false;
    size_t nul = out.find('\0');
    if (nul == std::string::npos) {
        if (!out.empty() && out.size() == max) {
            return fail(fmt::format("C string of {} chars has no terminating NUL", out.size()),
                        field);
        }
        return true;
    }
    out.resize(nul);
    return true;
}

bool Decoder::getFixedCString(std::string& out, uint32_t n, const char* field) {
    if (!need(size_t{n} * 4, "a fixed char array", field)) return false;
    out.clear();
    bool ended = false;
    for (uint32_t i = 0; i < n; ++i) {
        int8_t c = 0;
        getChar(c, field);
        if (c == 0) ended = true;
        if (!ended) out.push_back(static_cast<char>(c));
    }
    return true;
}

bool Decoder::getCount(uint32_t& count, uint32_t max, size_t min_item_size, const char* field) {
    if (!getU32(count, field)) return false;
    if (count > max) {
        return fail(fmt::format("array of {} elements exceeds the maximum of {}", count, max),
                    field);
    }
    // Each element needs at least min_item_size bytes, so a count the remaining input cannot
    // hold is rejected before anyone reserves memory for it.
    if (min_item_size > 0 && count > (size_ - pos_) / min_item_size) {
        return fail(fmt::format("array of {} elements cannot fit in the {} bytes left", count,
                                size_ - pos_),
                    field);
    }
    return true;
}

bool Decoder::getPresence(bool& present, const char* field) {
    uint32_t v = 0;
    if (!getU32(v, field)) return false;
    present = v != 0;
    return true;
}

}  // namespace nodevirt::xdr
