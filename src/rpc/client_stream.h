// ClientStreamImpl: the client end of one stream (census §1.8). Packets from the server are
// queued here by the I/O thread and taken by recv(); send/finish/abort go out through the
// connection. Incoming data beyond kClientStreamBufferMax pauses reading the socket.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "rpc/client_transport.h"
#include "rpc/wire.h"

namespace nodevirt::rpc {

class ClientCore;

inline constexpr size_t kClientStreamBufferMax = size_t{16} << 20;

class ClientStreamImpl final : public ClientStream,
                               public std::enable_shared_from_this<ClientStreamImpl> {
  public:
    ClientStreamImpl(std::shared_ptr<ClientCore> core, uint32_t prog, int32_t proc);

    // Set by the core when the opening call is sent.
    void bind(uint32_t serial) { serial_ = serial; }
    [[nodiscard]] uint32_t prog() const { return prog_; }
    [[nodiscard]] int32_t proc() const { return proc_; }

    [[nodiscard]] uint32_t serial() const override { return serial_; }
    Status send(std::string data) override;
    Status sendHole(int64_t length, uint32_t flags) override;
    Result<StreamStatus> finish() override;
    Result<StreamStatus> abort() override;
    [[nodiscard]] std::optional<std::string> serverError() const override;
    Result<StreamPacket> recv(std::optional<std::chrono::milliseconds> timeout) override;
    void setReadableCallback(std::function<void()> callback) override;

    // I/O thread.
    void onPacket(Frame frame);
    // The opening call failed or the connection closed: wake every waiter.
    void fail(const Error& error);

  private:
    Result<StreamStatus> endStream(MessageStatus status);
    Status checkSendable() const;
    Status sendPacket(MessageType type, MessageStatus status, std::string payload);

    std::shared_ptr<ClientCore> core_;
    const uint32_t prog_;
    const int32_t proc_;
    uint32_t serial_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<StreamPacket> packets_;
    size_t buffered_ = 0;
    bool over_limit_ = false;
    bool eof_ = false;
    bool ending_ = false;                   // we sent finish/abort
    std::optional<StreamStatus> end_reply_;  // the server's answer to it
    std::optional<std::string> server_error_;
    std::optional<Error> failure_;
    std::function<void()> readable_;
};

}  // namespace nodevirt::rpc
