// DataStreamSink: connects a driver::DataStream (volume upload/download, screenshot, console)
// to a ServerStream. Client data is written to the DataStream; server data is read from it
// only when the rpc layer asks (produce), i.e. only while the client's socket drains, and a
// DataStream with a pollFd() is waited on by the event loop rather than by a thread.
#pragma once

#include <functional>
#include <string>

#include "driver/stream.h"
#include "rpc/stream_sink.h"

namespace nodevirt::rpc {

class DataStreamSink final : public StreamSink {
  public:
    // Encodes an Error as a remote_error payload (provided by the remote layer).
    using ErrorEncoder = std::function<std::string(const Error&)>;
    enum class Direction {
        kToClient,    // downloads, screenshots: the server sends data
        kFromClient,  // uploads: the client sends data
        kBoth,        // consoles and channels
    };

    DataStreamSink(driver::DataStreamPtr stream, ErrorEncoder encode, Direction direction);
    // Aborts the DataStream unless it was finished.
    ~DataStreamSink() override;

    StreamStatus onData(std::string data) override;
    StreamStatus onHole(int64_t length, uint32_t flags) override;
    StreamStatus onFinish() override;
    void onAbort() override;
    void onClosed() override;
    ProduceResult produce(ServerStream& stream, size_t budget) override;

  private:
    StreamStatus failed(const Error& error);
    [[nodiscard]] bool sends() const { return direction_ != Direction::kFromClient; }
    [[nodiscard]] bool receives() const { return direction_ != Direction::kToClient; }

    driver::DataStreamPtr stream_;
    ErrorEncoder encode_;
    Direction direction_;
    bool ended_ = false;  // finished or aborted
};

}  // namespace nodevirt::rpc
