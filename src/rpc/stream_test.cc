// Streams end to end: server sinks/producers behind rpc::Server, clients both raw (TestPeer,
// to see the wire) and ClientTransport (the remote driver's view).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "rpc/client_transport.h"
#include "rpc/data_stream_sink.h"
#include "rpc/server.h"
#include "rpc/test_handler.h"
#include "rpc/test_peer.h"

namespace nodevirt::rpc {
namespace {

using namespace testing;  // NOLINT
using std::chrono::milliseconds;

constexpr uint32_t kProg = 0x20008086;

// Records what the client sent; produces `total` bytes of a known pattern.
struct SinkLog {
    std::mutex mu;
    std::string received;
    size_t produced = 0;
    int finishes = 0;
    int aborts = 0;
    int closes = 0;
    std::atomic<size_t> max_queued{0};
};

char patternAt(size_t i) { return static_cast<char>('a' + (i * 7) % 26); }

// The pattern repeats every 26 bytes, so every chunk is a slice of one block.
const std::string& patternBlock() {
    static const std::string block = [] {
        std::string b(kStreamChunkMax + 26, '\0');
        for (size_t i = 0; i < b.size(); ++i) b[i] = patternAt(i);
        return b;
    }();
    return block;
}

class PatternSink : public StreamSink {
  public:
    PatternSink(std::shared_ptr<SinkLog> log, size_t total, ClientRef client,
                std::optional<size_t> fail_after = {})
        : log_(std::move(log)), total_(total), client_(std::move(client)),
          fail_after_(fail_after) {}

    StreamStatus onData(std::string data) override {
        std::lock_guard lock(log_->mu);
        log_->received += data;
        if (fail_after_ && log_->received.size() >= *fail_after_) {
            return tl::unexpected(std::string("disk full"));
        }
        return {};
    }
    StreamStatus onHole(int64_t length, uint32_t flags) override {
        std::lock_guard lock(log_->mu);
        log_->received += "<hole " + std::to_string(length) + "/" + std::to_string(flags) + ">";
        return {};
    }
    StreamStatus onFinish() override {
        std::lock_guard lock(log_->mu);
        ++log_->finishes;
        return {};
    }
    void onAbort() override {
        std::lock_guard lock(log_->mu);
        ++log_->aborts;
    }
    void onClosed() override {
        std::lock_guard lock(log_->mu);
        ++log_->closes;
    }
    ProduceResult produce(ServerStream& stream, size_t budget) override {
        size_t queued = client_->outgoingBytes();
        if (queued > log_->max_queued) log_->max_queued = queued;
        if (total_ == 0) return {ProduceState::kDone};  // upload-only stream
        std::lock_guard lock(log_->mu);
        if (log_->produced >= total_) {
            (void)stream.sendEof();
            return {ProduceState::kDone};
        }
        size_t n = std::min({budget, size_t{kStreamChunkMax}, total_ - log_->produced});
        std::string chunk = patternBlock().substr(log_->produced % 26, n);
        log_->produced += n;
        (void)stream.sendData(std::move(chunk));
        return {ProduceState::kMore};
    }

  private:
    std::shared_ptr<SinkLog> log_;
    size_t total_;
    ClientRef client_;
    std::optional<size_t> fail_after_;
};

class StreamTest : public ::testing::Test {
  protected:
    void start(size_t total, std::optional<size_t> fail_after = {}) {
        handler_.make_sink = [this, total, fail_after]() -> std::unique_ptr<StreamSink> {
            return std::make_unique<PatternSink>(log_, total, handler_.clients().back(),
                                                 fail_after);
        };
        server_ = std::make_unique<Server>(ServerConfig{}, handler_);
        ASSERT_TRUE(server_->addUnixListener({path_, 0600, std::nullopt, false}));
        ASSERT_TRUE(server_->start());
    }
    void TearDown() override {
        if (server_) server_->shutdown();
    }
    size_t produced() {
        std::lock_guard lock(log_->mu);
        return log_->produced;
    }
    std::string received() {
        std::lock_guard lock(log_->mu);
        return log_->received;
    }

    TempDir dir_;
    std::string path_ = dir_.file("sock");
    TestHandler handler_;
    std::shared_ptr<SinkLog> log_ = std::make_shared<SinkLog>();
    std::unique_ptr<Server> server_;
};

TEST_F(StreamTest, DownloadOnTheWireWithFlowControlEofAndFinish) {
    constexpr size_t kTotal = size_t{24} << 20;
    start(kTotal);
    TestPeer p(path_);
    ASSERT_TRUE(p.send(callHeader(5, kStream)));
    auto reply = p.read();
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->header.type, MessageType::kReply);  // the reply precedes all data

    // Not reading: the server must stop producing at about its high-water mark plus what
    // the socket buffers hold, far below the 24 MiB it could send.
    ASSERT_TRUE(eventually([&] { return produced() > 0; }));
    ::usleep(200000);
    size_t stalled = produced();
    EXPECT_LT(stalled, size_t{8} << 20);
    EXPECT_LE(log_->max_queued.load(), kStreamHighWater);

    size_t got = 0;
    bool pattern_ok = true;
    for (;;) {
        auto f = p.read();
        ASSERT_TRUE(f) << "after " << got << " bytes";
        ASSERT_EQ(f->header.type, MessageType::kStream);
        ASSERT_EQ(f->header.serial, 5u);
        ASSERT_EQ(f->header.proc, kStream);
        ASSERT_EQ(f->header.status, MessageStatus::kContinue);
        ASSERT_LE(f->payload.size(), kStreamChunkMax);
        if (f->payload.empty()) break;  // EOF
        for (size_t i = 0; i < f->payload.size() && pattern_ok; i += 4099) {
            pattern_ok = f->payload[i] == patternAt(got + i);
        }
        got += f->payload.size();
    }
    EXPECT_TRUE(pattern_ok);
    EXPECT_EQ(got, kTotal);
    Header finish{kProg, 1, kStream, MessageType::kStream, 5, MessageStatus::kOk};
    ASSERT_TRUE(p.send(finish));
    auto ack = p.read();
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->header, finish);
    EXPECT_TRUE(ack->payload.empty());
    std::lock_guard lock(log_->mu);
    EXPECT_EQ(log_->finishes, 1);
}

TEST_F(StreamTest, UploadAbortAndUnknownSerialOnTheWire) {
    start(0);
    TestPeer p(path_);
    ASSERT_TRUE(p.send(callHeader(2, kStream)));
    ASSERT_TRUE(p.read());
    Header data{kProg, 1, kStream, MessageType::kStream, 2, MessageStatus::kContinue};
    ASSERT_TRUE(p.send(data, "ab"));
    ASSERT_TRUE(p.send(Header{kProg, 1, kStream, MessageType::kStreamHole, 2,
                              MessageStatus::kContinue},
                       words({0, 4096, 1})));
    // Packets for other serials or procedures are dropped silently.
    ASSERT_TRUE(p.send(Header{kProg, 1, kStream, MessageType::kStream, 99,
                              MessageStatus::kContinue}, "lost"));
    ASSERT_TRUE(p.send(Header{kProg, 1, kEcho, MessageType::kStream, 2, MessageStatus::kContinue},
                       "lost"));
    ASSERT_TRUE(p.send(data, "cd"));
    // Client abort: STREAM/ERROR with an empty payload, answered by STREAM/OK.
    Header abort{kProg, 1, kStream, MessageType::kStream, 2, MessageStatus::kError};
    ASSERT_TRUE(p.send(abort));
    auto ack = p.read();
    ASSERT_TRUE(ack);
    EXPECT_EQ(ack->header.type, MessageType::kStream);
    EXPECT_EQ(ack->header.status, MessageStatus::kOk);
    EXPECT_EQ(received(), "ab<hole 4096/1>cd");
    {
        std::lock_guard lock(log_->mu);
        EXPECT_EQ(log_->aborts, 1);
        EXPECT_EQ(log_->finishes, 0);
    }
    // After the stream ended, its packets are dropped and the connection lives on.
    ASSERT_TRUE(p.send(data, "late"));
    ASSERT_TRUE(p.send(callHeader(3, kEcho), "still here"));
    auto f = p.read();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->payload, "still here");
    EXPECT_EQ(received(), "ab<hole 4096/1>cd");
}

TEST_F(StreamTest, ClientDownloadThroughTransport) {
    constexpr size_t kTotal = size_t{40} << 20;  // beyond the client's buffer bound
    start(kTotal);
    auto client = ClientTransport::connectUnix(path_);
    ASSERT_TRUE(client);
    auto sc = (*client)->callWithStream(kProg, kStream, "");
    ASSERT_TRUE(sc) << sc.error().message;
    EXPECT_EQ(sc->reply.header.status, MessageStatus::kOk);
    // Not consuming: the client stops reading at its buffer bound, so the server stalls too.
    ASSERT_TRUE(eventually([&] { return produced() > 0; }));
    ::usleep(300000);
    EXPECT_LT(produced(), size_t{24} << 20);
    size_t got = 0;
    bool pattern_ok = true;
    for (;;) {
        auto pkt = sc->stream->recv(kWait);
        ASSERT_TRUE(pkt) << pkt.error().message;
        ASSERT_NE(pkt->kind, StreamPacket::Kind::kWouldBlock) << "stalled at " << got;
        if (pkt->kind == StreamPacket::Kind::kEof) break;
        ASSERT_EQ(pkt->kind, StreamPacket::Kind::kData);
        pattern_ok = pattern_ok && pkt->data.front() == patternAt(got) &&
                     pkt->data.back() == patternAt(got + pkt->data.size() - 1);
        got += pkt->data.size();
    }
    EXPECT_TRUE(pattern_ok);
    EXPECT_EQ(got, kTotal);
    auto st = sc->stream->finish();
    ASSERT_TRUE(st);
    EXPECT_TRUE(*st);
    // The connection still carries calls.
    auto r = (*client)->call(kProg, kEcho, "after");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->payload, "after");
}

TEST_F(StreamTest, ClientUploadWithFlowControlAndFinish) {
    start(0);
    auto client = ClientTransport::connectUnix(path_);
    ASSERT_TRUE(client);
    auto sc = (*client)->callWithStream(kProg, kStream, "");
    ASSERT_TRUE(sc);
    std::string expected;
    for (int i = 0; i < 40; ++i) {
        std::string block(300000 + i, static_cast<char>('A' + i % 26));
        expected += block;
        ASSERT_TRUE(sc->stream->send(std::move(block)));
    }
    ASSERT_TRUE(sc->stream->sendHole(1 << 20, 0));
    auto st = sc->stream->finish();
    ASSERT_TRUE(st) << st.error().message;
    EXPECT_TRUE(*st);
    EXPECT_EQ(received(), expected + "<hole 1048576/0>");
    std::lock_guard lock(log_->mu);
    EXPECT_EQ(log_->finishes, 1);
}

TEST_F(StreamTest, ServerErrorDuringUploadReachesTheClient) {
    start(0, 100);
    auto client = ClientTransport::connectUnix(path_);
    ASSERT_TRUE(client);
    auto sc = (*client)->callWithStream(kProg, kStream, "");
    ASSERT_TRUE(sc);
    ASSERT_TRUE(sc->stream->send(std::string(200, 'x')));
    auto pkt = sc->stream->recv(kWait);
    ASSERT_TRUE(pkt);
    ASSERT_EQ(pkt->kind, StreamPacket::Kind::kError);
    EXPECT_EQ(pkt->data, "disk full");
    EXPECT_EQ(sc->stream->serverError(), std::optional<std::string>("disk full"));
    EXPECT_FALSE(sc->stream->send("more"));
    auto st = sc->stream->finish();
    ASSERT_TRUE(st);
    ASSERT_FALSE(*st);
    EXPECT_EQ(st->error(), "disk full");
}

TEST_F(StreamTest, ClientAbortThroughTransport) {
    start(0);
    auto client = ClientTransport::connectUnix(path_);
    ASSERT_TRUE(client);
    auto sc = (*client)->callWithStream(kProg, kStream, "");
    ASSERT_TRUE(sc);
    ASSERT_TRUE(sc->stream->send("partial"));
    auto st = sc->stream->abort();
    ASSERT_TRUE(st);
    EXPECT_TRUE(*st);
    std::lock_guard lock(log_->mu);
    EXPECT_EQ(log_->aborts, 1);
    EXPECT_EQ(log_->received, "partial");
}

TEST_F(StreamTest, DisconnectClosesOpenStreams) {
    start(0);
    {
        TestPeer p(path_);
        ASSERT_TRUE(p.send(callHeader(1, kStream)));
        ASSERT_TRUE(p.read());
    }
    ASSERT_TRUE(handler_.waitUntil([&] { return handler_.disconnects() == 1; }));
    std::lock_guard lock(log_->mu);
    EXPECT_EQ(log_->closes, 1);
    EXPECT_FALSE(handler_.last_stream->isOpen());
}

TEST_F(StreamTest, StreamErrorOpeningCallClosesClientStream) {
    start(0);
    auto client = ClientTransport::connectUnix(path_);
    ASSERT_TRUE(client);
    auto sc = (*client)->callWithStream(kProg, 999, "");  // the handler answers with an error
    ASSERT_TRUE(sc);
    EXPECT_EQ(sc->reply.header.status, MessageStatus::kError);
    EXPECT_FALSE(sc->stream->send("x"));
}

// A DataStream over a pipe: the event loop waits on the pipe's fd.
class PipeDataStream : public driver::DataStream {
  public:
    explicit PipeDataStream(UniqueFd rd) : rd_(std::move(rd)) {
        ::fcntl(rd_.get(), F_SETFL, ::fcntl(rd_.get(), F_GETFL) | O_NONBLOCK);
    }
    Result<driver::StreamRead> read(size_t max) override {
        driver::StreamRead r;
        r.data.resize(max);
        ssize_t n = ::read(rd_.get(), r.data.data(), max);
        if (n < 0) {
            r.data.clear();
            if (errno == EAGAIN) r.would_block = true;
            else return fail(systemError(errno, "read"));
        } else {
            r.data.resize(static_cast<size_t>(n));
            r.eof = n == 0;
        }
        return r;
    }
    Status write(std::string_view data) override {
        written += data;
        return ok();
    }
    Status finish() override {
        finished = true;
        return ok();
    }
    void abort() override { aborted = true; }
    int pollFd() const override { return rd_.get(); }

    std::string written;
    bool finished = false;
    bool aborted = false;

  private:
    UniqueFd rd_;
};

TEST_F(StreamTest, DataStreamSinkWaitsOnThePollFd) {
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    UniqueFd wr(p[1]);
    auto* raw = new PipeDataStream(UniqueFd(p[0]));
    driver::DataStreamPtr ds(raw);
    handler_.make_sink = [&]() -> std::unique_ptr<StreamSink> {
        return std::make_unique<DataStreamSink>(
            std::move(ds), [](const Error& e) { return "ERR:" + e.message; },
            DataStreamSink::Direction::kBoth);
    };
    server_ = std::make_unique<Server>(ServerConfig{}, handler_);
    ASSERT_TRUE(server_->addUnixListener({path_, 0600, std::nullopt, false}));
    ASSERT_TRUE(server_->start());
    auto client = ClientTransport::connectUnix(path_);
    ASSERT_TRUE(client);
    auto sc = (*client)->callWithStream(kProg, kStream, "");
    ASSERT_TRUE(sc);
    auto pkt = sc->stream->recv(milliseconds(50));
    ASSERT_TRUE(pkt);
    EXPECT_EQ(pkt->kind, StreamPacket::Kind::kWouldBlock);  // nothing written yet
    ASSERT_EQ(::write(wr.get(), "hello", 5), 5);
    pkt = sc->stream->recv(kWait);
    ASSERT_TRUE(pkt);
    ASSERT_EQ(pkt->kind, StreamPacket::Kind::kData);
    EXPECT_EQ(pkt->data, "hello");
    ASSERT_TRUE(sc->stream->send("typed"));  // console input goes to the DataStream
    wr.reset();
    pkt = sc->stream->recv(kWait);
    ASSERT_TRUE(pkt);
    EXPECT_EQ(pkt->kind, StreamPacket::Kind::kEof);
    auto st = sc->stream->finish();
    ASSERT_TRUE(st && *st);
    EXPECT_EQ(raw->written, "typed");
    EXPECT_TRUE(raw->finished);
    EXPECT_FALSE(raw->aborted);
}

}  // namespace
}  // namespace nodevirt::rpc
