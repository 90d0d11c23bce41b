// StreamImpl: the server's ServerStream. Routes client packets to the StreamSink, answers the
// finish/abort handshakes, and pumps server→client data from the sink's producer while the
// client's outgoing queue has room (or when the producer's fd becomes readable).
#pragma once

#include <asio/posix/stream_descriptor.hpp>

#include <atomic>
#include <memory>
#include <string>

#include "rpc/frame_reader.h"
#include "rpc/stream_sink.h"
#include "rpc/wire.h"

namespace nodevirt::rpc {

class Connection;

class StreamImpl final : public ServerStream, public std::enable_shared_from_this<StreamImpl> {
  public:
    StreamImpl(std::shared_ptr<Connection> conn, const Header& call,
               std::unique_ptr<StreamSink> sink);
    ~StreamImpl() override;

    [[nodiscard]] uint32_t prog() const override { return prog_; }
    [[nodiscard]] int32_t proc() const override { return proc_; }
    [[nodiscard]] uint32_t serial() const override { return serial_; }
    [[nodiscard]] bool isOpen() const override { return open_.load(); }

    Status sendData(std::string data) override;
    Status sendHole(int64_t length, uint32_t flags) override;
    Status sendEof() override;
    Status sendError(std::string encoded_error) override;
    void startSource() override;
    void wakeSource() override;
    void close() override;

    // I/O thread, from the connection.
    void onPacket(Frame frame);
    void closedByConnection();
    void pump();
    // Destroys the fd watcher (its asio object must not outlive the connection's I/O).
    void dropWatcher();

  private:
    Status sendPacket(MessageType type, MessageStatus status, std::string payload);
    // Marks the stream closed and unregisters it; false if it already was.
    bool markClosed();
    void stopSourceIo();
    void replyAndClose(const StreamStatus& status);
    void watchFd(int fd);

    std::shared_ptr<Connection> conn_;
    const uint32_t prog_;
    const int32_t proc_;
    const uint32_t serial_;
    std::unique_ptr<StreamSink> sink_;
    std::atomic<bool> open_{true};
    // I/O thread only.
    bool source_active_ = false;
    bool pump_scheduled_ = false;
    int watched_fd_ = -1;
    std::unique_ptr<asio::posix::stream_descriptor> watcher_;
};

}  // namespace nodevirt::rpc
