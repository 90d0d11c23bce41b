// XDR encoder (RFC 4506 as libvirt's RPC uses it): appends big-endian, 4-byte aligned items to
// a caller-owned buffer. Bounded items are checked against their declared maximum so we never
// emit a message that a libvirt peer would refuse to decode.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"
#include "util/uuid.h"

namespace nodevirt::xdr {

// Every put* returns true on success. A failed put leaves the first error in error() and the
// buffer contents unspecified; callers chain puts with && and stop at the first failure.
// The `field` arguments name the item for error messages only.
class Encoder {
  public:
    explicit Encoder(std::string& out) : out_(out) {}

    bool putU32(uint32_t v);
    bool putI32(int32_t v) { return putU32(static_cast<uint32_t>(v)); }
    bool putU64(uint64_t v);
    bool putI64(int64_t v) { return putU64(static_cast<uint64_t>(v)); }
    bool putDouble(double v);
    bool putBool(bool v) { return putU32(v ? 1U : 0U); }

    // C char / unsigned char / unsigned short fields: one full word each (census §1.1).
    // A plain char is signed on the platforms libvirt runs on, so it is sign-extended.
    bool putChar(int8_t v) { return putI32(v); }
    bool putUChar(uint8_t v) { return putU32(v); }
    bool putUShort(uint16_t v) { return putU32(v); }

    // u32 length, the bytes, zero padding to 4.
    bool putString(std::string_view s, uint32_t max, const char* field = nullptr);
    // Variable-length opaque: same layout as a string.
    bool putOpaque(std::string_view bytes, uint32_t max, const char* field = nullptr);
    // Fixed-length opaque: the bytes and padding, no length word.
    bool putFixedOpaque(const void* data, size_t size);
    bool putUuid(const Uuid& uuid) { return putFixedOpaque(uuid.bytes().data(), 16); }

    // Variable char array: u32 count then one word per byte (SASL data; raw bytes).
    bool putCharArray(std::string_view chars, uint32_t max, const char* field = nullptr);
    // Variable char array holding a C string: the text plus its NUL, as libvirt's daemon sends
    // security models and labels (census §1.1).
    bool putCString(std::string_view text, uint32_t max, const char* field = nullptr);
    // Fixed char[n]: n words, the text zero-filled (NODE_GET_INFO's model).
    bool putFixedCString(std::string_view text, uint32_t n, const char* field = nullptr);

    // Element count of a variable array, checked against the array's maximum.
    bool putCount(size_t count, uint32_t max, const char* field = nullptr);
    // Optional ("pointer") marker: 1 when a value follows, 0 when absent.
    bool putPresence(bool present) { return putU32(present ? 1U : 0U); }

    [[nodiscard]] size_t size() const { return out_.size(); }
    [[nodiscard]] bool failed() const { return error_.has_value(); }
    // The first failure; only meaningful when failed().
    [[nodiscard]] const Error& error() const { return *error_; }

    // Records a failure (first one wins) and returns false, for callers' own checks.
    bool fail(std::string detail, const char* field = nullptr);

  private:
    void appendPadding(size_t size);

    std::string& out_;
    std::optional<Error> error_;
};

}  // namespace nodevirt::xdr
