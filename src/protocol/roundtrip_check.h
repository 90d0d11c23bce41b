// Test-only: the round-trip property every generated struct must satisfy, in each Sampler
// mode: encode succeeds; mode 0 encodes to exactly `smallest` bytes (kMinWireSize, but an
// empty C string keeps its NUL word) and never below kMinWireSize; decode gives back an
// equal value; re-encoding gives the same bytes; and every strict prefix of the encoding
// fails to decode cleanly (no crash, a decode error). Uses the coders directly rather than
// Result<T> to keep ~700 instantiations cheap to compile.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "protocol/sampler.h"
#include "xdr/decoder.h"
#include "xdr/encoder.h"

namespace nodevirt::protocol {

template <typename T>
std::string encodeForTest(const T& value) {
    std::string out;
    xdr::Encoder enc(out);
    EXPECT_TRUE(value.encode(enc)) << enc.error().message;
    return out;
}

template <typename T>
void checkRoundTrip(T (*make)(Sampler&), size_t smallest) {
    ASSERT_GE(smallest, T::kMinWireSize);
    for (int mode = 0; mode <= 2; ++mode) {
        SCOPED_TRACE("sampler mode " + std::to_string(mode));
        Sampler sampler(mode);
        T value = make(sampler);
        std::string bytes = encodeForTest(value);
        ASSERT_EQ(bytes.size() % 4, 0U);
        if (mode == 0) {
            EXPECT_EQ(bytes.size(), smallest);
        } else {
            EXPECT_GE(bytes.size(), smallest);
        }
        T back{};
        xdr::Decoder dec(bytes);
        ASSERT_TRUE(back.decode(dec)) << dec.error().message;
        EXPECT_TRUE(dec.atEnd());
        EXPECT_TRUE(back == value);
        EXPECT_EQ(encodeForTest(back), bytes);
        for (size_t len = 0; len < bytes.size(); ++len) {
            T partial{};
            xdr::Decoder short_dec(std::string_view(bytes).substr(0, len));
            ASSERT_FALSE(partial.decode(short_dec)) << "prefix of " << len << " bytes decoded";
            EXPECT_EQ(short_dec.error().code, ErrorCode::kRpc);
        }
    }
}

}  // namespace nodevirt::protocol
