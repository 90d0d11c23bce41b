// Whole-payload helpers over the generated structs: encode a value into (or onto) a buffer,
// decode a value from a payload. Trailing bytes after a valid payload are ignored, as
// libvirt's daemon ignores them.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"
#include "xdr/decoder.h"
#include "xdr/encoder.h"
#include "xdr/limits.h"

namespace nodevirt::protocol {

// Appends the encoding of `value` to `out` (e.g. after a frame header).
template <typename T>
Status encodePayloadTo(std::string& out, const T& value) {
    xdr::Encoder enc(out);
    if (!value.encode(enc)) return fail(enc.error());
    return ok();
}

template <typename T>
Result<std::string> encodePayload(const T& value) {
    std::string out;
    NODEVIRT_TRY(encodePayloadTo(out, value));
    if (out.size() > xdr::kPayloadMax) {
        return fail(Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                               "Unable to encode message payload: " + std::to_string(out.size()) +
                                   " bytes exceed the maximum payload size"));
    }
    return out;
}

template <typename T>
Result<T> decodePayload(std::string_view bytes) {
    T value{};
    xdr::Decoder dec(bytes);
    if (!value.decode(dec)) return fail(dec.error());
    return value;
}

// Type-erased codecs per procedure for tools and fuzzers: each decodes a payload as the
// procedure's args/ret/msg type and returns its canonical re-encoding.
struct PayloadCodec {
    using Reencode = Result<std::string> (*)(std::string_view payload);
    Reencode args;
    Reencode ret;
    Reencode msg;
};
// nullptr for an unknown procedure.
const PayloadCodec* findPayloadCodec(uint32_t program, int32_t number);

// Written without Result<T> so that instantiating it for every payload type stays cheap.
template <typename T>
Result<std::string> reencode(std::string_view payload) {
    T value{};
    xdr::Decoder dec(payload);
    if (!value.decode(dec)) return fail(dec.error());
    std::string out;
    xdr::Encoder enc(out);
    if (!value.encode(enc)) return fail(enc.error());
    return out;
}

}  // namespace nodevirt::protocol
