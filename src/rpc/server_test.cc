#include "rpc/server.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "rpc/test_handler.h"
#include "rpc/test_peer.h"

namespace nodevirt::rpc {
namespace {

using namespace testing;  // NOLINT
using std::chrono::milliseconds;

class ServerTest : public ::testing::Test {
  protected:
    void startServer(ServerConfig config = {}) {
        server_ = std::make_unique<Server>(std::move(config), handler_);
        ASSERT_TRUE(server_->addUnixListener({path_, 0600, std::nullopt, false}));
        ASSERT_TRUE(server_->addUnixListener({ro_path_, 0666, ::getgid(), true}));
        ASSERT_TRUE(server_->start());
    }
    void TearDown() override {
        if (server_) server_->shutdown();
    }
    // One echo round trip on a fresh connection: proves the server still serves.
    void expectServing() {
        TestPeer p(path_);
        ASSERT_TRUE(p.connected());
        ASSERT_TRUE(p.send(callHeader(0, kEcho), "ping"));
        auto f = p.read();
        ASSERT_TRUE(f);
        EXPECT_EQ(f->payload, "ping");
    }

    TempDir dir_;
    std::string path_ = dir_.file("sock");
    std::string ro_path_ = dir_.file("sock-ro");
    TestHandler handler_;
    std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, EchoInlineAndOnWorker) {
    startServer();
    TestPeer p(path_);
    ASSERT_TRUE(p.connected());
    ASSERT_TRUE(p.send(callHeader(0, kEcho), "abcd"));
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.type, MessageType::kReply);
    EXPECT_EQ(f->header.status, MessageStatus::kOk);
    EXPECT_EQ(f->header.serial, 0u);
    EXPECT_EQ(f->header.proc, kEcho);
    EXPECT_EQ(f->header.prog, 0x20008086u);
    EXPECT_EQ(f->payload, "abcd");

    ASSERT_TRUE(p.send(callHeader(1, kWorkerEcho), "efgh"));
    f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.serial, 1u);
    EXPECT_EQ(f->header.proc, kWorkerEcho);
    EXPECT_EQ(f->payload, "efgh");
}

TEST_F(ServerTest, UnknownProcedureGetsErrorReplyFromHandler) {
    startServer();
    TestPeer p(path_);
    ASSERT_TRUE(p.send(callHeader(3, 999)));
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.status, MessageStatus::kError);
    EXPECT_EQ(f->header.proc, 999);
    EXPECT_EQ(f->header.serial, 3u);
}

TEST_F(ServerTest, PipelinedCallsAnsweredOutOfOrder) {
    startServer();
    TestPeer p(path_);
    // Serial 0 is held; serials 1..4 are answered at once, so they overtake it.
    ASSERT_TRUE(p.send(callHeader(0, kHold), "held"));
    for (uint32_t s = 1; s <= 4; ++s) {
        ASSERT_TRUE(p.send(callHeader(s, s % 2 ? kEcho : kWorkerEcho), words({s})));
    }
    std::set<uint32_t> seen;
    for (int i = 0; i < 4; ++i) {
        auto f = p.read();
        ASSERT_TRUE(f);
        EXPECT_EQ(word(f->payload), f->header.serial);
        seen.insert(f->header.serial);
    }
    EXPECT_EQ(seen, (std::set<uint32_t>{1, 2, 3, 4}));
    handler_.releaseHeld();
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.serial, 0u);
    EXPECT_EQ(f->payload, "held");
}

TEST_F(ServerTest, MaxClientRequestsStopsReadingUntilACallCompletes) {
    ServerConfig cfg;
    cfg.max_client_requests = 2;
    startServer(cfg);
    TestPeer p(path_);
    for (uint32_t s = 0; s < 5; ++s) ASSERT_TRUE(p.send(callHeader(s, kHold), words({s})));
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.heldCount() == 2; }));
    // The other three are queued in the socket/reader, not dispatched and not dropped.
    EXPECT_FALSE(handler_.waitUntil([&] { return handler_.frames() > 2; }, milliseconds(200)));
    handler_.releaseOne();
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.frames() == 3; }));
    EXPECT_FALSE(handler_.waitUntil([&] { return handler_.frames() > 3; }, milliseconds(100)));
    std::set<uint32_t> seen;
    for (int round = 0; round < 10 && seen.size() < 5; ++round) {
        handler_.releaseHeld();
        while (auto f = p.read(milliseconds(200))) seen.insert(word(f->payload));
    }
    EXPECT_EQ(seen, (std::set<uint32_t>{0, 1, 2, 3, 4}));
}

// A burst far larger than the 64 KiB read buffer and the socket buffers: the server reads it
// in many rounds (each full read is followed by another at once), its replies back up into
// the write queue (the client is not reading yet), and a second client is served meanwhile.
TEST_F(ServerTest, BurstBiggerThanTheReadBufferIsAnsweredInOrder) {
    startServer();
    TestPeer burst(path_);
    ASSERT_TRUE(burst.connected());
    constexpr uint32_t kCalls = 300;
    std::string bytes;
    for (uint32_t s = 0; s < kCalls; ++s) {
        bytes += frameBytes(callHeader(s, kEcho), words({s}) + std::string(1024, 'x'));
    }
    std::thread other([&] {
        for (int i = 0; i < 20; ++i) expectServing();
    });
    ASSERT_TRUE(burst.sendRaw(bytes));
    other.join();
    for (uint32_t s = 0; s < kCalls; ++s) {
        auto f = burst.read();
        ASSERT_TRUE(f) << "reply " << s;
        EXPECT_EQ(f->header.serial, s);
        EXPECT_EQ(word(f->payload), s);
        EXPECT_EQ(f->payload.size(), 4u + 1024u);
    }
    EXPECT_EQ(handler_.frames(), static_cast<int>(kCalls) + 20);
}

TEST_F(ServerTest, MaxClientsClosesExtraConnections) {
    ServerConfig cfg;
    cfg.max_clients = 2;
    startServer(cfg);
    TestPeer a(path_);
    TestPeer b(path_);
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.connects() == 2; }));
    TestPeer c(path_);
    ASSERT_TRUE(c.connected());  // accepted by the kernel, then closed by the server
    EXPECT_TRUE(c.waitClosed());
    for (TestPeer* p : {&a, &b}) {
        ASSERT_TRUE(p->send(callHeader(0, kEcho), "x"));
        auto f = p->read();
        ASSERT_TRUE(f);
        EXPECT_EQ(f->payload, "x");
    }
    EXPECT_EQ(server_->clientCount(), 2u);
    a.close();
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.disconnects() == 1; }));
    expectServing();  // a slot is free again
}

struct BadInput {
    const char* name;
    std::string bytes;
};

class ServerBadFrameTest : public ServerTest, public ::testing::WithParamInterface<BadInput> {};

TEST_P(ServerBadFrameTest, ClosesOnlyThatConnection) {
    startServer();
    TestPeer good(path_);
    ASSERT_TRUE(good.send(callHeader(0, kHold), "in-flight"));
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.heldCount() == 1; }));

    TestPeer bad(path_);
    ASSERT_TRUE(bad.sendRaw(GetParam().bytes));
    if (std::string_view(GetParam().name) == "truncated") bad.close();
    else EXPECT_TRUE(bad.waitClosed());
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.disconnects() == 1; }));
    EXPECT_EQ(handler_.frames(), 1);  // nothing from the bad peer reached the handler

    handler_.releaseHeld();
    auto f = good.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->payload, "in-flight");
    expectServing();
}

std::string lengthWord(uint32_t v) { return words({v}); }

INSTANTIATE_TEST_SUITE_P(
    Frames, ServerBadFrameTest,
    ::testing::Values(BadInput{"too_small", lengthWord(27) + std::string(40, 'x')},
                      BadInput{"zero", lengthWord(0)},
                      BadInput{"too_large", lengthWord(kFrameMax + 1) + std::string(64, 'x')},
                      BadInput{"huge", lengthWord(0xffffffff)},
                      BadInput{"garbage", std::string("GET / HTTP/1.1\r\nHost: x\r\n\r\n")},
                      BadInput{"truncated", frameBytes(callHeader(0, kEcho), "abc").substr(0, 20)},
                      BadInput{"too_many_fds", frameBytes(Header{0x20008086, 1, kFds,
                                                                  MessageType::kCallWithFds, 0,
                                                                  MessageStatus::kOk},
                                                           "", 33)}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ServerTest, ClientVanishingMidCallDropsTheReply) {
    startServer();
    {
        TestPeer p(path_);
        ASSERT_TRUE(p.send(callHeader(0, kWorkerHold), "x"));
        ASSERT_TRUE(handler_.waitUntil([&] { return handler_.workerWaiting() == 1; }));
    }
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.disconnects() == 1; }));
    handler_.releaseHeld();  // the worker replies to a closed client
    auto clients = handler_.clients();
    ASSERT_EQ(clients.size(), 1u);
    EXPECT_TRUE(clients[0]->closed());
    EXPECT_FALSE(clients[0]->sendFrame(callHeader(1), "late"));
    expectServing();
}

TEST_F(ServerTest, ServerAnswersPingWithPong) {
    startServer();
    TestPeer p(path_);
    ASSERT_TRUE(p.send(Header{kKeepaliveProgram, 1, kKeepalivePing, MessageType::kMessage, 0,
                              MessageStatus::kOk}));
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header, (Header{kKeepaliveProgram, 1, kKeepalivePong, MessageType::kMessage, 0,
                                 MessageStatus::kOk}));
    EXPECT_EQ(handler_.frames(), 0);
}

TEST_F(ServerTest, KeepaliveClosesSilentClient) {
    startServer();
    TestPeer p(path_);
    ASSERT_TRUE(p.send(callHeader(0, kKeepalive), words({5, 2})));  // 50 ms, 2 pings
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.type, MessageType::kReply);
    int pings = 0;
    while (auto frame = p.read()) {
        EXPECT_EQ(frame->header.prog, kKeepaliveProgram);
        EXPECT_EQ(frame->header.proc, kKeepalivePing);
        EXPECT_EQ(frame->header.serial, 0u);
        ++pings;
    }
    EXPECT_TRUE(p.closed());
    EXPECT_EQ(pings, 2);
}

TEST_F(ServerTest, KeepaliveKeepsAnsweringClient) {
    startServer();
    TestPeer p(path_);
    // 100 ms, 3 pings: each answer may take up to 300 ms (margin for a loaded machine).
    ASSERT_TRUE(p.send(callHeader(0, kKeepalive), words({10, 3})));
    ASSERT_TRUE(p.read());
    // Five pings answered: more than a silent client survives, so the answers kept it open.
    for (int i = 0; i < 5; ++i) {
        auto f = p.read();
        ASSERT_TRUE(f) << "closed after " << i << " pings";
        ASSERT_EQ(f->header.proc, kKeepalivePing);
        ASSERT_TRUE(p.send(Header{kKeepaliveProgram, 1, kKeepalivePong, MessageType::kMessage, 0,
                                  MessageStatus::kOk}));
    }
    ASSERT_TRUE(p.send(callHeader(1, kEcho), "alive"));
    std::optional<Frame> f;
    do {
        f = p.read();
    } while (f && f->header.prog == kKeepaliveProgram);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->payload, "alive");
}

TEST_F(ServerTest, EventsArriveInOrderBeforeTheReply) {
    startServer();
    TestPeer p(path_);
    constexpr uint32_t kCount = 500;
    ASSERT_TRUE(p.send(callHeader(7, kEvents), words({kCount})));
    for (uint32_t i = 0; i < kCount; ++i) {
        auto f = p.read();
        ASSERT_TRUE(f);
        ASSERT_EQ(f->header.type, MessageType::kMessage);
        EXPECT_EQ(f->header.serial, 1u);
        EXPECT_EQ(f->header.proc, 100);
        ASSERT_EQ(word(f->payload), i);
    }
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.type, MessageType::kReply);
    EXPECT_EQ(f->header.serial, 7u);
}

TEST_F(ServerTest, PassesFdsBothWays) {
    startServer();
    TestPeer p(path_);
    int a[2];
    int b[2];
    ASSERT_EQ(::pipe(a), 0);
    ASSERT_EQ(::pipe(b), 0);
    UniqueFd ar(a[0]), aw(a[1]), br(b[0]), bw(b[1]);
    Header h{0x20008086, 1, kFds, MessageType::kCallWithFds, 0, MessageStatus::kOk};
    ASSERT_TRUE(p.sendWithFds(h, "", {aw.get(), bw.get()}));
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->header.type, MessageType::kReplyWithFds);
    EXPECT_EQ(word(f->payload), 2u);
    ASSERT_EQ(f->fds.size(), 1u);
    char buf[2];
    ASSERT_EQ(::read(ar.get(), buf, 2), 2);
    EXPECT_EQ(std::string(buf, 2), "ok");
    ASSERT_EQ(::read(br.get(), buf, 2), 2);
    EXPECT_EQ(std::string(buf, 2), "ok");
    ASSERT_EQ(::read(f->fds[0].get(), buf, 2), 2);
    EXPECT_EQ(std::string(buf, 2), "fd");
    // The connection stays in sync after the carrier bytes.
    ASSERT_TRUE(p.send(callHeader(1, kEcho), "next"));
    f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->payload, "next");
}

TEST_F(ServerTest, TwoHundredConcurrentConnections) {
    startServer();
    std::vector<std::unique_ptr<TestPeer>> peers;
    for (int i = 0; i < 200; ++i) {
        peers.push_back(std::make_unique<TestPeer>(path_));
        ASSERT_TRUE(peers.back()->connected());
    }
    for (int i = 0; i < 200; ++i) {
        ASSERT_TRUE(peers[i]->send(callHeader(i, i % 2 ? kEcho : kWorkerEcho), words({uint32_t(i)})));
    }
    for (int i = 0; i < 200; ++i) {
        auto f = peers[i]->read();
        ASSERT_TRUE(f) << i;
        EXPECT_EQ(word(f->payload), static_cast<uint32_t>(i));
    }
    EXPECT_EQ(server_->clientCount(), 200u);
    peers.clear();
    EXPECT_TRUE(handler_.waitUntil([&] { return handler_.disconnects() == 200; }));
}

TEST_F(ServerTest, SlowReaderIsDisconnectedOthersUnaffected) {
    ServerConfig cfg;
    cfg.max_outgoing_bytes = 1 << 20;
    startServer(cfg);
    TestPeer slow(path_);
    // 64 replies of 256 KiB that are never read: far more than socket buffers + 1 MiB.
    for (uint32_t s = 0; s < 64; ++s) ASSERT_TRUE(slow.send(callHeader(s, kBig), words({256 << 10})));
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.disconnects() == 1; }));
    expectServing();
}

TEST_F(ServerTest, ReadOnlyListenerAndPeerCredentials) {
    startServer();
    TestPeer rw(path_);
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.connects() == 1; }));
    TestPeer ro(ro_path_);
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.connects() == 2; }));
    auto clients = handler_.clients();
    ASSERT_EQ(clients.size(), 2u);
    EXPECT_FALSE(clients[0]->readOnly());
    EXPECT_TRUE(clients[1]->readOnly());
    EXPECT_NE(clients[0]->id(), clients[1]->id());
    struct stat st {};
    ASSERT_EQ(::stat(path_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    ASSERT_EQ(::stat(ro_path_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0666u);
    EXPECT_EQ(st.st_gid, ::getgid());
    for (auto& c : clients) {
        EXPECT_TRUE(c->peer().known);
        EXPECT_EQ(c->peer().uid, ::getuid());
        EXPECT_EQ(c->peer().pid, ::getpid());
    }
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightCalls) {
    startServer();
    TestPeer p(path_);
    ASSERT_TRUE(p.send(callHeader(0, kWorkerHold), "finishing"));
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.workerWaiting() == 1; }));
    server_->requestShutdown();
    // New connections are refused once the listener is gone.
    ASSERT_TRUE(eventually([&] { return !std::filesystem::exists(path_); }));
    std::thread releaser([&] { handler_.releaseHeld(); });
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->payload, "finishing");
    EXPECT_TRUE(p.waitClosed());
    server_->wait();
    releaser.join();
    EXPECT_EQ(handler_.disconnects(), 1);
    server_.reset();
}

TEST_F(ServerTest, IdleCallbackWithoutClients) {
    std::atomic<int> idle{0};
    ServerConfig cfg;
    cfg.idle_timeout = milliseconds(50);
    cfg.on_idle = [&] { ++idle; };
    startServer(cfg);
    ASSERT_TRUE(eventually([&] { return idle.load() == 1; }));
    {
        TestPeer p(path_);
        ASSERT_TRUE(handler_.waitUntil([&] { return handler_.connects() == 1; }));
    }
    EXPECT_TRUE(eventually([&] { return idle.load() == 2; }));
}

TEST_F(ServerTest, HandlerExceptionClosesOnlyThatClient) {
    startServer();
    TestPeer p(path_);
    ASSERT_TRUE(p.send(callHeader(0, kThrow)));
    EXPECT_TRUE(p.waitClosed());
    expectServing();
}

TEST_F(ServerTest, TcpListener) {
    server_ = std::make_unique<Server>(ServerConfig{}, handler_);
    auto port = server_->addTcpListener({"127.0.0.1", 0, true});
    ASSERT_TRUE(port) << port.error().message;
    ASSERT_NE(*port, 0);
    ASSERT_TRUE(server_->start());
    auto t = connectTcpSocket("127.0.0.1", *port);
    ASSERT_TRUE(t) << t.error().message;
    TestPeer p(std::move(*t));
    ASSERT_TRUE(p.send(callHeader(0, kWorkerEcho), "over tcp"));
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->payload, "over tcp");
    auto clients = handler_.clients();
    ASSERT_EQ(clients.size(), 1u);
    EXPECT_FALSE(clients[0]->peer().known);
    EXPECT_TRUE(clients[0]->readOnly());
    EXPECT_NE(clients[0]->describe().find("tcp:127.0.0.1"), std::string::npos);
    // No fd passing over TCP: a CALL_WITH_FDS is a protocol error.
    Header h{0x20008086, 1, kFds, MessageType::kCallWithFds, 1, MessageStatus::kOk};
    ASSERT_TRUE(p.sendRaw(frameBytes(h, "", 0)));
    EXPECT_TRUE(p.waitClosed());
}

TEST_F(ServerTest, LiveSocketIsNotStolen) {
    startServer();
    Server other(ServerConfig{}, handler_);
    auto st = other.addUnixListener({path_, 0600, std::nullopt, false});
    EXPECT_FALSE(st);
    expectServing();
}

}  // namespace
}  // namespace nodevirt::rpc
