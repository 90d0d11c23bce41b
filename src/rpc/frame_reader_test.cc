#include "rpc/frame_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>

#include "rpc/test_peer.h"

namespace nodevirt::rpc {
namespace {

using testing::callHeader;
using testing::frameBytes;

void feed(FrameReader& r, std::string_view bytes) {
    while (!bytes.empty()) {
        auto space = r.readSpace();
        ASSERT_FALSE(space.empty());
        size_t n = std::min(space.size(), bytes.size());
        std::memcpy(space.data(), bytes.data(), n);
        r.commit(n);
        bytes.remove_prefix(n);
    }
}

TEST(FrameReaderTest, SplitsConcatenatedFrames) {
    FrameReader r;
    std::string bytes = frameBytes(callHeader(0, 66), "") + frameBytes(callHeader(1, 60), "abcd");
    feed(r, bytes);
    auto a = r.next();
    ASSERT_TRUE(a && a->has_value());
    EXPECT_EQ((*a)->header, callHeader(0, 66));
    EXPECT_EQ((*a)->payload, "");
    auto b = r.next();
    ASSERT_TRUE(b && b->has_value());
    EXPECT_EQ((*b)->header.serial, 1u);
    EXPECT_EQ((*b)->payload, "abcd");
    auto c = r.next();
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->has_value());
    EXPECT_EQ(r.buffered(), 0u);
}

TEST(FrameReaderTest, ByteByByte) {
    FrameReader r;
    std::string bytes = frameBytes(callHeader(9, 4), "payload!");
    for (size_t i = 0; i + 1 < bytes.size(); ++i) {
        feed(r, bytes.substr(i, 1));
        auto f = r.next();
        ASSERT_TRUE(f);
        ASSERT_FALSE(f->has_value()) << "at byte " << i;
    }
    feed(r, bytes.substr(bytes.size() - 1));
    auto f = r.next();
    ASSERT_TRUE(f && f->has_value());
    EXPECT_EQ((*f)->payload, "payload!");
}

TEST(FrameReaderTest, MatchesTheCensusVector) {
    // virsh's CONNECT_OPEN call (census §2.2).
    const unsigned char bytes[] = {
        0x00, 0x00, 0x00, 0x38, 0x20, 0x00, 0x80, 0x86, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0f, 0x74, 0x65, 0x73, 0x74, 0x3a, 0x2f,
        0x2f, 0x2f, 0x64, 0x65, 0x66, 0x61, 0x75, 0x6c, 0x74, 0x00, 0x00, 0x00, 0x00, 0x00};
    FrameReader r;
    feed(r, std::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
    auto f = r.next();
    ASSERT_TRUE(f && f->has_value());
    EXPECT_EQ((*f)->header, (Header{0x20008086, 1, 1, MessageType::kCall, 2, MessageStatus::kOk}));
    EXPECT_EQ((*f)->payload.size(), 0x38u - 28);
}

TEST(FrameReaderTest, RejectsBadLengthsWithoutGrowing) {
    for (uint32_t len : {0u, 4u, 27u, kFrameMax + 1, 0xffffffffu}) {
        FrameReader r;
        feed(r, testing::words({len}));
        auto f = r.next();
        ASSERT_FALSE(f) << len;
        EXPECT_EQ(f.error().code, ErrorCode::kRpc);
        EXPECT_FALSE(r.readingLargeFrame());
    }
}

TEST(FrameReaderTest, LargeFramesAreReadIntoTheirOwnPayload) {
    FrameReader r;
    std::string big(kFrameMax - kFrameMin, 'z');
    big[12345] = 'y';
    std::string bytes = frameBytes(callHeader(1), big) + frameBytes(callHeader(2), "small");
    // Feed in socket-sized pieces, asking for frames in between as the server does.
    std::vector<Frame> frames;
    size_t off = 0;
    while (off < bytes.size()) {
        auto space = r.readSpace();
        ASSERT_FALSE(space.empty());
        size_t n = std::min(space.size(), bytes.size() - off);
        std::memcpy(space.data(), bytes.data() + off, n);
        r.commit(n);
        off += n;
        for (;;) {
            auto f = r.next();
            ASSERT_TRUE(f);
            if (!f->has_value()) break;
            frames.push_back(std::move(**f));
        }
    }
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0].payload, big);
    EXPECT_EQ(frames[1].payload, "small");
    EXPECT_FALSE(r.readingLargeFrame());
    EXPECT_EQ(r.buffered(), 0u);
}

TEST(FrameReaderTest, LargeFrameWithFds) {
    FrameReader r;
    Header h{0x20008086, 1, 5, MessageType::kCallWithFds, 3, MessageStatus::kOk};
    std::string payload(200000, 'p');
    std::string bytes = frameBytes(h, payload, 1) + std::string(1, '\0');
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    ::close(p[1]);
    std::vector<Frame> frames;
    size_t off = 0;
    while (off < bytes.size()) {
        auto space = r.readSpace();
        size_t n = std::min(space.size(), bytes.size() - off);
        std::memcpy(space.data(), bytes.data() + off, n);
        r.commit(n);
        off += n;
        if (off == bytes.size()) {
            std::vector<UniqueFd> fds;
            fds.emplace_back(p[0]);
            r.addFds(fds);
        }
        auto f = r.next();
        ASSERT_TRUE(f);
        if (f->has_value()) frames.push_back(std::move(**f));
    }
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].payload, payload);
    ASSERT_EQ(frames[0].fds.size(), 1u);
    EXPECT_EQ(frames[0].fds[0].get(), p[0]);
}

TEST(FrameReaderTest, FdsFollowTheirFrame) {
    FrameReader r;
    Header h{0x20008086, 1, 5, MessageType::kCallWithFds, 3, MessageStatus::kOk};
    // Frame, then one carrier byte per fd, then the next frame.
    std::string bytes = frameBytes(h, "args", 2) + std::string(2, '\0') +
                        frameBytes(callHeader(4), "next");
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    feed(r, bytes.substr(0, 20));
    auto f = r.next();
    ASSERT_TRUE(f && !f->has_value());
    feed(r, bytes.substr(20, 36 - 20 + 1));  // frame + first carrier byte
    std::vector<UniqueFd> fds;
    fds.emplace_back(p[0]);
    r.addFds(fds);
    f = r.next();
    ASSERT_TRUE(f && !f->has_value());  // second fd's byte not there yet
    feed(r, bytes.substr(37, 1));
    fds.emplace_back(p[1]);
    r.addFds(fds);
    feed(r, bytes.substr(38));
    f = r.next();
    ASSERT_TRUE(f && f->has_value());
    EXPECT_EQ((*f)->payload, "args");
    ASSERT_EQ((*f)->fds.size(), 2u);
    EXPECT_EQ((*f)->fds[0].get(), p[0]);
    EXPECT_EQ((*f)->fds[1].get(), p[1]);
    f = r.next();
    ASSERT_TRUE(f && f->has_value());
    EXPECT_EQ((*f)->payload, "next");
}

TEST(FrameReaderTest, CarrierBytesWithoutFdsAreAnError) {
    FrameReader r;
    Header h{0x20008086, 1, 5, MessageType::kCallWithFds, 3, MessageStatus::kOk};
    feed(r, frameBytes(h, "", 1) + std::string(1, '\0'));
    auto f = r.next();
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().message.find("announced 1"), std::string::npos);
}

TEST(FrameReaderTest, FdCountOverLimitIsAnError) {
    FrameReader r;
    Header h{0x20008086, 1, 5, MessageType::kCallWithFds, 3, MessageStatus::kOk};
    feed(r, frameBytes(h, "", 33));
    auto f = r.next();
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().message.find("Too many FDs"), std::string::npos);
}

TEST(FrameReaderTest, WithFdsFrameTooShortForCount) {
    FrameReader r;
    Header h{0x20008086, 1, 5, MessageType::kCallWithFds, 3, MessageStatus::kOk};
    feed(r, frameBytes(h, ""));
    EXPECT_FALSE(r.next());
}

}  // namespace
}  // namespace nodevirt::rpc
