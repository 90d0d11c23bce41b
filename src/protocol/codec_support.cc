#include "protocol/codec_support.h"

#include "xdr/limits.h"

namespace nodevirt::protocol::codec {
namespace {

template <typename T, typename Put>
bool putScalars(xdr::Encoder& e, const std::vector<T>& v, uint32_t max, const char* field,
                Put put) {
    if (!e.putCount(v.size(), max, field)) return false;
    for (T item : v) (e.*put)(item);
    return true;
}

template <typename T, typename Get>
bool getScalars(xdr::Decoder& d, std::vector<T>& v, uint32_t max, const char* field, Get get) {
    uint32_t count = 0;
    if (!d.getCount(count, max, sizeof(T) < 4 ? 4 : sizeof(T), field)) return false;
    v.assign(count, T{});
    for (T& item : v) {
        if (!(d.*get)(item, field)) return false;
    }
    return true;
}

}  // namespace

bool putOptional(xdr::Encoder& e, const std::optional<std::string>& v, uint32_t max,
                 const char* field) {
    return e.putPresence(v.has_value()) && (!v || e.putString(*v, max, field));
}

bool getOptional(xdr::Decoder& d, std::optional<std::string>& v, uint32_t max, const char* field) {
    bool present = false;
    if (!d.getPresence(present, field)) return false;
    if (!present) {
        v.reset();
        return true;
    }
    return d.getString(v.emplace(), max, field);
}

bool putList(xdr::Encoder& e, const std::vector<std::string>& v, uint32_t max, const char* field) {
    if (!e.putCount(v.size(), max, field)) return false;
    for (const std::string& item : v) {
        if (!e.putString(item, xdr::kStringMax, field)) return false;
    }
    return true;
}

bool getList(xdr::Decoder& d, std::vector<std::string>& v, uint32_t max, const char* field) {
    uint32_t count = 0;
    if (!d.getCount(count, max, 4, field)) return false;
    v.assign(count, std::string());
    for (std::string& item : v) {
        if (!d.getString(item, xdr::kStringMax, field)) return false;
    }
    return true;
}

bool putList(xdr::Encoder& e, const std::vector<int32_t>& v, uint32_t max, const char* field) {
    return putScalars(e, v, max, field, &xdr::Encoder::putI32);
}
bool putList(xdr::Encoder& e, const std::vector<uint32_t>& v, uint32_t max, const char* field) {
    return putScalars(e, v, max, field, &xdr::Encoder::putU32);
}
bool putList(xdr::Encoder& e, const std::vector<uint64_t>& v, uint32_t max, const char* field) {
    return putScalars(e, v, max, field, &xdr::Encoder::putU64);
}
bool getList(xdr::Decoder& d, std::vector<int32_t>& v, uint32_t max, const char* field) {
    return getScalars(d, v, max, field, &xdr::Decoder::getI32);
}
bool getList(xdr::Decoder& d, std::vector<uint32_t>& v, uint32_t max, const char* field) {
    return getScalars(d, v, max, field, &xdr::Decoder::getU32);
}
bool getList(xdr::Decoder& d, std::vector<uint64_t>& v, uint32_t max, const char* field) {
    return getScalars(d, v, max, field, &xdr::Decoder::getU64);
}

}  // namespace nodevirt::protocol::codec
