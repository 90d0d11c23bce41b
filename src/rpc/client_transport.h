// rpc::ClientTransport: the client end of libvirt's RPC for the remote driver. One connection
// with a background I/O thread: concurrent call()s from any thread (serials from 0, matched
// by serial and checked against the procedure), events delivered in order to a callback,
// keepalive both ways, streams, and a close callback. Transports are pluggable (unix, TCP now;
// TLS and ssh-command later) through rpc::Transport.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rpc/frame_reader.h"
#include "rpc/stream_sink.h"
#include "rpc/transport.h"
#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

class ClientCore;
class ClientStream;

class ClientTransport {
  public:
    static Result<std::unique_ptr<ClientTransport>> connectUnix(const std::string& path);
    static Result<std::unique_ptr<ClientTransport>> connectTcp(const std::string& host,
                                                               uint16_t port);
    // Any connected, non-blocking transport (the seam for TLS and ssh-command transports).
    static std::unique_ptr<ClientTransport> create(TransportPtr transport);

    ClientTransport(const ClientTransport&) = delete;
    ClientTransport& operator=(const ClientTransport&) = delete;
    // Closes the connection and joins the I/O thread.
    ~ClientTransport();

    // Sends a CALL (CALL_WITH_FDS when fds are given) and waits for its reply. The reply frame
    // is returned as received: status OK with the ret payload, or status ERROR with an encoded
    // remote_error for the caller to decode. Errors are transport failures (connection closed,
    // reply for another procedure). Must not be called from a callback of this transport.
    Result<Frame> call(uint32_t prog, int32_t proc, std::string payload,
                       std::vector<UniqueFd> fds = {});

    // A call that opens a stream: the stream is registered before the call is sent, so no
    // data packet that follows the reply can be lost. On an ERROR reply the stream is closed.
    struct StreamCall {
        Frame reply;
        std::shared_ptr<ClientStream> stream;
    };
    Result<StreamCall> callWithStream(uint32_t prog, int32_t proc, std::string payload);

    // MESSAGE frames other than keepalive (events), in arrival order, on the I/O thread. Keep
    // it short and do not call call() from it (hand the event to another thread instead).
    void setEventHandler(std::function<void(Frame)> handler);
    // Called once, on the I/O thread, when the connection closes for any reason other than
    // close(): end of file, I/O error, protocol error, keepalive timeout.
    void setCloseHandler(std::function<void(const Error&)> handler);

    // PING the server after `interval` without receiving anything; close after `count`
    // unanswered PINGs (virsh uses 5 s and 6). Server PINGs are always answered.
    void startKeepalive(std::chrono::milliseconds interval, unsigned count);

    // The server is about to close the connection on purpose (the call that follows is
    // CONNECT_CLOSE): its end of file is then logged as routine, not as a warning.
    void expectClose();
    // Closes the connection; pending calls fail. Idempotent.
    void close();
    [[nodiscard]] bool isOpen() const;

  private:
    explicit ClientTransport(std::shared_ptr<ClientCore> core);
    std::shared_ptr<ClientCore> core_;
};

// What ClientStream::recv returns.
struct StreamPacket {
    enum class Kind {
        kData,        // `data` holds raw bytes
        kHole,        // sparse hole of hole_length bytes
        kEof,         // the server sent end of data (also for every later recv)
        kError,       // STREAM/ERROR: `data` holds the encoded remote_error
        kWouldBlock,  // nothing arrived within the timeout
    };
    Kind kind = Kind::kData;
    std::string data;
    int64_t hole_length = 0;
    uint32_t hole_flags = 0;
};

class ClientStream {
  public:
    virtual ~ClientStream() = default;

    [[nodiscard]] virtual uint32_t serial() const = 0;
    // Raw data as STREAM/CONTINUE packets of at most 262120 bytes. Blocks while the
    // connection's unsent output is above its high-water mark (flow control).
    virtual Status send(std::string data) = 0;
    virtual Status sendHole(int64_t length, uint32_t flags) = 0;
    // STREAM/OK, then waits for the server's answer: STREAM/OK gives an OK StreamStatus,
    // STREAM/ERROR one holding the encoded remote_error. The outer Error is a transport failure.
    virtual Result<StreamStatus> finish() = 0;
    // STREAM/ERROR with an empty payload, then waits for the server's answer (as finish()).
    virtual Result<StreamStatus> abort() = 0;
    // The encoded remote_error of a STREAM/ERROR the server sent on its own (e.g. an upload the
    // server could not write); send() fails once one arrived.
    [[nodiscard]] virtual std::optional<std::string> serverError() const = 0;
    // Next packet from the server; waits at most `timeout` (forever without one). Incoming data
    // is buffered up to a bound, after which the connection stops reading until recv() drains.
    virtual Result<StreamPacket> recv(std::optional<std::chrono::milliseconds> timeout = {}) = 0;
    // Runs on the I/O thread whenever a packet becomes available for recv().
    virtual void setReadableCallback(std::function<void()> callback) = 0;
};

}  // namespace nodevirt::rpc
