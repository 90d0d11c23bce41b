// Test helpers for socket-level rpc tests: TestPeer is a raw blocking libvirt-protocol peer
// (it can send anything, including broken frames) with bounded waits; TempDir gives each test
// its own socket directory.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rpc/frame_reader.h"
#include "rpc/transport.h"
#include "rpc/wire.h"

namespace nodevirt::rpc::testing {

inline constexpr std::chrono::milliseconds kWait{10000};

// Polls `pred` until it holds or `timeout` passes (for state without a notification).
template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = kWait) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        ::usleep(2000);
    }
    return true;
}

class TempDir {
  public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "rpc-test-XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        if (p != nullptr) path_ = p;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] std::string file(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

inline std::string frameBytes(const Header& h, std::string_view payload, int nfds = -1) {
    std::string out(kFrameMin, '\0');
    writeHeaderBytes(h, out.data() + kLengthWordSize);
    if (nfds >= 0) {
        char word[4];
        storeBigEndian32(word, static_cast<uint32_t>(nfds));
        out.append(word, 4);
    }
    out.append(payload);
    storeBigEndian32(out.data(), static_cast<uint32_t>(out.size()));
    return out;
}

inline uint32_t word(const std::string& s, size_t i = 0) {
    return s.size() >= (i + 1) * 4 ? loadBigEndian32(s.data() + i * 4) : 0;
}
inline std::string words(std::initializer_list<uint32_t> vs) {
    std::string out;
    for (uint32_t v : vs) {
        char b[4];
        storeBigEndian32(b, v);
        out.append(b, 4);
    }
    return out;
}

// A connected pair of non-blocking unix socket transports.
inline std::pair<TransportPtr, TransportPtr> socketPair() {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0) return {};
    return {std::make_unique<SocketTransport>(UniqueFd(sv[0]), true, "pair:a"),
            std::make_unique<SocketTransport>(UniqueFd(sv[1]), true, "pair:b")};
}

inline Header callHeader(uint32_t serial, int32_t proc = 1, uint32_t prog = 0x20008086) {
    return Header{prog, kProtocolVersion, proc, MessageType::kCall, serial, MessageStatus::kOk};
}

class TestPeer {
  public:
    explicit TestPeer(const std::string& path) {
        auto t = connectUnixSocket(path);
        if (t) transport_ = std::move(*t);
    }
    explicit TestPeer(TransportPtr transport) : transport_(std::move(transport)) {}
    [[nodiscard]] bool connected() const { return transport_ != nullptr; }
    [[nodiscard]] int fd() const { return transport_->fd(); }

    // Blocking write of all bytes (bounded by kWait).
    bool sendRaw(std::string_view bytes) {
        size_t off = 0;
        auto deadline = std::chrono::steady_clock::now() + kWait;
        while (off < bytes.size()) {
            iovec iov{const_cast<char*>(bytes.data()) + off, bytes.size() - off};
            IoResult r = transport_->write(std::span<const iovec>(&iov, 1));
            if (r.state == IoState::kDone) {
                off += r.bytes;
            } else if (r.state == IoState::kWouldBlock) {
                if (!waitFor(POLLOUT, deadline)) return false;
            } else {
                return false;
            }
        }
        return true;
    }
    bool send(const Header& h, std::string_view payload = {}) {
        return sendRaw(frameBytes(h, payload));
    }
    bool sendWithFds(const Header& h, std::string_view payload, const std::vector<int>& fds) {
        if (!sendRaw(frameBytes(h, payload, static_cast<int>(fds.size())))) return false;
        for (int fd : fds) {
            if (transport_->sendFd(fd).state != IoState::kDone) return false;
        }
        return true;
    }
    // Next frame, or nullopt on EOF/error/timeout (closed() then tells which).
    std::optional<Frame> read(std::chrono::milliseconds timeout = kWait) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            auto f = reader_.next();
            if (!f) return std::nullopt;
            if (f->has_value()) return std::move(**f);
            if (closed_) return std::nullopt;
            std::vector<UniqueFd> fds;
            IoResult r = transport_->read(reader_.readSpace(), fds);
            if (r.state == IoState::kDone) {
                reader_.commit(r.bytes);
                reader_.addFds(fds);
            } else if (r.state == IoState::kWouldBlock) {
                if (!waitFor(POLLIN, deadline)) return std::nullopt;
            } else {
                closed_ = true;
            }
        }
    }
    // Reads (discarding frames) until the server closes the connection; false on timeout.
    bool waitClosed(std::chrono::milliseconds timeout = kWait) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!closed_ && std::chrono::steady_clock::now() < deadline) {
            (void)read(std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now()));
        }
        return closed_;
    }
    [[nodiscard]] bool closed() const { return closed_; }
    void close() { transport_.reset(); }

  private:
    bool waitFor(short events, std::chrono::steady_clock::time_point deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{transport_->fd(), events, 0};
        return ::poll(&p, 1, static_cast<int>(left.count())) > 0;
    }

    TransportPtr transport_;
    FrameReader reader_;
    bool closed_ = false;
};

}  // namespace nodevirt::rpc::testing
