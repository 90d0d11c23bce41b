// Building blocks the generated codecs call for optional values and variable-length lists.
// List decoding checks the element count against the list's maximum and against the input
// left (via each element type's kMinWireSize) before reserving any memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xdr/decoder.h"
#include "xdr/encoder.h"

namespace nodevirt::protocol::codec {

bool putOptional(xdr::Encoder& e, const std::optional<std::string>& v, uint32_t max,
                 const char* field);
bool getOptional(xdr::Decoder& d, std::optional<std::string>& v, uint32_t max, const char* field);

template <typename T>
bool putOptional(xdr::Encoder& e, const std::optional<T>& v) {
    return e.putPresence(v.has_value()) && (!v || v->encode(e));
}

template <typename T>
bool getOptional(xdr::Decoder& d, std::optional<T>& v, const char* field) {
    bool present = false;
    if (!d.getPresence(present, field)) return false;
    if (!present) {
        v.reset();
        return true;
    }
    return v.emplace().decode(d);
}

// Lists of strings (each at most the protocol's string maximum) and of scalars.
bool putList(xdr::Encoder& e, const std::vector<std::string>& v, uint32_t max, const char* field);
bool putList(xdr::Encoder& e, const std::vector<int32_t>& v, uint32_t max, const char* field);
bool putList(xdr::Encoder& e, const std::vector<uint32_t>& v, uint32_t max, const char* field);
bool putList(xdr::Encoder& e, const std::vector<uint64_t>& v, uint32_t max, const char* field);
bool getList(xdr::Decoder& d, std::vector<std::string>& v, uint32_t max, const char* field);
bool getList(xdr::Decoder& d, std::vector<int32_t>& v, uint32_t max, const char* field);
bool getList(xdr::Decoder& d, std::vector<uint32_t>& v, uint32_t max, const char* field);
bool getList(xdr::Decoder& d, std::vector<uint64_t>& v, uint32_t max, const char* field);

// Lists of generated structs.
template <typename T>
bool putList(xdr::Encoder& e, const std::vector<T>& v, uint32_t max, const char* field) {
    if (!e.putCount(v.size(), max, field)) return false;
    for (const T& item : v) {
        if (!item.encode(e)) return false;
    }
    return true;
}

template <typename T>
bool getList(xdr::Decoder& d, std::vector<T>& v, uint32_t max, const char* field) {
    static_assert(T::kMinWireSize > 0, "list elements must occupy wire bytes");
    uint32_t count = 0;
    if (!d.getCount(count, max, T::kMinWireSize, field)) return false;
    v.clear();
    v.resize(count);
    for (T& item : v) {
        if (!item.decode(d)) return false;
    }
    return true;
}

}  // namespace nodevirt::protocol::codec
