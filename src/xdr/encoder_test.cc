#include "xdr/encoder.h"

#include <gtest/gtest.h>

#include "xdr/test_hex.h"

namespace nodevirt::xdr {
namespace {

using testing::fromHex;
using testing::toHex;

TEST(EncoderTest, ScalarsAreBigEndianWords) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putU32(0x01020304));
    EXPECT_TRUE(enc.putI32(-1));
    EXPECT_TRUE(enc.putU64(0x0102030405060708ULL));
    EXPECT_TRUE(enc.putI64(-2));
    EXPECT_TRUE(enc.putDouble(1.5));
    EXPECT_TRUE(enc.putBool(true));
    EXPECT_EQ(toHex(buf), toHex(fromHex("01020304 ffffffff 01020304 05060708 ffffffff fffffffe "
                                        "3ff80000 00000000 00000001")));
    EXPECT_FALSE(enc.failed());
}

TEST(EncoderTest, StringsArePaddedToFourBytes) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putString("test", 100));
    EXPECT_TRUE(enc.putString("abc", 100));
    EXPECT_TRUE(enc.putString("", 100));
    EXPECT_TRUE(enc.putString("hello", 100));
    EXPECT_EQ(toHex(buf), toHex(fromHex("00000004 74657374 00000003 61626300 00000000 "
                                        "00000005 68656c6c 6f000000")));
}

TEST(EncoderTest, OversizedStringFailsWithFieldName) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_FALSE(enc.putString("12345", 4, "xml"));
    ASSERT_TRUE(enc.failed());
    EXPECT_EQ(enc.error().code, ErrorCode::kRpc);
    EXPECT_EQ(enc.error().domain, ErrorDomain::kRpc);
    EXPECT_EQ(enc.error().message,
              "Unable to encode message payload: string of 5 bytes exceeds the maximum of 4 "
              "(field 'xml')");
}

TEST(EncoderTest, FirstErrorWins) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_FALSE(enc.putOpaque("abc", 2, "first"));
    EXPECT_FALSE(enc.putCount(10, 5, "second"));
    EXPECT_NE(enc.error().message.find("'first'"), std::string::npos);
}

TEST(EncoderTest, FixedOpaqueHasNoLength) {
    std::string buf;
    Encoder enc(buf);
    auto uuid = Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
    ASSERT_TRUE(uuid);
    EXPECT_TRUE(enc.putUuid(*uuid));
    EXPECT_TRUE(enc.putFixedOpaque("xy", 2));
    EXPECT_EQ(toHex(buf), toHex(fromHex("6695eb01 f6a48304 79aa97f2 502e193f 78790000")));
}

TEST(EncoderTest, CharsAreWidenedToWords) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putChar(-23));
    EXPECT_TRUE(enc.putUChar(0xe9));
    EXPECT_TRUE(enc.putUShort(0xfffe));
    EXPECT_EQ(toHex(buf), toHex(fromHex("ffffffe9 000000e9 0000fffe")));
}

TEST(EncoderTest, CStringIncludesTheNul) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putCString("none", 257));
    EXPECT_TRUE(enc.putCString("", 257));
    EXPECT_EQ(toHex(buf), toHex(fromHex("00000005 0000006e 0000006f 0000006e 00000065 00000000 "
                                        "00000001 00000000")));
    EXPECT_FALSE(enc.putCString("abc", 3, "model"));
    EXPECT_NE(enc.error().message.find("plus NUL"), std::string::npos);
}

TEST(EncoderTest, CStringRejectsEmbeddedNul) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_FALSE(enc.putCString(std::string_view("a\0b", 3), 10));
}

TEST(EncoderTest, CharArrayIsRawBytes) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putCharArray(std::string_view("\x01\0\xff", 3), 10));
    EXPECT_EQ(toHex(buf), toHex(fromHex("00000003 00000001 00000000 ffffffff")));
    EXPECT_FALSE(enc.putCharArray("abc", 2));
}

TEST(EncoderTest, FixedCStringFillsAllWords) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putFixedCString("i686", 32));
    ASSERT_EQ(buf.size(), 128U);
    EXPECT_EQ(toHex(buf.substr(0, 20)),
              toHex(fromHex("00000069 00000036 00000038 00000036 00000000")));
    EXPECT_EQ(buf.substr(16), std::string(112, '\0'));
    EXPECT_FALSE(enc.putFixedCString(std::string(33, 'x'), 32, "model"));
}

TEST(EncoderTest, CountChecksTheMaximum) {
    std::string buf;
    Encoder enc(buf);
    EXPECT_TRUE(enc.putCount(16384, 16384));
    EXPECT_FALSE(enc.putCount(16385, 16384, "domains"));
    EXPECT_EQ(enc.error().message,
              "Unable to encode message payload: array of 16385 elements exceeds the maximum of "
              "16384 (field 'domains')");
}

TEST(EncoderTest, AppendsToExistingBuffer) {
    std::string buf = "xx";
    Encoder enc(buf);
    enc.putU32(7);
    EXPECT_EQ(enc.size(), 6U);
    EXPECT_EQ(buf.substr(0, 2), "xx");
}

}  // namespace
}  // namespace nodevirt::xdr
