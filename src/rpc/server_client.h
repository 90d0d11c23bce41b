// The server side as the procedure layer (src/remote) sees it: ServerClient (one connected
// client: identity, sending frames, keepalive, streams), Call (one received frame holding an
// in-flight slot until it is answered) and FrameHandler (what the daemon plugs in).
// Everything here is thread-safe unless it says "I/O thread".
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rpc/frame_reader.h"
#include "rpc/stream_sink.h"
#include "rpc/unique_function.h"
#include "rpc/wire.h"
#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

// SO_PEERCRED of a unix-socket client, captured at accept. `known` is false for TCP.
struct PeerCredentials {
    bool known = false;
    uid_t uid = 0;
    gid_t gid = 0;
    pid_t pid = 0;
};

class ServerClient;
using ClientRef = std::shared_ptr<ServerClient>;

class ServerClient {
  public:
    virtual ~ServerClient() = default;

    // Unique per server run, never reused; every log line about this client names it.
    [[nodiscard]] virtual uint64_t id() const = 0;
    [[nodiscard]] virtual const PeerCredentials& peer() const = 0;
    // Accepted on a listener flagged read-only (libvirt's -sock-ro).
    [[nodiscard]] virtual bool readOnly() const = 0;
    // "unix:/path" or "tcp:addr:port" of the peer/listener, for logs.
    [[nodiscard]] virtual std::string describe() const = 0;

    // Queues one frame (written at once when the socket allows, else by the I/O thread).
    // Fails when the client is gone or the frame is invalid; a client whose queue would exceed
    // the server's max_outgoing_bytes is disconnected instead.
    virtual Status sendFrame(const Header& header, std::string payload,
                             std::vector<UniqueFd> fds = {}) = 0;
    // Server-originated event: MESSAGE, serial 1 (as libvirtd sends), status OK.
    Status sendEvent(uint32_t prog, int32_t proc, std::string payload);

    // Starts server-side keepalive for this client (census §1.9): PING after `interval`
    // without receiving anything, close after `count` unanswered PINGs.
    virtual void startKeepalive(std::chrono::milliseconds interval, unsigned count) = 0;

    // Opens a stream bound to the call's (prog, proc, serial). Open it before queuing the
    // call's reply; STREAM packets for it are routed to `sink` from then on (I/O thread).
    virtual Result<std::shared_ptr<ServerStream>> openStream(
        const Header& call, std::unique_ptr<StreamSink> sink) = 0;

    // Closes the connection after writing what is already queued (bounded in time).
    virtual void close() = 0;
    [[nodiscard]] virtual bool closed() const = 0;

    // Runs `fn` on the I/O thread (dropped if the client is already closed).
    virtual void post(UniqueFunction fn) = 0;
    // Runs `fn` on the server's worker pool; false when the server is stopping.
    virtual bool submitWork(UniqueFunction fn) = 0;

    // Bytes queued for this client and not yet written (flow-control input for producers).
    [[nodiscard]] virtual size_t outgoingBytes() const = 0;

    // Per-connection state of the layer above (connection object, event registrations). Set
    // it in FrameHandler::onConnect; it is released after onDisconnect.
    void setContext(std::shared_ptr<void> context);
    [[nodiscard]] std::shared_ptr<void> context() const;

  protected:
    friend class Call;
    // One frame handed to the handler has completed (answered or dropped).
    virtual void completeCall() = 0;

  private:
    mutable std::mutex context_mutex_;
    std::shared_ptr<void> context_;
};

// A frame handed to FrameHandler::onFrame. It occupies one of the client's
// max_client_requests slots until it is answered with reply()/replyError() or destroyed.
class Call {
  public:
    Call(ClientRef client, Frame frame);
    Call(Call&& other) noexcept;
    Call& operator=(Call&& other) noexcept;
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;
    ~Call();

    [[nodiscard]] const ClientRef& client() const { return client_; }
    [[nodiscard]] const Header& header() const { return header_; }
    [[nodiscard]] const std::string& payload() const { return payload_; }
    std::vector<UniqueFd>& fds() { return fds_; }

    // REPLY (or REPLY_WITH_FDS when fds are given), status OK, same prog/vers/proc/serial.
    Status reply(std::string payload, std::vector<UniqueFd> fds = {});
    // REPLY, status ERROR, with an already encoded remote_error payload.
    Status replyError(std::string encoded_error);
    // Frees the slot without answering (for frames that need no reply).
    void finish();
    [[nodiscard]] bool pending() const { return client_ != nullptr && pending_; }

  private:
    ClientRef client_;
    Header header_;
    std::string payload_;
    std::vector<UniqueFd> fds_;
    bool pending_ = true;
};

class FrameHandler {
  public:
    virtual ~FrameHandler() = default;

    // Every frame that is not keepalive or stream traffic (CALL, CALL_WITH_FDS, and also
    // unexpected types, which libvirtd answers with an error), on the I/O thread. Answer
    // inline for cheap calls; move the Call into submitWork() for calls that may block.
    virtual void onFrame(Call call) = 0;
    // I/O thread; before the first frame of this client.
    virtual void onConnect(const ClientRef& /*client*/) {}
    // I/O thread; after the connection closed, for every client that saw onConnect. Drop event
    // registrations here. Calls still running on workers may finish later; their replies are
    // dropped.
    virtual void onDisconnect(const ClientRef& /*client*/) {}
};

}  // namespace nodevirt::rpc
