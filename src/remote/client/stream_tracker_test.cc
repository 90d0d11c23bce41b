// Streams through the remote driver against a scripted server (census §1.8): screenshot data
// then EOF and finish, upload data and finish, server-side errors, abort when dropped, and a
// reader waiting in poll() woken when the connection dies.
#include "remote/client/stream_tracker.h"

#include <gtest/gtest.h>
#include <poll.h>

#include "protocol/generated/traits.h"
#include "remote/client/testing/fake_server.h"

namespace nodevirt::remote {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
namespace p = protocol;
namespace pr = protocol::proc;

const driver::DomainRef kDom{"test", Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f").value(), 1};

WireFrame streamPacket(const WireFrame& call, int32_t status, std::string data = {}) {
    WireFrame f = call;
    f.type = kStream;
    f.status = status;
    f.payload = std::move(data);
    return f;
}

// Reads to the end the way the client library's Stream::recv does: poll() on pollFd() while
// read() would block. Bounded by the poll timeout.
Result<std::string> readAll(driver::DataStream& s) {
    std::string out;
    for (int round = 0; round < 10000; ++round) {
        NODEVIRT_ASSIGN_OR_RETURN(driver::StreamRead r, s.read(3));
        out += r.data;
        if (r.eof) return out;
        if (r.would_block) {
            pollfd pfd{s.pollFd(), POLLIN, 0};
            if (::poll(&pfd, 1, 10000) <= 0) return fail(internalError("stream never woke up"));
        }
    }
    return fail(internalError("too many rounds"));
}

TEST(RemoteStreamTest, ScreenshotDataEofAndFinish) {
    FakeServer server;
    server.on(211, [](FakeServer& s, const WireFrame& f) {
        if (f.type == kCall) {
            s.reply(f, p::DomainScreenshotRet{std::string("image/png")});
            s.send(streamPacket(f, kContinue, "abcd"));
            s.send(streamPacket(f, kContinue, "efg"));
            s.send(streamPacket(f, kContinue));  // EOF
        } else if (f.type == kStream && f.status == kOk) {
            s.send(streamPacket(f, kOk));
        }
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto shot = conn->domainLifecycle().screenshot(kDom, 0, 0);
    ASSERT_TRUE(shot) << shot.error().message;
    EXPECT_EQ(shot->first, "image/png");
    auto data = readAll(*shot->second);
    ASSERT_TRUE(data) << data.error().message;
    EXPECT_EQ(*data, "abcdefg");
    ASSERT_TRUE(shot->second->finish());
    auto frames = server.received();
    const WireFrame& fin = frames.back();
    EXPECT_EQ(hexWords(fin.bytes).substr(0, 8), "0000001c");
    EXPECT_EQ(fin.type, kStream);
    EXPECT_EQ(fin.status, kOk);
    EXPECT_EQ(fin.proc, 211);
    EXPECT_EQ(fin.serial, server.calls().back().serial);
}

TEST(RemoteStreamTest, UploadSendsRawDataThenFinishes) {
    FakeServer server;
    std::string uploaded;
    server.on(208, [&](FakeServer& s, const WireFrame& f) {
        if (f.type == kCall) return s.reply(f, p::Void{});
        if (f.status == kContinue) uploaded += f.payload;  // server thread only
        if (f.status == kOk) s.send(streamPacket(f, kOk));
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto up = conn->storage().uploadVol({"default-pool", "v", "/p/v"}, 0, 5, 0);
    ASSERT_TRUE(up) << up.error().message;
    ASSERT_TRUE((*up)->write("hel"));
    ASSERT_TRUE((*up)->write("lo"));
    ASSERT_TRUE((*up)->finish());
    EXPECT_EQ(uploaded, "hello");
    auto args = protocol::decodePayload<p::StorageVolUploadArgs>(server.calls().back().payload);
    ASSERT_TRUE(args);
    EXPECT_EQ(args->length, 5u);
    EXPECT_EQ(args->vol.key, "/p/v");
    // Finished streams refuse further use.
    EXPECT_FALSE((*up)->write("x"));
}

TEST(RemoteStreamTest, ServerErrorInsideTheStreamIsDecoded) {
    FakeServer server;
    const Error failure = Error::make(ErrorCode::kOperationFailed, ErrorDomain::kStorage, "disk gone");
    server.on(209, [&](FakeServer& s, const WireFrame& f) {
        if (f.type != kCall) return;
        s.reply(f, p::Void{});
        s.send(streamPacket(f, kContinue, "ab"));
        s.send(streamPacket(f, kError,
                            protocol::encodePayload(protocol::toRemoteError(failure)).value()));
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto down = conn->storage().downloadVol({"default-pool", "v", "/p/v"}, 0, 0, 0);
    ASSERT_TRUE(down);
    auto data = readAll(**down);
    ASSERT_FALSE(data);
    EXPECT_EQ(data.error().code, ErrorCode::kOperationFailed);
    EXPECT_EQ(data.error().message, failure.message);
}

TEST(RemoteStreamTest, DroppingAnUnfinishedStreamAborts) {
    FakeServer server;
    server.on(209, [](FakeServer& s, const WireFrame& f) {
        if (f.type == kCall) return s.reply(f, p::Void{});
        if (f.type == kStream && f.status == kError) s.send(streamPacket(f, kOk));
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    {
        auto down = conn->storage().downloadVol({"default-pool", "v", "/p/v"}, 0, 0, 0);
        ASSERT_TRUE(down);
    }
    auto frames = server.received();
    ASSERT_FALSE(frames.empty());
    EXPECT_EQ(frames.back().type, kStream);
    EXPECT_EQ(frames.back().status, kError);
    EXPECT_TRUE(frames.back().payload.empty());  // a client abort carries no error
}

TEST(RemoteStreamTest, FailedOpeningCallGivesNoStream) {
    FakeServer server;  // 211 unknown
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto shot = conn->domainLifecycle().screenshot(kDom, 0, 0);
    ASSERT_FALSE(shot);
    EXPECT_EQ(shot.error().code, ErrorCode::kNoSupport);
}

TEST(RemoteStreamTest, ReaderWaitingInPollWakesWhenTheConnectionDies) {
    FakeServer server;
    server.on(201, [](FakeServer& s, const WireFrame& f) {
        if (f.type == kCall) s.reply(f, p::Void{});
    });
    auto conn = server.open("test+unix:///default?socket=/x").value();
    auto console = conn->domainLifecycle().openConsole(kDom, std::nullopt, 0);
    ASSERT_TRUE(console);
    auto first = (*console)->read(10);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->would_block);
    server.closeConnection();
    auto rest = readAll(**console);
    ASSERT_FALSE(rest);  // the connection's end, not a hang
}

}  // namespace
}  // namespace nodevirt::remote
