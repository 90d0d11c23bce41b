#include "drivers/qemu/fake_qmp_server.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace nodevirt::qemu {
namespace {

constexpr size_t kMaxFds = 32;

Json defaultGreeting() {
    return Json::parse(R"({"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7},
        "package": "Debian 1:7.2+dfsg-7+deb12u18+b3"}, "capabilities": ["oob"]}})");
}

std::string line(const Json& j) { return j.dump() + "\r\n"; }

}  // namespace

FakeQmpStep FakeQmpStep::reply(std::string command, Json result) {
    FakeQmpStep s;
    s.expect = std::move(command);
    s.result = std::move(result);
    return s;
}

FakeQmpStep FakeQmpStep::error(std::string command, std::string cls, std::string desc) {
    FakeQmpStep s;
    s.expect = std::move(command);
    s.error_class = std::move(cls);
    s.error_desc = std::move(desc);
    return s;
}

Json fakeEvent(const std::string& name, Json data) {
    Json e{{"timestamp", {{"seconds", 1700000000}, {"microseconds", 1}}}, {"event", name}};
    if (!data.is_null()) e["data"] = std::move(data);
    return e;
}

Result<std::unique_ptr<FakeQmpServer>> FakeQmpServer::listenOn(const std::string& path) {
    sockaddr_un addr{};
    if (path.size() >= sizeof addr.sun_path) return fail(invalidArg("socket path too long"));
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd) return fail(systemError(errno, "cannot create socket"));
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    ::unlink(path.c_str());
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 ||
        ::listen(fd.get(), 4) < 0)
        return fail(systemError(errno, fmt::format("cannot listen on '{}'", path)));
    return adoptListener(std::move(fd));
}

Result<std::unique_ptr<FakeQmpServer>> FakeQmpServer::adoptListener(UniqueFd listener) {
    return std::unique_ptr<FakeQmpServer>(new FakeQmpServer(std::move(listener), UniqueFd()));
}

Result<std::pair<std::unique_ptr<FakeQmpServer>, UniqueFd>> FakeQmpServer::pair() {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return fail(systemError(errno, "cannot create socketpair"));
    UniqueFd mine(sv[0]), theirs(sv[1]);
    std::unique_ptr<FakeQmpServer> s(new FakeQmpServer(UniqueFd(), std::move(mine)));
    return std::make_pair(std::move(s), std::move(theirs));
}

FakeQmpServer::FakeQmpServer(UniqueFd listener, UniqueFd client)
    : listener_(std::move(listener)),
      client_(std::move(client)),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      greeting_(defaultGreeting()) {}

void FakeQmpServer::start() {
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

FakeQmpServer::~FakeQmpServer() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    wake();
    if (thread_.joinable()) thread_.join();
}

void FakeQmpServer::wake() {
    uint64_t one = 1;
    ssize_t n = ::write(wake_fd_.get(), &one, sizeof one);
    (void)n;
}

void FakeQmpServer::setGreeting(Json greeting) {
    std::lock_guard lock(mu_);
    greeting_ = std::move(greeting);
}

void FakeQmpServer::setAutoNegotiate(bool on) {
    std::lock_guard lock(mu_);
    auto_negotiate_ = on;
}

void FakeQmpServer::setResponder(Responder responder) {
    std::lock_guard lock(mu_);
    responder_ = std::move(responder);
}

void FakeQmpServer::addStep(FakeQmpStep step) {
    std::lock_guard lock(mu_);
    script_.push_back(std::move(step));
}

void FakeQmpServer::emitEvent(const std::string& name, Json data) {
    sendRaw(line(fakeEvent(name, std::move(data))));
}

void FakeQmpServer::sendRaw(std::string bytes) {
    {
        std::lock_guard lock(mu_);
        outbox_.push_back(std::move(bytes));
    }
    wake();
}

void FakeQmpServer::releaseDeferred() {
    {
        std::lock_guard lock(mu_);
        release_now_ = true;
    }
    wake();
}

void FakeQmpServer::closeClient() {
    {
        std::lock_guard lock(mu_);
        close_now_ = true;
    }
    wake();
}

std::vector<std::string> FakeQmpServer::commands() const {
    std::lock_guard lock(mu_);
    return commands_;
}

std::vector<FakeQmpCommand> FakeQmpServer::takeReceived() {
    std::lock_guard lock(mu_);
    return std::exchange(received_, {});
}

std::vector<std::string> FakeQmpServer::problems() const {
    std::lock_guard lock(mu_);
    return problems_;
}

bool FakeQmpServer::waitForCommands(size_t n, Millis timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return commands_.size() >= n; });
}

bool FakeQmpServer::waitForDisconnects(size_t n, Millis timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return disconnects_ >= n; });
}

void FakeQmpServer::run() {
    while (true) {  // one connection per pass; ends on stop
        {
            std::lock_guard lock(mu_);
            if (stop_) return;
        }
        if (!client_) {
            if (!listener_) return;
            struct pollfd p[2] = {{listener_.get(), POLLIN, 0}, {wake_fd_.get(), POLLIN, 0}};
            if (::poll(p, 2, 1000) <= 0) continue;
            if (p[1].revents) {
                uint64_t v;
                ssize_t n = ::read(wake_fd_.get(), &v, sizeof v);
                (void)n;
            }
            if (!(p[0].revents & POLLIN)) continue;
            client_.reset(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
            if (!client_) continue;
        }
        serveClient();
        client_.reset();
        {
            std::lock_guard lock(mu_);
            ++disconnects_;
            close_now_ = false;
            deferred_.clear();
        }
        cv_.notify_all();
    }
}

void FakeQmpServer::serveClient() {
    Json greeting;
    {
        std::lock_guard lock(mu_);
        greeting = greeting_;
    }
    if (!greeting.is_null() && !writeAll(line(greeting))) return;
    std::string inbuf;
    std::vector<UniqueFd> fds;
    while (true) {  // ends when the peer closes, on closeClient(), or on stop
        struct pollfd p[2] = {{client_.get(), POLLIN, 0}, {wake_fd_.get(), POLLIN, 0}};
        if (::poll(p, 2, 1000) < 0 && errno != EINTR) return;
        if (p[1].revents) {
            uint64_t v;
            ssize_t n = ::read(wake_fd_.get(), &v, sizeof v);
            (void)n;
        }
        if (!drainOutbox()) return;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            if (!readClient(inbuf, fds)) return;
        }
    }
}

// Sends queued events/raw bytes and released replies; false ends the connection.
bool FakeQmpServer::drainOutbox() {
    std::deque<std::string> out;
    std::vector<std::string> released;
    {
        std::lock_guard lock(mu_);
        if (stop_ || close_now_) return false;
        out.swap(outbox_);
        if (release_now_) released.swap(deferred_);
        release_now_ = false;
    }
    for (const auto& b : out) {
        if (!writeAll(b)) return false;
    }
    for (const auto& b : released) {
        if (!writeAll(b)) return false;
    }
    return true;
}

bool FakeQmpServer::readClient(std::string& inbuf, std::vector<UniqueFd>& fds) {
    char buf[65536];
    struct iovec iov {
        buf, sizeof buf
    };
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
    struct msghdr msg {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(client_.get(), &msg, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) return false;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
            fds.emplace_back(fd);
        }
    }
    inbuf.append(buf, static_cast<size_t>(n));
    size_t nl;
    while ((nl = inbuf.find('\n')) != std::string::npos) {  // bounded by the buffer
        std::string text = inbuf.substr(0, nl);
        inbuf.erase(0, nl + 1);
        Json cmd = Json::parse(text, nullptr, false);
        if (cmd.is_discarded() || !cmd.is_object() || !cmd.contains("execute")) {
            std::lock_guard lock(mu_);
            problems_.push_back("unparsable request: " + text);
            continue;
        }
        // Like QEMU, descriptors belong to the command they arrived with.
        if (!handleCommand(cmd, std::exchange(fds, {}))) return false;
    }
    return true;
}

bool FakeQmpServer::handleCommand(const Json& msg, std::vector<UniqueFd> fds) {
    std::string name = msg["execute"].is_string() ? msg["execute"].get<std::string>() : "";
    Json args = msg.contains("arguments") ? msg["arguments"] : Json();
    Json id = msg.contains("id") ? msg["id"] : Json();
    std::optional<FakeQmpStep> step;
    {
        std::lock_guard lock(mu_);
        commands_.push_back(name);
        received_.push_back(
            {name, args, id.is_string() ? id.get<std::string>() : "", std::move(fds)});
        if (name == "qmp_capabilities" && auto_negotiate_) {
            step = FakeQmpStep::reply(name);
        } else if (!script_.empty()) {
            step = std::move(script_.front());
            script_.pop_front();
            if (!step->expect.empty() && step->expect != name) {
                problems_.push_back(fmt::format("expected '{}', got '{}'", step->expect, name));
            } else if (step->expect_arguments && *step->expect_arguments != args) {
                problems_.push_back(fmt::format("arguments of '{}': expected {}, got {}", name,
                                                step->expect_arguments->dump(), args.dump()));
            }
        } else if (responder_) {
            step = responder_(name, args);
        }
        if (!step) {
            problems_.push_back(fmt::format("unexpected command '{}'", name));
            step = FakeQmpStep::error(name, "CommandNotFound",
                                      fmt::format("The command {} has not been found", name));
        }
    }
    cv_.notify_all();
    return play(*step, id);
}

bool FakeQmpServer::play(const FakeQmpStep& step, const Json& id) {
    using Action = FakeQmpStep::Action;
    if (step.action == Action::kClose) return false;
    if (step.action == Action::kHang) return true;
    if (step.action == Action::kRaw) return writeAll(step.raw, step.chunk);
    for (const auto& e : step.events_before) {
        if (!writeAll(line(e))) return false;
    }
    Json reply = step.error_class
                     ? Json{{"error", {{"class", *step.error_class}, {"desc", step.error_desc}}}}
                     : Json{{"return", step.result}};
    if (!id.is_null() && step.action != Action::kNoIdReply) reply["id"] = id;
    if (step.action == Action::kDefer) {
        std::lock_guard lock(mu_);
        deferred_.push_back(line(reply));
    } else if (!writeAll(line(reply), step.chunk)) {
        return false;
    }
    for (const auto& e : step.events_after) {
        if (!writeAll(line(e))) return false;
    }
    return !step.close_after;
}

bool FakeQmpServer::writeAll(std::string_view bytes, size_t chunk) {
    size_t off = 0;
    while (off < bytes.size()) {  // bounded by the message
        size_t len = bytes.size() - off;
        if (chunk > 0) len = std::min(len, chunk);
        ssize_t n = ::send(client_.get(), bytes.data() + off, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        off += static_cast<size_t>(n);
        if (chunk > 0) std::this_thread::yield();  // let the reader see a partial message
    }
    return true;
}

}  // namespace nodevirt::qemu
