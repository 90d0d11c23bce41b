// unix_rpc_floor: the least a server can do for one libvirt-shaped request/reply on a unix
// socket, to measure what the kernel alone charges per call on this machine (docs/perf.md
// "The floor"). No framing library, no event library: 28-byte call in, 32-byte reply out.
//   unix_rpc_floor SOCK blocking|epoll|epoll-rearm [CLIENTS]
// Serves CLIENTS (default 1) connections of `rpc_syscall_probe client SOCK N`, then prints
// its own CPU time and context switches (getrusage) per call and exits.
//   blocking  one thread per client: blocking recv + send (2 syscalls, 1 sleep per call)
//   epoll     one thread for all clients: level-triggered epoll_wait, then recv + send for
//             each ready client (the shape of an event-loop daemon such as nodevirtd)
//   epoll-rearm  the same plus one EPOLL_CTL_MOD per call, what Asio's async_wait costs
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr size_t kCallBytes = 28;   // length word + 24-byte header, empty payload
constexpr size_t kReplyBytes = 32;  // length word + header + 4-byte version
constexpr int kMaxClients = 64;

// Builds the reply to one call: the call's header with type REPLY and a 4-byte payload.
void makeReply(const unsigned char* call, unsigned char* reply) {
    std::memcpy(reply, call, kCallBytes);
    reply[3] = kReplyBytes;  // big-endian length, < 256
    reply[4 + 16 + 3] = 1;   // type: REPLY
    const unsigned char version[4] = {0, 0, 0x23, 0x28};
    std::memcpy(reply + kCallBytes, version, sizeof(version));
}

// One complete call per recv: the probe client writes each call with one write(), so a
// short read here only happens at the very end (the client closed).
bool serveOne(int fd, int flags) {
    unsigned char call[kCallBytes];
    unsigned char reply[kReplyBytes];
    size_t got = 0;
    for (int attempt = 0; attempt < 8 && got < kCallBytes; ++attempt) {
        ssize_t n = ::recv(fd, call + got, kCallBytes - got, flags);
        if (n <= 0) return false;
        got += static_cast<size_t>(n);
    }
    if (got < kCallBytes) return false;
    makeReply(call, reply);
    return ::send(fd, reply, sizeof(reply), MSG_NOSIGNAL) == static_cast<ssize_t>(kReplyBytes);
}

void blockingClient(int fd, long* calls) {
    while (serveOne(fd, 0)) ++*calls;
    ::close(fd);
}

long runBlocking(int listener, int clients) {
    std::vector<std::thread> threads;
    std::vector<long> calls(static_cast<size_t>(clients), 0);
    for (int i = 0; i < clients; ++i) {
        int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) break;
        threads.emplace_back(blockingClient, fd, &calls[static_cast<size_t>(i)]);
    }
    long total = 0;
    for (size_t i = 0; i < threads.size(); ++i) {
        threads[i].join();
        total += calls[i];
    }
    return total;
}

long runEpoll(int listener, int clients, bool rearm) {
    int ep = ::epoll_create1(EPOLL_CLOEXEC);
    for (int i = 0; i < clients; ++i) {
        int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) break;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    long total = 0;
    int open = clients;
    epoll_event events[kMaxClients];
    while (open > 0) {
        int n = ::epoll_wait(ep, events, kMaxClients, 60000);
        if (n <= 0) break;
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (serveOne(fd, MSG_DONTWAIT)) {
                ++total;
                if (rearm) {
                    epoll_event ev{};
                    ev.events = EPOLLIN;
                    ev.data.fd = fd;
                    ::epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
                }
            } else {
                ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
                ::close(fd);
                --open;
            }
        }
    }
    ::close(ep);
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s SOCK blocking|epoll|epoll-rearm [CLIENTS]\n", argv[0]);
        return 2;
    }
    std::string mode = argv[2];
    int clients = argc > 3 ? std::atoi(argv[3]) : 1;
    bool known = mode == "blocking" || mode == "epoll" || mode == "epoll-rearm";
    if (clients < 1 || clients > kMaxClients || !known) {
        std::fprintf(stderr, "bad mode or client count (1..%d)\n", kMaxClients);
        return 2;
    }
    int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, argv[1], sizeof(addr.sun_path) - 1);
    ::unlink(argv[1]);
    if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(listener, kMaxClients) != 0) {
        std::perror("bind/listen");
        return 1;
    }
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    long calls = mode == "blocking" ? runBlocking(listener, clients)
                                    : runEpoll(listener, clients, mode == "epoll-rearm");
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    ::close(listener);
    ::unlink(argv[1]);
    auto us = [](const timeval& t) { return t.tv_sec * 1000000.0 + t.tv_usec; };
    double user = us(after.ru_utime) - us(before.ru_utime);
    double sys = us(after.ru_stime) - us(before.ru_stime);
    double per = calls > 0 ? 1.0 / static_cast<double>(calls) : 0.0;
    std::printf("%s clients=%d calls=%ld cpu_us/call=%.2f (user %.2f sys %.2f) "
                "vol_cs/call=%.2f invol_cs/call=%.3f\n",
                mode.c_str(), clients, calls, (user + sys) * per, user * per, sys * per,
                static_cast<double>(after.ru_nvcsw - before.ru_nvcsw) * per,
                static_cast<double>(after.ru_nivcsw - before.ru_nivcsw) * per);
    return 0;
}
