#include "rpc/client_transport.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "rpc/server.h"
#include "rpc/test_handler.h"
#include "rpc/test_peer.h"

namespace nodevirt::rpc {
namespace {

using namespace testing;  // NOLINT
using std::chrono::milliseconds;

constexpr uint32_t kProg = 0x20008086;
constexpr uint32_t kOtherProg = 0x20008087;

// Against the real server.
class ClientServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        server_ = std::make_unique<Server>(ServerConfig{}, handler_);
        ASSERT_TRUE(server_->addUnixListener({path_, 0600, std::nullopt, false}));
        ASSERT_TRUE(server_->start());
        auto c = ClientTransport::connectUnix(path_);
        ASSERT_TRUE(c) << c.error().message;
        client_ = std::move(*c);
    }
    void TearDown() override {
        client_.reset();
        server_->shutdown();
    }

    TempDir dir_;
    std::string path_ = dir_.file("sock");
    TestHandler handler_;
    std::unique_ptr<Server> server_;
    std::unique_ptr<ClientTransport> client_;
};

TEST_F(ClientServerTest, SerialsStartAtZeroAcrossPrograms) {
    for (uint32_t i = 0; i < 4; ++i) {
        auto r = client_->call(i % 2 ? kOtherProg : kProg, kEcho, words({i}));
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->header.serial, i);
        EXPECT_EQ(r->header.prog, i % 2 ? kOtherProg : kProg);
        EXPECT_EQ(r->header.type, MessageType::kReply);
        EXPECT_EQ(word(r->payload), i);
    }
}

TEST_F(ClientServerTest, ErrorRepliesAreReturnedForTheCallerToDecode) {
    auto r = client_->call(kProg, 999, "");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header.status, MessageStatus::kError);
    EXPECT_EQ(r->payload, words({39, 7}));
}

TEST_F(ClientServerTest, ConcurrentCallsFromManyThreads) {
    constexpr int kThreads = 8;
    constexpr int kCalls = 60;
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCalls; ++i) {
                uint32_t v = static_cast<uint32_t>(t * 1000 + i);
                auto r = client_->call(kProg, i % 3 == 0 ? kWorkerEcho : kEcho, words({v}));
                if (r && word(r->payload) == v) ++good;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(good.load(), kThreads * kCalls);
}

TEST_F(ClientServerTest, EventsInOrderOnTheCallback) {
    std::mutex mu;
    std::vector<uint32_t> seen;
    client_->setEventHandler([&](Frame f) {
        std::lock_guard lock(mu);
        EXPECT_EQ(f.header.type, MessageType::kMessage);
        seen.push_back(word(f.payload));
    });
    auto r = client_->call(kProg, kEvents, words({300}));
    ASSERT_TRUE(r);
    // Events precede the reply on the wire and the callback runs before the reply is handed
    // over, so all of them are there.
    std::lock_guard lock(mu);
    ASSERT_EQ(seen.size(), 300u);
    for (uint32_t i = 0; i < 300; ++i) ASSERT_EQ(seen[i], i);
}

TEST_F(ClientServerTest, PassesFds) {
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    UniqueFd rd(p[0]);
    std::vector<UniqueFd> fds;
    fds.emplace_back(p[1]);
    auto r = client_->call(kProg, kFds, "", std::move(fds));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->header.type, MessageType::kReplyWithFds);
    ASSERT_EQ(r->fds.size(), 1u);
    char buf[2];
    ASSERT_EQ(::read(rd.get(), buf, 2), 2);
    EXPECT_EQ(std::string(buf, 2), "ok");
    ASSERT_EQ(::read(r->fds[0].get(), buf, 2), 2);
    EXPECT_EQ(std::string(buf, 2), "fd");
}

TEST_F(ClientServerTest, LargeReply) {
    auto r = client_->call(kProg, kBig, words({kFrameMax - kFrameMin}));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->payload.size(), kFrameMax - kFrameMin);
}

TEST_F(ClientServerTest, ServerShutdownFailsPendingCallsAndReportsClose) {
    std::atomic<int> closes{0};
    client_->setCloseHandler([&](const Error&) { ++closes; });
    ASSERT_TRUE(client_->call(kProg, kEcho, "x"));
    server_->shutdown();
    ASSERT_TRUE(eventually([&] { return closes.load() == 1; }));
    EXPECT_FALSE(client_->isOpen());
    auto r = client_->call(kProg, kEcho, "x");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().domain, ErrorDomain::kRpc);
}

TEST(ClientTcpTest, CallsOverTcpWithoutFdPassing) {
    TestHandler handler;
    Server server(ServerConfig{}, handler);
    auto port = server.addTcpListener({"127.0.0.1", 0, false});
    ASSERT_TRUE(port);
    ASSERT_TRUE(server.start());
    auto client = ClientTransport::connectTcp("127.0.0.1", *port);
    ASSERT_TRUE(client) << client.error().message;
    auto r = (*client)->call(kProg, kEcho, "tcp");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->payload, "tcp");
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    ::close(p[0]);
    std::vector<UniqueFd> fds;
    fds.emplace_back(p[1]);
    EXPECT_FALSE((*client)->call(kProg, kFds, "", std::move(fds)));
    EXPECT_TRUE((*client)->isOpen());
    client->reset();
    server.shutdown();
}

TEST(ClientTcpTest, ConnectFailuresAreErrors) {
    EXPECT_FALSE(ClientTransport::connectUnix("/nonexistent/dir/sock"));
    EXPECT_FALSE(ClientTransport::connectTcp("127.0.0.1", 1));
}

// Against a scripted raw peer on a socketpair.
class ClientScriptedTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto [a, b] = socketPair();
        ASSERT_TRUE(a && b);
        client_ = ClientTransport::create(std::move(a));
        peer_ = std::make_unique<TestPeer>(std::move(b));
    }
    // Runs one call on a thread; the test plays the server.
    std::thread callAsync(int32_t proc, std::optional<Result<Frame>>& out) {
        return std::thread([this, proc, &out] { out = client_->call(kProg, proc, "args"); });
    }

    std::unique_ptr<ClientTransport> client_;
    std::unique_ptr<TestPeer> peer_;
};

TEST_F(ClientScriptedTest, ReplyForAnotherProcedureFailsTheCall) {
    std::optional<Result<Frame>> out;
    auto t = callAsync(60, out);
    auto call = peer_->read();
    ASSERT_TRUE(call);
    EXPECT_EQ(call->header, callHeader(0, 60));
    EXPECT_EQ(call->payload, "args");
    Header reply = call->header;
    reply.type = MessageType::kReply;
    reply.proc = 61;
    ASSERT_TRUE(peer_->send(reply));
    t.join();
    ASSERT_TRUE(out && !*out);
    EXPECT_NE(out->error().message.find("procedure"), std::string::npos);
    EXPECT_TRUE(client_->isOpen());
}

TEST_F(ClientScriptedTest, ReplyWithUnknownSerialClosesTheConnection) {
    std::atomic<int> closes{0};
    client_->setCloseHandler([&](const Error&) { ++closes; });
    std::optional<Result<Frame>> out;
    auto t = callAsync(1, out);
    ASSERT_TRUE(peer_->read());
    Header bogus = callHeader(42, 1);
    bogus.type = MessageType::kReply;
    ASSERT_TRUE(peer_->send(bogus));
    t.join();
    ASSERT_TRUE(out && !*out);
    EXPECT_TRUE(eventually([&] { return closes.load() == 1; }));
    EXPECT_FALSE(client_->isOpen());
    EXPECT_TRUE(peer_->waitClosed());
}

TEST_F(ClientScriptedTest, RepliesMatchedOutOfOrderWithEventsInterleaved) {
    std::vector<uint32_t> events;
    std::mutex mu;
    client_->setEventHandler([&](Frame f) {
        std::lock_guard lock(mu);
        events.push_back(word(f.payload));
    });
    std::optional<Result<Frame>> a, b;
    auto ta = callAsync(10, a);
    auto ca = peer_->read();
    auto tb = callAsync(11, b);
    auto cb = peer_->read();
    ASSERT_TRUE(ca && cb);
    Header event{kProg, 1, 318, MessageType::kMessage, 1, MessageStatus::kOk};
    ASSERT_TRUE(peer_->send(event, words({1})));
    Header rb = cb->header;
    rb.type = MessageType::kReply;
    ASSERT_TRUE(peer_->send(rb, "for b"));
    ASSERT_TRUE(peer_->send(event, words({2})));
    Header ra = ca->header;
    ra.type = MessageType::kReply;
    ASSERT_TRUE(peer_->send(ra, "for a"));
    ta.join();
    tb.join();
    ASSERT_TRUE(a && *a && b && *b);
    EXPECT_EQ((*a)->payload, "for a");
    EXPECT_EQ((*b)->payload, "for b");
    std::lock_guard lock(mu);
    EXPECT_EQ(events, (std::vector<uint32_t>{1, 2}));
}

TEST_F(ClientScriptedTest, AnswersServerPing) {
    ASSERT_TRUE(peer_->send(Header{kKeepaliveProgram, 1, kKeepalivePing, MessageType::kMessage, 0,
                                   MessageStatus::kOk}));
    auto f = peer_->read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header, (Header{kKeepaliveProgram, 1, kKeepalivePong, MessageType::kMessage, 0,
                                 MessageStatus::kOk}));
}

TEST_F(ClientScriptedTest, KeepaliveTimeoutClosesAndFailsPendingCalls) {
    std::mutex mu;
    std::optional<Error> reason;
    client_->setCloseHandler([&](const Error& e) {
        std::lock_guard lock(mu);
        reason = e;
    });
    client_->startKeepalive(milliseconds(50), 3);
    std::optional<Result<Frame>> out;
    auto t = callAsync(5, out);
    int pings = 0;
    while (auto f = peer_->read()) {
        if (f->header.prog == kKeepaliveProgram) {
            EXPECT_EQ(f->header.proc, kKeepalivePing);
            ++pings;
        }
    }
    t.join();
    EXPECT_EQ(pings, 3);
    ASSERT_TRUE(out && !*out);
    ASSERT_TRUE(eventually([&] {
        std::lock_guard lock(mu);
        return reason.has_value();
    }));
    std::lock_guard lock(mu);
    EXPECT_NE(reason->message.find("keepalive timeout"), std::string::npos);
}

TEST_F(ClientScriptedTest, KeepaliveSatisfiedByPongs) {
    // Five pings answered with count 3: only the answers kept it open (each may take 300 ms).
    client_->startKeepalive(milliseconds(100), 3);
    for (int i = 0; i < 5; ++i) {
        auto f = peer_->read();
        ASSERT_TRUE(f) << "closed after " << i << " pings";
        ASSERT_EQ(f->header.proc, kKeepalivePing);
        ASSERT_TRUE(peer_->send(Header{kKeepaliveProgram, 1, kKeepalivePong,
                                       MessageType::kMessage, 0, MessageStatus::kOk}));
    }
    EXPECT_TRUE(client_->isOpen());
}

TEST_F(ClientScriptedTest, PeerEofFailsPendingCall) {
    std::optional<Result<Frame>> out;
    auto t = callAsync(3, out);
    ASSERT_TRUE(peer_->read());
    peer_->close();
    t.join();
    ASSERT_TRUE(out && !*out);
    EXPECT_EQ(out->error().code, ErrorCode::kSystemError);
    EXPECT_NE(out->error().message.find("End of file"), std::string::npos);
}

TEST_F(ClientScriptedTest, GarbageFromServerClosesTheConnection) {
    std::atomic<int> closes{0};
    client_->setCloseHandler([&](const Error&) { ++closes; });
    ASSERT_TRUE(peer_->sendRaw(words({3})));
    EXPECT_TRUE(peer_->waitClosed());
    EXPECT_TRUE(eventually([&] { return closes.load() == 1; }));
}

TEST_F(ClientScriptedTest, CloseFromCallbackDoesNotDeadlock) {
    client_->setEventHandler([this](Frame) {
        // A call here would deadlock, so it fails at once; close() works.
        EXPECT_FALSE(client_->call(kProg, 1, ""));
        client_->close();
    });
    ASSERT_TRUE(peer_->send(Header{kProg, 1, 318, MessageType::kMessage, 1, MessageStatus::kOk}));
    EXPECT_TRUE(peer_->waitClosed());
    EXPECT_TRUE(eventually([&] { return !client_->isOpen(); }));
}

}  // namespace
}  // namespace nodevirt::rpc
