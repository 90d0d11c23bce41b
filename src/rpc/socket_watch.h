// SocketWatch: a connected socket registered once, edge-triggered, with the io_context's epoll
// reactor and read from inside the reactor by its owner's own recvmsg (fds included). A wait
// for more data costs nothing: no EPOLL_CTL_MOD re-arm per wait as with Asio's async_wait
// (docs/rpc.md "Measured cost per call"). Uses Asio's reactor interface (asio::detail).
#pragma once

#include <asio/io_context.hpp>
// After io_context.hpp: the reactor header relies on what it declares.
#include <asio/detail/reactor.hpp>

#include <functional>
#include <memory>

#include "rpc/transport.h"
#include "util/result.h"

namespace nodevirt::rpc {

// What a SocketWatch reads for. Both run on the I/O thread.
class ReadTarget {
  public:
    struct Outcome {
        IoResult result;
        bool drained = false;  // a short read: the socket is empty now, the next edge wakes us
    };
    virtual ~ReadTarget() = default;
    // One non-blocking read into the target's own buffer, from inside the reactor when the
    // socket may have data. kWouldBlock means "nothing yet, wait for the next edge".
    virtual Outcome readSome() = 0;
    // Later, with readSome()'s outcome; aborted when the read was cancelled or the watch
    // released before data arrived.
    virtual void readDone(const IoResult& result, bool aborted) = 0;
};

class SocketWatch {
  public:
    explicit SocketWatch(asio::io_context& io);
    ~SocketWatch();
    SocketWatch(const SocketWatch&) = delete;
    SocketWatch& operator=(const SocketWatch&) = delete;

    // Registers fd (not owned; must stay open until release()).
    Status assign(int fd);
    [[nodiscard]] bool isOpen() const { return fd_ >= 0; }
    // Stops watching; pending operations complete as aborted. The fd is left open.
    void release();

    // Reads once through `target` (kept alive until readDone ran): at once if the socket
    // may hold data, otherwise when it becomes readable. At most one read pending.
    void asyncRead(std::shared_ptr<ReadTarget> target);
    // Calls done(true) once the socket is writable, done(false) when cancelled or released.
    void asyncWaitWritable(std::function<void(bool)> done);
    // Aborts a pending read only (a pending write wait stays).
    void cancelRead();

  private:
    asio::detail::reactor& reactor_;
    int fd_ = -1;
    asio::detail::reactor::per_descriptor_data data_{};  // the reactor's state for fd_
};

}  // namespace nodevirt::rpc
