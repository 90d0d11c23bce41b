// rpc_syscall_probe: a tiny server and clients for counting syscalls per call with strace
// (docs/rpc.md "Measured cost per call"). Not a test: run it under `strace -c -f`.
//   rpc_syscall_probe serve SOCK inline|worker|post [CLIENTS]
//                                                     serve until CLIENTS (default 1) have left
//   rpc_syscall_probe client SOCK N                   N blocking calls from a raw socket
//   rpc_syscall_probe transport SOCK N                N calls through rpc::ClientTransport
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include "rpc/client_transport.h"
#include "rpc/server.h"

namespace nodevirt::rpc {
namespace {

enum class Mode { kInline, kWorker, kPost };

// Answers every call with a 4-byte payload, like CONNECT_GET_VERSION.
class ProbeHandler : public FrameHandler {
  public:
    explicit ProbeHandler(Mode mode) : mode_(mode) {}
    std::atomic<long> left{0};
    std::atomic<long> calls{0};

    void onFrame(Call call) override {
        calls.fetch_add(1, std::memory_order_relaxed);
        switch (mode_) {
            case Mode::kInline:
                (void)call.reply(std::string("\0\0\x23\x28", 4));
                return;
            case Mode::kWorker:
                call.client()->submitWork([c = std::move(call)]() mutable {
                    (void)c.reply(std::string("\0\0\x23\x28", 4));
                });
                return;
            case Mode::kPost:
                // The alternative design: the worker hands the reply back to the I/O thread.
                call.client()->submitWork([c = std::move(call)]() mutable {
                    ClientRef client = c.client();
                    client->post([c = std::move(c)]() mutable {
                        (void)c.reply(std::string("\0\0\x23\x28", 4));
                    });
                });
                return;
        }
    }
    void onDisconnect(const ClientRef&) override { left.fetch_add(1); }

  private:
    Mode mode_;
};

int serve(const std::string& path, Mode mode, long clients) {
    ProbeHandler handler(mode);
    Server server(ServerConfig{}, handler);
    if (!server.addUnixListener({path, 0600, std::nullopt, false}) || !server.start()) return 1;
    // Bounded: a probe run that loses its clients ends after an hour.
    for (int i = 0; i < 180000 && handler.left < clients; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    server.shutdown();
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    auto us = [](const timeval& t) { return t.tv_sec * 1000000L + t.tv_usec; };
    long n = std::max(1L, handler.calls.load());
    std::fprintf(stderr,
                 "server cpu: %ld us user, %ld us sys, %ld voluntary switches; %ld calls, "
                 "%.2f us/call, %.2f voluntary switches/call\n",
                 us(ru.ru_utime), us(ru.ru_stime), ru.ru_nvcsw, n,
                 static_cast<double>(us(ru.ru_utime) + us(ru.ru_stime)) / n,
                 static_cast<double>(ru.ru_nvcsw) / n);
    return 0;
}

bool writeAll(int fd, const char* p, size_t n) {
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w <= 0) return false;
        p += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

bool readAll(int fd, char* p, size_t n) {
    while (n > 0) {
        ssize_t r = ::read(fd, p, n);
        if (r <= 0) return false;
        p += r;
        n -= static_cast<size_t>(r);
    }
    return true;
}

int rawClient(const std::string& path, long n) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    for (int i = 0; i < 100 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    char frame[28];
    for (long i = 0; i < n; ++i) {
        Header h{0x20008086, 1, 4, MessageType::kCall, static_cast<uint32_t>(i),
                 MessageStatus::kOk};
        storeBigEndian32(frame, 28);
        writeHeaderBytes(h, frame + 4);
        char reply[32];
        if (!writeAll(fd, frame, sizeof(frame)) || !readAll(fd, reply, sizeof(reply))) {
            std::fprintf(stderr, "call %ld failed\n", i);
            return 1;
        }
    }
    ::close(fd);
    return 0;
}

int transportClient(const std::string& path, long n) {
    auto client = ClientTransport::connectUnix(path);
    for (int i = 0; i < 100 && !client; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        client = ClientTransport::connectUnix(path);
    }
    if (!client) return 1;
    for (long i = 0; i < n; ++i) {
        if (!(*client)->call(0x20008086, 4, "")) return 1;
    }
    return 0;
}

}  // namespace
}  // namespace nodevirt::rpc

int main(int argc, char** argv) {
    using namespace nodevirt::rpc;  // NOLINT
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s serve SOCK inline|worker|post | client SOCK N | "
                             "transport SOCK N\n", argv[0]);
        return 2;
    }
    std::string cmd = argv[1];
    std::string path = argv[2];
    std::string arg = argv[3];
    if (cmd == "serve") {
        Mode mode = arg == "worker" ? Mode::kWorker : arg == "post" ? Mode::kPost : Mode::kInline;
        long clients = argc > 4 ? std::stol(argv[4]) : 1;
        return serve(path, mode, std::max(1L, clients));
    }
    if (cmd == "client") return rawClient(path, std::stol(arg));
    if (cmd == "transport") return transportClient(path, std::stol(arg));
    return 2;
}
