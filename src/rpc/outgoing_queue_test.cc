#include "rpc/outgoing_queue.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rpc/test_peer.h"

namespace nodevirt::rpc {
namespace {

using testing::callHeader;
using testing::frameBytes;

// A transport that accepts at most `limit` bytes per write and records everything.
class RecordingTransport : public Transport {
  public:
    size_t limit = SIZE_MAX;
    size_t budget = SIZE_MAX;  // total bytes before it says "would block"
    std::string written;
    std::vector<std::pair<size_t, int>> fds;  // (offset in `written`, fd)
    int writes = 0;

    int fd() const override { return -1; }
    IoResult read(std::span<char>, std::vector<UniqueFd>&) override { return {}; }
    IoResult write(std::span<const iovec> data) override {
        ++writes;
        if (budget == 0) return IoResult{IoState::kWouldBlock, 0, 0, true};
        size_t n = 0;
        for (const iovec& v : data) {
            size_t take = std::min({v.iov_len, limit - n, budget});
            written.append(static_cast<const char*>(v.iov_base), take);
            n += take;
            budget -= take;
            if (take < v.iov_len) break;
        }
        return IoResult{IoState::kDone, n, 0, false};
    }
    IoResult sendFd(int fd) override {
        if (budget == 0) return IoResult{IoState::kWouldBlock, 0, 0, true};
        fds.emplace_back(written.size(), fd);
        written.push_back('\0');
        --budget;
        return IoResult{IoState::kDone, 1, 0, false};
    }
    bool canPassFds() const override { return true; }
    std::string describe() const override { return "recording"; }
    void shutdown() override {}
};

TEST(OutgoingQueueTest, GathersSeveralFramesInOneWrite) {
    OutgoingQueue q;
    std::string expected;
    for (uint32_t s = 0; s < 5; ++s) {
        Header h = callHeader(s);
        h.type = MessageType::kReply;
        auto f = OutgoingFrame::make(h, "payload" + std::to_string(s));
        ASSERT_TRUE(f);
        expected += frameBytes(h, "payload" + std::to_string(s));
        q.push(std::move(*f));
    }
    EXPECT_EQ(q.bytes(), expected.size());
    RecordingTransport t;
    IoResult r = q.flush(t);
    EXPECT_EQ(r.state, IoState::kDone);
    EXPECT_EQ(t.written, expected);
    EXPECT_EQ(t.writes, 1);
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.bytes(), 0u);
}

TEST(OutgoingQueueTest, ResumesAfterPartialWrites) {
    OutgoingQueue q;
    std::string expected;
    for (uint32_t s = 0; s < 3; ++s) {
        std::string payload(1000 + s, static_cast<char>('a' + s));
        expected += frameBytes(callHeader(s), payload);
        q.push(*OutgoingFrame::make(callHeader(s), payload));
    }
    RecordingTransport t;
    t.limit = 7;
    t.budget = 100;
    EXPECT_EQ(q.flush(t).state, IoState::kWouldBlock);
    EXPECT_EQ(q.bytes(), expected.size() - 100);
    t.budget = SIZE_MAX;
    EXPECT_EQ(q.flush(t).state, IoState::kDone);
    EXPECT_EQ(t.written, expected);
}

TEST(OutgoingQueueTest, FdsGoRightAfterTheirFrame) {
    OutgoingQueue q;
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    Header h{0x20008086, 1, 7, MessageType::kReplyWithFds, 2, MessageStatus::kOk};
    std::vector<UniqueFd> fds;
    fds.emplace_back(p[0]);
    fds.emplace_back(p[1]);
    q.push(*OutgoingFrame::make(callHeader(1), "first"));
    q.push(*OutgoingFrame::make(h, "ret", std::move(fds)));
    q.push(*OutgoingFrame::make(callHeader(3), "after"));
    RecordingTransport t;
    EXPECT_EQ(q.flush(t).state, IoState::kDone);
    std::string first = frameBytes(callHeader(1), "first");
    std::string mid = frameBytes(h, "ret", 2);
    std::string after = frameBytes(callHeader(3), "after");
    EXPECT_EQ(t.written, first + mid + std::string(2, '\0') + after);
    ASSERT_EQ(t.fds.size(), 2u);
    EXPECT_EQ(t.fds[0], std::make_pair(first.size() + mid.size(), p[0]));
    EXPECT_EQ(t.fds[1], std::make_pair(first.size() + mid.size() + 1, p[1]));
}

TEST(OutgoingQueueTest, RejectsInvalidFrames) {
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    std::vector<UniqueFd> fds;
    fds.emplace_back(p[0]);
    fds.emplace_back(p[1]);
    EXPECT_FALSE(OutgoingFrame::make(callHeader(1), "", std::move(fds)));  // CALL cannot carry fds
    EXPECT_FALSE(OutgoingFrame::make(callHeader(1), std::string(kFrameMax - kFrameMin + 1, 'x')));
    EXPECT_TRUE(OutgoingFrame::make(callHeader(1), std::string(kFrameMax - kFrameMin, 'x')));
    Header h{0x20008086, 1, 7, MessageType::kReplyWithFds, 2, MessageStatus::kOk};
    std::vector<UniqueFd> many;
    for (int i = 0; i < 33; ++i) many.emplace_back(::dup(0));
    EXPECT_FALSE(OutgoingFrame::make(h, "", std::move(many)));
}

TEST(OutgoingQueueTest, OverRealSocketPair) {
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
    SocketTransport a{UniqueFd{sv[0]}, true, "a"};
    SocketTransport b{UniqueFd{sv[1]}, true, "b"};
    OutgoingQueue q;
    std::string payload(300000, 'q');
    for (uint32_t s = 0; s < 8; ++s) q.push(*OutgoingFrame::make(callHeader(s), payload));
    FrameReader reader;
    int frames = 0;
    for (int round = 0; round < 10000 && frames < 8; ++round) {
        IoResult w = q.flush(a);
        ASSERT_NE(w.state, IoState::kError);
        std::vector<UniqueFd> fds;
        IoResult r = b.read(reader.readSpace(), fds);
        if (r.state == IoState::kDone) reader.commit(r.bytes);
        while (auto f = reader.next()) {
            if (!f->has_value()) break;
            EXPECT_EQ((*f)->header.serial, static_cast<uint32_t>(frames));
            EXPECT_EQ((*f)->payload.size(), payload.size());
            ++frames;
        }
    }
    EXPECT_EQ(frames, 8);
}

}  // namespace
}  // namespace nodevirt::rpc
