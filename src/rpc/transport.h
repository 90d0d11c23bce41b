// Transport: one connected byte stream (unix socket, TCP, later TLS or an ssh child's pipe)
// driven without blocking by an event loop. The loop waits for readiness on fd() and calls
// read/write; everything above this interface (framing, queues, keepalive, streams) is the same
// for every transport, so adding TLS means adding one class here.
#pragma once

#include <sys/uio.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "util/result.h"
#include "util/unique_fd.h"

namespace nodevirt::rpc {

enum class IoState {
    kDone,        // `bytes` were transferred
    kWouldBlock,  // nothing possible now; wait for readiness (see want_write)
    kClosed,      // orderly end of stream from the peer
    kError,       // `error` holds the errno
};

struct IoResult {
    IoState state = IoState::kDone;
    size_t bytes = 0;
    int error = 0;
    // With kWouldBlock: the transport needs the fd writable (not readable) to make progress.
    // Plain sockets say so for writes; TLS may say so for a read during renegotiation.
    bool want_write = false;
};

class Transport {
  public:
    virtual ~Transport() = default;

    // The descriptor the event loop polls; the transport keeps ownership.
    [[nodiscard]] virtual int fd() const = 0;
    // Reads up to buffer.size() bytes without blocking; fds passed along are appended to `fds`.
    virtual IoResult read(std::span<char> buffer, std::vector<UniqueFd>& fds) = 0;
    // Gather-writes without blocking; may transfer fewer bytes than offered.
    virtual IoResult write(std::span<const iovec> data) = 0;
    // Sends one fd with a single carrier byte (libvirt's convention for *_WITH_FDS messages).
    virtual IoResult sendFd(int fd) = 0;
    [[nodiscard]] virtual bool canPassFds() const = 0;
    // True when reads and writes must not run at the same time (e.g. one TLS session state);
    // the connection then takes its write lock around reads too.
    [[nodiscard]] virtual bool needsSerializedIo() const { return false; }
    // "unix:/run/x-sock" / "tcp:127.0.0.1:16509" for logs.
    [[nodiscard]] virtual std::string describe() const = 0;
    // Stops both directions (the peer sees EOF); the fd stays open until destruction.
    virtual void shutdown() = 0;
};

using TransportPtr = std::unique_ptr<Transport>;

// A plain connected socket. `unix_socket` enables SCM_RIGHTS fd passing.
class SocketTransport final : public Transport {
  public:
    SocketTransport(UniqueFd fd, bool unix_socket, std::string description);

    [[nodiscard]] int fd() const override { return fd_.get(); }
    IoResult read(std::span<char> buffer, std::vector<UniqueFd>& fds) override;
    IoResult write(std::span<const iovec> data) override;
    IoResult sendFd(int fd) override;
    [[nodiscard]] bool canPassFds() const override { return unix_; }
    [[nodiscard]] std::string describe() const override { return description_; }
    void shutdown() override;

  private:
    UniqueFd fd_;
    bool unix_;
    std::string description_;
};

// Client-side connectors (blocking connect, then the socket is switched to non-blocking).
Result<TransportPtr> connectUnixSocket(const std::string& path);
Result<TransportPtr> connectTcpSocket(const std::string& host, uint16_t port);

// Makes `fd` non-blocking and close-on-exec.
Status setNonBlocking(int fd);

}  // namespace nodevirt::rpc
