#include "xdr/frame.h"

#include <gtest/gtest.h>

#include "xdr/test_hex.h"

namespace nodevirt::xdr {
namespace {

using testing::fromHex;
using testing::toHex;

constexpr uint32_t kRemote = static_cast<uint32_t>(Program::kRemote);
constexpr uint32_t kKeepalive = static_cast<uint32_t>(Program::kKeepalive);

TEST(FrameTest, ProgramNumbers) {
    EXPECT_EQ(kRemote, 0x20008086U);
    EXPECT_EQ(static_cast<uint32_t>(Program::kQemu), 0x20008087U);
    EXPECT_EQ(static_cast<uint32_t>(Program::kLxc), 0x00068000U);
    EXPECT_EQ(kKeepalive, 0x6b656570U);
    EXPECT_EQ(kFrameMax, 33554436U);
}

TEST(FrameTest, AuthListCallMatchesCensus) {
    Header h{kRemote, 1, 66, MessageType::kCall, 0, MessageStatus::kOk};
    auto frame = encodeFrame(h, "");
    ASSERT_TRUE(frame);
    EXPECT_EQ(toHex(*frame),
              toHex(fromHex("0000001c 20008086 00000001 00000042 00000000 00000000 00000000")));
}

TEST(FrameTest, KeepalivePingAndPong) {
    Header ping{kKeepalive, 1, 1, MessageType::kMessage, 0, MessageStatus::kOk};
    Header pong = ping;
    pong.proc = 2;
    EXPECT_EQ(toHex(*encodeFrame(ping, "")),
              toHex(fromHex("0000001c 6b656570 00000001 00000001 00000002 00000000 00000000")));
    EXPECT_EQ(toHex(*encodeFrame(pong, "")),
              toHex(fromHex("0000001c 6b656570 00000001 00000002 00000002 00000000 00000000")));
}

TEST(FrameTest, RawStreamPayloadIsUnpadded) {
    // Console keystrokes "ab", client to server (census §6).
    Header h{kRemote, 1, 201, MessageType::kStream, 8, MessageStatus::kContinue};
    auto frame = encodeFrame(h, "ab");
    ASSERT_TRUE(frame);
    EXPECT_EQ(toHex(*frame), toHex(fromHex("0000001e 20008086 00000001 000000c9 00000003 "
                                           "00000008 00000002 6162")));
    auto parsed = decodeFrame(*frame);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->header, h);
    EXPECT_EQ(parsed->payload, "ab");
}

TEST(FrameTest, StreamEndAndFinishPackets) {
    Header eof{kRemote, 1, 211, MessageType::kStream, 7, MessageStatus::kContinue};
    Header finish{kRemote, 1, 211, MessageType::kStream, 7, MessageStatus::kOk};
    EXPECT_EQ(toHex(*encodeFrame(eof, "")),
              toHex(fromHex("0000001c 20008086 00000001 000000d3 00000003 00000007 00000002")));
    EXPECT_EQ(toHex(*encodeFrame(finish, "")),
              toHex(fromHex("0000001c 20008086 00000001 000000d3 00000003 00000007 00000000")));
}

TEST(FrameTest, LengthLimits) {
    EXPECT_EQ(*decodeFrameLength(fromHex("0000001c")), 28U);
    EXPECT_EQ(*decodeFrameLength(fromHex("02000004")), kFrameMax);
    auto small = decodeFrameLength(fromHex("00000003"));
    ASSERT_FALSE(small);
    EXPECT_EQ(small.error().code, ErrorCode::kRpc);
    EXPECT_NE(small.error().message.find("too small"), std::string::npos);
    EXPECT_FALSE(decodeFrameLength(fromHex("0000001b")));
    auto large = decodeFrameLength(fromHex("02000005"));
    ASSERT_FALSE(large);
    EXPECT_NE(large.error().message.find("too large"), std::string::npos);
    EXPECT_FALSE(decodeFrameLength(fromHex("ffffffff")));
    EXPECT_FALSE(decodeFrameLength(fromHex("0000")));
}

TEST(FrameTest, DecodeFrameChecksLengthWord) {
    std::string bytes = fromHex(
        "00000020 20008086 00000001 0000003c 00000001 00000001 00000000 "
        "00000001");
    auto frame = decodeFrame(bytes);
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->header.proc, 60);
    EXPECT_EQ(frame->header.type, MessageType::kReply);
    EXPECT_EQ(frame->header.serial, 1U);
    EXPECT_EQ(frame->payload, fromHex("00000001"));
    EXPECT_FALSE(decodeFrame(bytes.substr(0, 28)));
    EXPECT_FALSE(decodeFrame(bytes + "xxxx"));
}

TEST(FrameTest, HeaderKeepsUnknownValues) {
    std::string bytes = fromHex("20008086 00000002 ffffffff 00000009 00000005 00000007");
    Decoder dec(bytes);
    auto h = decodeHeader(dec);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->vers, 2U);
    EXPECT_EQ(h->proc, -1);
    EXPECT_FALSE(isKnownType(h->type));
    EXPECT_FALSE(isKnownStatus(h->status));
    EXPECT_TRUE(isKnownType(MessageType::kStreamHole));
    EXPECT_TRUE(isKnownStatus(MessageStatus::kContinue));
}

TEST(FrameTest, TruncatedHeaderFails) {
    std::string bytes = fromHex("20008086 00000001 00000001 00000000 00000000");
    Decoder dec(bytes);
    auto h = decodeHeader(dec);
    ASSERT_FALSE(h);
    EXPECT_NE(h.error().message.find("Unable to decode message header"), std::string::npos);
}

TEST(FrameTest, BuildFrameInPlace) {
    std::string buffer = "previous";
    Header h{kRemote, 1, 23, MessageType::kCall, 6, MessageStatus::kOk};
    size_t start = beginFrame(buffer, h);
    Encoder enc(buffer);
    enc.putString("test", kStringMax);
    ASSERT_TRUE(finishFrame(buffer, start));
    EXPECT_EQ(buffer.substr(0, 8), "previous");
    EXPECT_EQ(toHex(buffer.substr(start)),
              toHex(fromHex("00000024 20008086 00000001 00000017 00000000 00000006 00000000 "
                            "00000004 74657374")));
}

TEST(FrameTest, OversizedFrameRefused) {
    std::string buffer;
    size_t start = beginFrame(buffer, Header{});
    buffer.resize(start + kFrameMax + 1);
    auto st = finishFrame(buffer, start);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("exceeds the maximum frame size"), std::string::npos);
    EXPECT_FALSE(encodeFrame(Header{}, std::string_view(buffer).substr(0, kPayloadMax + 1)));
    EXPECT_TRUE(encodeFrame(Header{}, std::string_view(buffer).substr(0, kPayloadMax)));
}

TEST(FrameTest, FdCount) {
    std::string ok32 = fromHex("00000020");
    std::string bad = fromHex("00000021");
    Decoder d1(ok32);
    EXPECT_EQ(*decodeFdCount(d1), 32U);
    Decoder d2(bad);
    EXPECT_FALSE(decodeFdCount(d2));
    EXPECT_TRUE(carriesFds(MessageType::kCallWithFds));
    EXPECT_FALSE(carriesFds(MessageType::kCall));
}

TEST(FrameTest, StreamHoleRoundTrip) {
    std::string buf;
    Encoder enc(buf);
    ASSERT_TRUE(encodeStreamHole(enc, StreamHole{1048576, 0}));
    EXPECT_EQ(toHex(buf), toHex(fromHex("00000000 00100000 00000000")));
    auto hole = decodeStreamHole(buf);
    ASSERT_TRUE(hole);
    EXPECT_EQ(hole->length, 1048576);
    EXPECT_FALSE(decodeStreamHole(buf.substr(0, 8)));
}

}  // namespace
}  // namespace nodevirt::xdr
