#include "drivers/qemu/qmp_client.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <algorithm>
#include <asio/error.hpp>
#include <asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <utility>

#include "util/logging.h"

namespace nodevirt::qemu {
namespace {

constexpr size_t kMaxFdsPerCommand = 16;
constexpr size_t kReadChunk = size_t{64} * 1024;
constexpr size_t kMaxAbandoned = 1024;
constexpr auto kRetryDelay = std::chrono::milliseconds(10);
// The handshake has its own deadline; the internal qmp_capabilities command just needs one.
constexpr auto kNoTimeout = std::chrono::hours(24 * 365);

Error closedError() {
    return Error::make(ErrorCode::kOperationFailed, ErrorDomain::kQemu, "QEMU monitor was closed");
}

Error eofError() {
    return Error::make(ErrorCode::kOperationFailed, ErrorDomain::kQemu,
                       "End of file from QEMU monitor");
}

Error protocolError(std::string_view detail) {
    return Error::make(ErrorCode::kInternalError, ErrorDomain::kQemu,
                       fmt::format("malformed QEMU monitor message: {}", detail));
}

Error commandError(const std::string& command, const Json& err) {
    std::string cls = "GenericError";
    std::string desc = "unknown error";
    if (err.is_object()) {
        if (auto it = err.find("class"); it != err.end() && it->is_string()) cls = *it;
        if (auto it = err.find("desc"); it != err.end() && it->is_string()) desc = *it;
    }
    Error e = Error::make(ErrorCode::kInternalError, ErrorDomain::kQemu,
                          fmt::format("unable to execute QEMU command '{}': {}", command, desc));
    e.str3 = cls;
    return e;
}

Error socketError(const std::error_code& ec, std::string_view what) {
    Error e = Error::make(ErrorCode::kSystemError, ErrorDomain::kQemu,
                          fmt::format("{}: {}", what, ec.message()));
    e.int1 = ec.value();
    return e;
}

int64_t intField(const Json& obj, const char* key) {
    if (!obj.is_object()) return 0;
    auto it = obj.find(key);
    return it != obj.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

std::string qmpErrorClass(const Error& e) { return e.str3.value_or(""); }

struct QmpClient::Pending {
    explicit Pending(asio::io_context& io) : timer(io) {}
    std::string id;
    std::string command;
    std::string wire;
    size_t written = 0;
    std::vector<UniqueFd> fds;
    ReplyHandler done;
    asio::steady_timer timer;
    bool finished = false;
    bool internal = false;  // the handshake's qmp_capabilities
};

std::shared_ptr<QmpClient> QmpClient::create(asio::io_context& io, size_t max_message) {
    return std::shared_ptr<QmpClient>(new QmpClient(io, max_message));
}

QmpClient::QmpClient(asio::io_context& io, size_t max_message)
    : io_(io),
      socket_(io),
      handshake_timer_(io),
      retry_timer_(io),
      max_message_(max_message),
      rbuf_(kReadChunk) {}

QmpClient::~QmpClient() {
    try {
        shutdown(closedError(), false);
    } catch (...) {  // a throwing reply handler must not escape a destructor
    }
}

void QmpClient::asyncConnect(std::string path, Millis timeout, ReadyHandler done) {
    if (state_ != State::kIdle) {
        asio::post(io_, [done] { done(fail(operationInvalid("QMP client already in use"))); });
        return;
    }
    if (path.size() >= sizeof(sockaddr_un::sun_path)) {
        asio::post(io_, [done, path] {
            done(fail(invalidArg(fmt::format("monitor socket path '{}' is too long", path))));
        });
        return;
    }
    state_ = State::kConnecting;
    on_ready_ = std::move(done);
    std::weak_ptr<QmpClient> weak = shared_from_this();
    handshake_timer_.expires_after(timeout);
    handshake_timer_.async_wait([weak, timeout](const std::error_code& ec) {
        auto self = weak.lock();
        if (ec || !self || self->state_ == State::kReady) return;
        self->onHandshakeFailed(
            Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                        fmt::format("QEMU monitor not ready within {} ms", timeout.count())));
    });
    tryConnect(std::make_shared<std::string>(std::move(path)));
}

void QmpClient::tryConnect(const std::shared_ptr<std::string>& path) {
    std::weak_ptr<QmpClient> weak = shared_from_this();
    socket_.async_connect(
        asio::local::stream_protocol::endpoint(*path), [weak, path](const std::error_code& ec) {
            auto self = weak.lock();
            if (!self || self->state_ != State::kConnecting) return;
            if (!ec) return self->startSession();
            // QEMU has not created (or not yet listened on) the socket: try again shortly.
            bool again = ec.category() == asio::error::get_system_category() &&
                         (ec.value() == ENOENT || ec.value() == ECONNREFUSED);
            if (!again) {
                return self->onHandshakeFailed(
                    socketError(ec, fmt::format("cannot connect to QEMU monitor '{}'", *path)));
            }
            std::error_code ignored;
            self->socket_.close(ignored);
            self->retry_timer_.expires_after(kRetryDelay);
            self->retry_timer_.async_wait([weak, path](const std::error_code& e) {
                auto s = weak.lock();
                if (!e && s && s->state_ == State::kConnecting) s->tryConnect(path);
            });
        });
}

void QmpClient::asyncAttach(UniqueFd connected, Millis timeout, ReadyHandler done) {
    if (state_ != State::kIdle) {
        asio::post(io_, [done] { done(fail(operationInvalid("QMP client already in use"))); });
        return;
    }
    std::error_code ec;
    socket_.assign(asio::local::stream_protocol(), connected.get(), ec);
    if (ec) {
        asio::post(io_, [done, ec] { done(fail(socketError(ec, "cannot use monitor socket"))); });
        return;
    }
    connected.release();
    state_ = State::kConnecting;
    on_ready_ = std::move(done);
    std::weak_ptr<QmpClient> weak = shared_from_this();
    handshake_timer_.expires_after(timeout);
    handshake_timer_.async_wait([weak, timeout](const std::error_code& e) {
        auto self = weak.lock();
        if (e || !self || self->state_ == State::kReady) return;
        self->onHandshakeFailed(
            Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                        fmt::format("QEMU monitor not ready within {} ms", timeout.count())));
    });
    startSession();
}

void QmpClient::startSession() {
    state_ = State::kGreeting;
    std::error_code ec;
    socket_.non_blocking(true, ec);
    if (ec) return onHandshakeFailed(socketError(ec, "cannot configure monitor socket"));
    readMore();
}

void QmpClient::onHandshakeFailed(const Error& e) {
    if (state_ == State::kClosed) return;
    shutdown(e, false);  // also answers on_ready_
}

void QmpClient::finishHandshake(Result<QmpGreeting> r) {
    if (!r) return onHandshakeFailed(r.error());
    state_ = State::kReady;
    handshake_timer_.cancel();
    pump();
    if (auto done = std::exchange(on_ready_, nullptr)) done(std::move(r));
}

void QmpClient::readMore() {
    std::weak_ptr<QmpClient> weak = shared_from_this();
    socket_.async_read_some(asio::buffer(rbuf_), [weak](const std::error_code& ec, size_t n) {
        auto self = weak.lock();
        if (!self || self->state_ == State::kClosed) return;
        if (ec == asio::error::eof) return self->shutdown(eofError(), true);
        if (ec) return self->shutdown(socketError(ec, "cannot read from QEMU monitor"), true);
        self->onData(n);
    });
}

void QmpClient::onData(size_t n) {
    inbuf_.append(rbuf_.data(), n);
    size_t start = 0;
    while (true) {  // bounded by the buffer's size
        size_t nl = inbuf_.find('\n', scanned_);
        if (nl == std::string::npos) break;
        std::string_view line(inbuf_.data() + start, nl - start);
        start = scanned_ = nl + 1;
        if (line.size() > max_message_) {
            return shutdown(
                protocolError(fmt::format("message longer than {} bytes", max_message_)), true);
        }
        if (!handleLine(line)) return;  // closed (by an error or by a handler)
    }
    inbuf_.erase(0, start);
    scanned_ = inbuf_.size();
    if (inbuf_.size() > max_message_) {
        return shutdown(protocolError(fmt::format("message longer than {} bytes", max_message_)),
                        true);
    }
    readMore();
}

bool QmpClient::handleLine(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) return true;
    Json msg = Json::parse(line, nullptr, false);
    if (msg.is_discarded() || !msg.is_object()) {
        std::string shown(line.substr(0, 80));
        shutdown(protocolError(fmt::format("cannot parse '{}'", shown)), true);
        return false;
    }
    if (state_ == State::kGreeting) {
        if (!handleGreeting(msg)) return false;
    } else if (msg.contains("event")) {
        handleEvent(msg);
    } else if (msg.contains("return") || msg.contains("error")) {
        handleReply(msg);
    } else {
        log::warn("ignoring unexpected QEMU monitor message: {}", msg.dump().substr(0, 200));
    }
    return state_ != State::kClosed;
}

bool QmpClient::handleGreeting(const Json& msg) {
    auto qmp = msg.find("QMP");
    if (qmp == msg.end() || !qmp->is_object()) {
        shutdown(protocolError("the first message is not a QMP greeting"), true);
        return false;
    }
    if (auto ver = qmp->find("version"); ver != qmp->end() && ver->is_object()) {
        if (auto q = ver->find("qemu"); q != ver->end()) {
            greeting_.major = static_cast<int>(intField(*q, "major"));
            greeting_.minor = static_cast<int>(intField(*q, "minor"));
            greeting_.micro = static_cast<int>(intField(*q, "micro"));
        }
        if (auto pkg = ver->find("package"); pkg != ver->end() && pkg->is_string())
            greeting_.package = *pkg;
    }
    if (auto caps = qmp->find("capabilities"); caps != qmp->end() && caps->is_array()) {
        for (const auto& c : *caps) {
            if (c.is_string()) greeting_.capabilities.push_back(c);
        }
    }
    state_ = State::kNegotiating;
    auto p = std::make_shared<Pending>(io_);
    p->id = fmt::format("nv-{}", next_id_++);
    p->command = "qmp_capabilities";
    p->wire = Json{{"execute", p->command}, {"id", p->id}}.dump() + "\n";
    p->internal = true;
    std::weak_ptr<QmpClient> weak = shared_from_this();
    p->done = [weak](Reply r) {
        auto self = weak.lock();
        if (!self || self->state_ != State::kNegotiating) return;
        if (!r) return self->onHandshakeFailed(r.error());
        self->finishHandshake(self->greeting_);
    };
    p->timer.expires_after(kNoTimeout);
    queue_.push_front(std::move(p));
    pump();
    return state_ != State::kClosed;
}

void QmpClient::handleEvent(const Json& msg) {
    QmpEvent ev;
    if (const auto& name = msg.at("event"); name.is_string()) ev.name = name;
    if (auto d = msg.find("data"); d != msg.end()) ev.data = *d;
    if (auto t = msg.find("timestamp"); t != msg.end()) {
        ev.seconds = intField(*t, "seconds");
        ev.microseconds = intField(*t, "microseconds");
    }
    if (on_event_) on_event_(ev);
}

void QmpClient::handleReply(const Json& msg) {
    std::string id;
    if (auto it = msg.find("id"); it != msg.end() && it->is_string()) id = *it;
    if (!id.empty() && abandoned_.erase(id)) return;  // the caller already got a timeout
    // QEMU answers in order and echoes our id; only a request it could not parse comes back
    // without one, and that can only be the command in flight.
    if (!awaiting_ || (!id.empty() && id != awaiting_->id)) {
        log::warn("dropping QEMU monitor reply with unknown id '{}'", id);
        return;
    }
    auto p = std::move(awaiting_);
    awaiting_.reset();
    if (auto r = msg.find("return"); r != msg.end()) {
        complete(p, *r);
    } else {
        complete(p, fail(commandError(p->command, msg.at("error"))));
    }
    pump();
}

void QmpClient::asyncExecute(std::string command, Json arguments, Millis timeout, ReplyHandler done,
                             const std::vector<int>& fds) {
    auto p = std::make_shared<Pending>(io_);
    p->id = fmt::format("nv-{}", next_id_++);
    p->command = std::move(command);
    p->done = std::move(done);
    auto reject = [&](const Error& e) {
        asio::post(io_, [p, e] {
            if (auto d = std::exchange(p->done, nullptr)) d(fail(e));
        });
    };
    if (state_ == State::kClosed) return reject(closedError());
    if (!arguments.is_null() && !arguments.is_object())
        return reject(invalidArg(fmt::format("arguments of '{}' must be an object", p->command)));
    if (fds.size() > kMaxFdsPerCommand)
        return reject(invalidArg("too many descriptors for one monitor command"));
    for (int fd : fds) {
        UniqueFd dup(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
        if (!dup) return reject(systemError(errno, "cannot duplicate descriptor for QEMU"));
        p->fds.push_back(std::move(dup));
    }
    Json msg{{"execute", p->command}, {"id", p->id}};
    if (!arguments.is_null()) msg["arguments"] = std::move(arguments);
    p->wire = msg.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    std::weak_ptr<QmpClient> weak = shared_from_this();
    p->timer.expires_after(timeout);
    p->timer.async_wait([weak, p](const std::error_code& ec) {
        auto self = weak.lock();
        if (!ec && self) self->onTimeout(p);
    });
    queue_.push_back(std::move(p));
    pump();
}

std::future<QmpClient::Reply> QmpClient::submit(std::string command, Json arguments, Millis timeout,
                                                const std::vector<int>& fds) {
    auto promise = std::make_shared<std::promise<Reply>>();
    auto future = promise->get_future();
    // Duplicate now, so the caller may close its descriptors as soon as submit() returns.
    auto dups = std::make_shared<std::vector<UniqueFd>>();
    for (int fd : fds) {
        UniqueFd d(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
        if (!d) {
            promise->set_value(fail(systemError(errno, "cannot duplicate descriptor for QEMU")));
            return future;
        }
        dups->push_back(std::move(d));
    }
    asio::post(io_, [self = shared_from_this(), command = std::move(command),
                     arguments = std::move(arguments), timeout, promise, dups]() mutable {
        std::vector<int> raw;
        for (const auto& d : *dups) raw.push_back(d.get());
        self->asyncExecute(
            std::move(command), std::move(arguments), timeout,
            [promise](Reply r) { promise->set_value(std::move(r)); }, raw);
    });
    return future;
}

void QmpClient::pump() {
    if (writing_ || awaiting_ || queue_.empty() || write_wait_) return;
    bool allowed =
        state_ == State::kReady || (state_ == State::kNegotiating && queue_.front()->internal);
    if (!allowed) return;
    writing_ = std::move(queue_.front());
    queue_.pop_front();
    writeSome();
}

void QmpClient::writeSome() {
    while (writing_ && writing_->written < writing_->wire.size()) {  // bounded by the message
        auto& p = *writing_;
        struct iovec iov {
            p.wire.data() + p.written, p.wire.size() - p.written
        };
        struct msghdr msg {};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        std::vector<char> control;
        if (!p.fds.empty()) {  // the descriptors travel with the command's first byte
            control.resize(CMSG_SPACE(sizeof(int) * p.fds.size()));
            msg.msg_control = control.data();
            msg.msg_controllen = control.size();
            cmsghdr* c = CMSG_FIRSTHDR(&msg);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int) * p.fds.size());
            for (size_t i = 0; i < p.fds.size(); ++i) {
                int fd = p.fds[i].get();
                std::memcpy(CMSG_DATA(c) + i * sizeof(int), &fd, sizeof fd);
            }
        }
        ssize_t n = ::sendmsg(socket_.native_handle(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            write_wait_ = true;
            std::weak_ptr<QmpClient> weak = shared_from_this();
            socket_.async_wait(asio::socket_base::wait_write, [weak](const std::error_code& ec) {
                auto self = weak.lock();
                if (!self || self->state_ == State::kClosed) return;
                self->write_wait_ = false;
                if (ec)
                    return self->shutdown(socketError(ec, "cannot write to QEMU monitor"), true);
                self->writeSome();
            });
            return;
        }
        if (n < 0) {
            return shutdown(socketError(std::error_code(errno, std::generic_category()),
                                        "cannot write to QEMU monitor"),
                            true);
        }
        p.written += static_cast<size_t>(n);
        p.fds.clear();
    }
    if (!writing_) return;
    auto p = std::move(writing_);
    writing_.reset();
    if (p->finished) {  // timed out while being written: drop its reply when it comes
        abandoned_[p->id] = next_id_;
    } else {
        awaiting_ = std::move(p);
    }
    if (abandoned_.size() > kMaxAbandoned) abandoned_.erase(abandoned_.begin());
    pump();
}

void QmpClient::onTimeout(const std::shared_ptr<Pending>& p) {
    if (p->finished) return;
    Error e =
        Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                    fmt::format("QEMU monitor command '{}' got no reply in time", p->command));
    if (auto it = std::find(queue_.begin(), queue_.end(), p); it != queue_.end()) {
        queue_.erase(it);
    } else if (awaiting_ == p) {
        awaiting_.reset();
        abandoned_[p->id] = next_id_;
        if (abandoned_.size() > kMaxAbandoned) abandoned_.erase(abandoned_.begin());
    }
    // (If it is still being written, writeSome() files it as abandoned when done.)
    complete(p, fail(e));
    pump();
}

void QmpClient::complete(const std::shared_ptr<Pending>& p, Reply r) {
    if (p->finished) return;
    p->finished = true;
    p->timer.cancel();
    if (auto done = std::exchange(p->done, nullptr)) done(std::move(r));
}

void QmpClient::close() { shutdown(closedError(), false); }

void QmpClient::shutdown(const Error& e, bool notify) {
    if (state_ == State::kClosed) return;
    // Only a session that was up reports its end; a failed handshake reports through the
    // ready handler alone.
    notify = notify && state_ == State::kReady;
    state_ = State::kClosed;
    std::error_code ignored;
    handshake_timer_.cancel();
    retry_timer_.cancel();
    socket_.close(ignored);
    std::vector<std::shared_ptr<Pending>> all;
    if (writing_) all.push_back(std::move(writing_));
    if (awaiting_) all.push_back(std::move(awaiting_));
    for (auto& p : queue_) all.push_back(std::move(p));
    writing_.reset();
    awaiting_.reset();
    queue_.clear();
    abandoned_.clear();
    for (auto& p : all) complete(p, fail(e));
    if (auto ready = std::exchange(on_ready_, nullptr)) ready(fail(e));
    if (notify && on_close_) on_close_(e);
}

}  // namespace nodevirt::qemu
