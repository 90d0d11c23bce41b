// XDR decoder over a byte span that never trusts its input: every read is bounds-checked and
// every length or count is checked against both its declared maximum and the bytes actually
// left *before* anything is allocated, so hostile input costs at most its own size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"
#include "util/uuid.h"

namespace nodevirt::xdr {

// Every get* returns true on success. The first failure is kept in error() and every later
// get* fails too, so callers chain reads with && and check once. `field` names the item in
// error messages only. Values are read the way libvirt's XDR routines read them: padding
// bytes are not checked, an optional marker other than 0 means "present", and widened chars
// keep their low byte.
class Decoder {
  public:
    explicit Decoder(std::string_view data)
        : data_(reinterpret_cast<const unsigned char*>(data.data())), size_(data.size()) {}
    Decoder(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    bool getU32(uint32_t& out, const char* field = nullptr);
    bool getI32(int32_t& out, const char* field = nullptr);
    bool getU64(uint64_t& out, const char* field = nullptr);
    bool getI64(int64_t& out, const char* field = nullptr);
    bool getDouble(double& out, const char* field = nullptr);

    // Widened C char / unsigned char / unsigned short (census §1.1).
    bool getChar(int8_t& out, const char* field = nullptr);
    bool getUChar(uint8_t& out, const char* field = nullptr);
    bool getUShort(uint16_t& out, const char* field = nullptr);

    bool getString(std::string& out, uint32_t max, const char* field = nullptr);
    bool getOpaque(std::string& out, uint32_t max, const char* field = nullptr);
    bool getFixedOpaque(void* out, size_t size, const char* field = nullptr);
    bool getUuid(Uuid& out, const char* field = nullptr);

    // Variable char array as raw bytes (SASL data).
    bool getCharArray(std::string& out, uint32_t max, const char* field = nullptr);
    // Variable char array holding a C string: the text up to the first NUL. An array that
    // fills its maximum without a NUL is rejected (libvirt clients strcpy() it).
    bool getCString(std::string& out, uint32_t max, const char* field = nullptr);
    // Fixed char[n]: the text up to the first NUL (or all n chars).
    bool getFixedCString(std::string& out, uint32_t n, const char* field = nullptr);

    // Element count of a variable array. Checked against `max` and against the bytes left,
    // given that each element takes at least `min_item_size` bytes on the wire, so a caller
    // may reserve `count` elements safely.
    bool getCount(uint32_t& count, uint32_t max, size_t min_item_size, const char* field = nullptr);
    bool getPresence(bool& present, const char* field = nullptr);

    [[nodiscard]] size_t position() const { return pos_; }
    [[nodiscard]] size_t remaining() const { return size_ - pos_; }
    [[nodiscard]] bool atEnd() const { return pos_ == size_; }
    // Bytes not read yet (e.g. a stream payload after a header).
    [[nodiscard]] std::string_view rest() const {
        return {reinterpret_cast<const char*>(data_ + pos_), size_ - pos_};
    }

    [[nodiscard]] bool failed() const { return error_.has_value(); }
    [[nodiscard]] const Error& error() const { return *error_; }
    bool fail(std::string detail, const char* field = nullptr);

  private:
    bool need(size_t bytes, const char* what, const char* field);
    bool skipPadding(size_t size, const char* field);
    bool getBytes(std::string& out, uint32_t max, const char* kind, const char* field);

    const unsigned char* data_;
    size_t size_;
    size_t pos_ = 0;
    std::optional<Error> error_;
};

}  // namespace nodevirt::xdr
