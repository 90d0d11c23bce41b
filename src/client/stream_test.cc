// Stream handles over a driver DataStream: blocking and non-blocking reads, the would-block
// path through pollFd(), bounded recvAll, uploads, finish/abort and use after close.
#include <gtest/gtest.h>
#include <unistd.h>

#include <deque>

#include "client/testing/api_case.h"
#include "client/testing/fake_driver.h"

namespace nodevirt::client::testing {
namespace {

// Shared between a FakeDataStream and the test, which inspects it after the stream is gone.
struct StreamLog {
    std::deque<driver::StreamRead> reads;  // answers to read(), in order; then EOF
    std::string written;
    int finished = 0, aborted = 0;
    bool fail_write = false;
    int poll_fd = -1;
};

class FakeDataStream : public driver::DataStream {
  public:
    explicit FakeDataStream(std::shared_ptr<StreamLog> log) : log_(std::move(log)) {}
    Result<driver::StreamRead> read(size_t max) override {
        if (log_->reads.empty()) return driver::StreamRead{"", true, false};
        driver::StreamRead r = log_->reads.front();
        if (r.data.size() > max) {
            log_->reads.front().data.erase(0, max);
            r.data.resize(max);
            return r;
        }
        log_->reads.pop_front();
        return r;
    }
    Status write(std::string_view data) override {
        if (log_->fail_write) return fail(operationFailed("disk full"));
        log_->written.append(data);
        return ok();
    }
    Status finish() override {
        ++log_->finished;
        return ok();
    }
    void abort() override { ++log_->aborted; }
    [[nodiscard]] int pollFd() const override { return log_->poll_fd; }

  private:
    std::shared_ptr<StreamLog> log_;
};

class StreamingLifecycle : public driver::DomainLifecycleOps {
  public:
    explicit StreamingLifecycle(std::shared_ptr<StreamLog> log) : log_(std::move(log)) {}
    Result<std::pair<std::string, driver::DataStreamPtr>> screenshot(const driver::DomainRef&,
                                                                     unsigned screen,
                                                                     unsigned) override {
        last_screen = screen;
        return std::make_pair(std::string("image/png"), std::make_unique<FakeDataStream>(log_));
    }
    Result<driver::DataStreamPtr> openConsole(const driver::DomainRef&,
                                              const std::optional<std::string>& dev,
                                              unsigned) override {
        last_dev = dev;
        return driver::DataStreamPtr(std::make_unique<FakeDataStream>(log_));
    }
    unsigned last_screen = 99;
    std::optional<std::string> last_dev;

  private:
    std::shared_ptr<StreamLog> log_;
};

class StreamingStorage : public driver::StorageOps {
  public:
    explicit StreamingStorage(std::shared_ptr<StreamLog> log) : log_(std::move(log)) {}
    Result<driver::DataStreamPtr> uploadVol(const driver::StorageVolRef& vol, uint64_t offset,
                                            uint64_t length, unsigned) override {
        last_vol = vol.name;
        last_offset = offset;
        last_length = length;
        return driver::DataStreamPtr(std::make_unique<FakeDataStream>(log_));
    }
    std::string last_vol;
    uint64_t last_offset = 0, last_length = 0;

  private:
    std::shared_ptr<StreamLog> log_;
};

class StreamTest : public ::testing::Test {
  protected:
    void SetUp() override {
        lifecycle_ = std::make_shared<StreamingLifecycle>(log_);
        storage_ = std::make_shared<StreamingStorage>(log_);
        fakes_.local->lifecycle = lifecycle_;
        fakes_.local->storage_ops = storage_;
        auto conn = openConnection(fakes_.set, "test:///default", OpenFlags::kNone);
        ASSERT_TRUE(conn);
        h_ = makeHandles(*conn);
    }
    std::shared_ptr<StreamLog> log_ = std::make_shared<StreamLog>();
    std::shared_ptr<StreamingLifecycle> lifecycle_;
    std::shared_ptr<StreamingStorage> storage_;
    FakeDrivers fakes_;
    Handles h_;
};

TEST_F(StreamTest, ScreenshotStreamsTheImage) {
    log_->reads = {{"\x89PNG", false, false}, {"rest", false, false}};
    auto shot = h_.dom.screenshot(1);
    ASSERT_TRUE(shot) << shot.error().message;
    EXPECT_EQ(lifecycle_->last_screen, 1u);
    EXPECT_EQ(shot->mime_type, "image/png");
    auto all = shot->stream.recvAll(1024);
    ASSERT_TRUE(all) << all.error().message;
    EXPECT_EQ(*all, "\x89PNGrest");
    EXPECT_TRUE(shot->stream.finish());
    EXPECT_EQ(log_->finished, 1);
}

TEST_F(StreamTest, RecvHonoursMaxAndSignalsEndWithEmptyString) {
    log_->reads = {{"abcdef", false, false}};
    auto shot = h_.dom.screenshot();
    ASSERT_TRUE(shot);
    EXPECT_EQ(*shot->stream.recv(4), "abcd");
    EXPECT_EQ(*shot->stream.recv(4), "ef");
    EXPECT_EQ(*shot->stream.recv(4), "");
}

TEST_F(StreamTest, BlockingRecvWaitsOnThePollDescriptor) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ASSERT_EQ(::write(fds[1], "x", 1), 1);  // readable: poll() returns at once
    log_->poll_fd = fds[0];
    log_->reads = {{"", false, true}, {"", false, true}, {"data", false, false}};
    auto console = h_.dom.openConsole("serial0");
    ASSERT_TRUE(console);
    EXPECT_EQ(lifecycle_->last_dev, "serial0");
    auto chunk = console->tryRecv(16);
    ASSERT_TRUE(chunk);
    EXPECT_TRUE(chunk->would_block);
    EXPECT_EQ(console->pollFd(), fds[0]);
    auto data = console->recv(16);
    ASSERT_TRUE(data) << data.error().message;
    EXPECT_EQ(*data, "data");
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST_F(StreamTest, WouldBlockWithoutDescriptorIsAnError) {
    log_->reads = {{"", false, true}};
    auto console = h_.dom.openConsole();
    ASSERT_TRUE(console);
    auto data = console->recv(16);
    ASSERT_FALSE(data);
    EXPECT_EQ(data.error().code, ErrorCode::kInternalError);
}

TEST_F(StreamTest, RecvAllIsBounded) {
    log_->reads = {{std::string(600, 'a'), false, false}, {std::string(600, 'b'), false, false}};
    auto shot = h_.dom.screenshot();
    ASSERT_TRUE(shot);
    auto all = shot->stream.recvAll(1000);
    ASSERT_FALSE(all);
    EXPECT_EQ(all.error().code, ErrorCode::kOverflow);
    EXPECT_EQ(log_->aborted, 1);
}

TEST_F(StreamTest, UploadSendsAndCommitsOnFinish) {
    auto up = h_.vol.upload(512, 4096);
    ASSERT_TRUE(up) << up.error().message;
    EXPECT_EQ(storage_->last_vol, "vol1");
    EXPECT_EQ(storage_->last_offset, 512u);
    EXPECT_EQ(storage_->last_length, 4096u);
    ASSERT_TRUE(up->send("hello "));
    ASSERT_TRUE(up->send("world"));
    ASSERT_TRUE(up->finish());
    EXPECT_EQ(log_->written, "hello world");
    EXPECT_EQ(log_->finished, 1);
    EXPECT_EQ(log_->aborted, 0);
    // A finished stream refuses further use.
    auto again = up->send("x");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kOperationInvalid);
}

TEST_F(StreamTest, FailedSendAbortsTheStream) {
    log_->fail_write = true;
    auto up = h_.vol.upload();
    ASSERT_TRUE(up);
    EXPECT_FALSE(up->send("x"));
    EXPECT_EQ(log_->aborted, 1);
    EXPECT_FALSE(up->finish());
}

TEST_F(StreamTest, DroppingAnUnfinishedStreamAbortsIt) {
    {
        auto up = h_.vol.upload();
        ASSERT_TRUE(up);
        Stream copy = *up;
        ASSERT_TRUE(copy.send("partial"));
    }
    EXPECT_EQ(log_->aborted, 1);
    EXPECT_EQ(log_->finished, 0);
}

TEST_F(StreamTest, AbortIsIdempotentAndInvalidStreamsFail) {
    auto up = h_.vol.upload();
    ASSERT_TRUE(up);
    EXPECT_TRUE(up->abort());
    EXPECT_TRUE(up->abort());
    EXPECT_EQ(log_->aborted, 1);
    Stream none;
    auto r = none.recv(1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidStream);
    EXPECT_EQ(r.error().message, "invalid stream pointer in virStreamRecv");
}

}  // namespace
}  // namespace nodevirt::client::testing
