#include "remote/client/testing/fake_server.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "protocol/generated/traits.h"
#include "rpc/transport.h"

namespace nodevirt::remote::testing {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

void putWord(std::string& out, uint32_t v) {
    out += static_cast<char>(v >> 24);
    out += static_cast<char>(v >> 16);
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v);
}

uint32_t getWord(const std::string& s, size_t at) {
    auto b = [&](size_t i) { return uint32_t{static_cast<unsigned char>(s[at + i])}; };
    return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

// Reads exactly n bytes (blocking socket); false on EOF or error.
bool readExactly(int fd, std::string& out, size_t n) {
    out.resize(n);
    size_t off = 0;
    while (off < n) {
        ssize_t r = ::read(fd, out.data() + off, n - off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        off += static_cast<size_t>(r);
    }
    return true;
}

}  // namespace

std::string hexWords(const std::string& bytes) {
    std::string out;
    size_t i = 0;
    for (; i + 4 <= bytes.size(); i += 4) {
        if (!out.empty()) out += ' ';
        out += fmt::format("{:08x}", getWord(bytes, i));
    }
    if (i < bytes.size()) {
        out += ' ';
        for (; i < bytes.size(); ++i) out += fmt::format("{:02x}", static_cast<unsigned char>(bytes[i]));
    }
    return out;
}

std::string encodeFrame(const WireFrame& f) {
    std::string out;
    putWord(out, static_cast<uint32_t>(28 + f.payload.size()));
    putWord(out, f.prog);
    putWord(out, f.vers);
    putWord(out, static_cast<uint32_t>(f.proc));
    putWord(out, static_cast<uint32_t>(f.type));
    putWord(out, f.serial);
    putWord(out, static_cast<uint32_t>(f.status));
    out += f.payload;
    return out;
}

Error notFound(ErrorCode code, ErrorDomain domain, const std::string& message) {
    Error e = Error::raw(code, domain, message);
    e.str1 = message;
    e.str2.reset();
    return e;
}

FakeServer::FakeServer() {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0) {
        server_fd_ = UniqueFd(sv[0]);
        client_fd_ = UniqueFd(sv[1]);
    }
    // libvirtd 9.0's answers for the features the client asks about (census §2.6).
    for (int32_t f : {8, 9, 10, 14, 15, 16}) features_[f] = 1;
    thread_ = std::thread([this] { run(); });
}

FakeServer::~FakeServer() {
    if (server_fd_) ::shutdown(server_fd_.get(), SHUT_RDWR);
    thread_.join();
}

Connector FakeServer::connector() {
    return [this](const Endpoint&) -> Result<std::unique_ptr<rpc::ClientTransport>> {
        NODEVIRT_TRY(rpc::setNonBlocking(client_fd_.get()));
        auto t = std::make_unique<rpc::SocketTransport>(std::move(client_fd_), true, "fake");
        return rpc::ClientTransport::create(std::move(t));
    };
}

Result<std::shared_ptr<RemoteConnection>> FakeServer::open(const std::string& uri, unsigned flags,
                                                           std::chrono::milliseconds keepalive) {
    RemoteOptions options;
    options.env.exists = [](const std::string&) { return false; };
    options.keepalive_interval = keepalive;
    std::optional<driver::Uri> parsed;
    if (!uri.empty()) {
        NODEVIRT_ASSIGN_OR_RETURN(parsed, driver::Uri::parse(uri));
    }
    return RemoteConnection::open(parsed, flags, options, connector());
}

void FakeServer::on(int32_t proc, Handler handler) {
    std::lock_guard lock(mutex_);
    handlers_[proc] = std::move(handler);
}

void FakeServer::setFeature(int32_t feature, int32_t answer) {
    std::lock_guard lock(mutex_);
    features_[feature] = answer;
}

void FakeServer::setUri(std::string uri) {
    std::lock_guard lock(mutex_);
    uri_ = std::move(uri);
}

void FakeServer::setAnswerPings(bool answer) {
    std::lock_guard lock(mutex_);
    answer_pings_ = answer;
}

void FakeServer::send(const WireFrame& frame) {
    std::string bytes = encodeFrame(frame);
    std::lock_guard lock(write_mutex_);
    size_t off = 0;
    while (off < bytes.size()) {
        ssize_t w = ::send(server_fd_.get(), bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        off += static_cast<size_t>(w);
    }
}

void FakeServer::replyRaw(const WireFrame& call, std::string payload) {
    WireFrame r = call;
    r.type = kReply;
    r.status = kOk;
    r.payload = std::move(payload);
    send(r);
}

void FakeServer::replyError(const WireFrame& call, const Error& error) {
    WireFrame r = call;
    r.type = kReply;
    r.status = kError;
    r.payload = protocol::encodePayload(protocol::toRemoteError(error)).value();
    send(r);
}

void FakeServer::sendEvent(int32_t proc, std::string payload) {
    // libvirtd sends events with serial 1 (census §1.5).
    send(WireFrame{kRemoteProg, 1, proc, kMessage, 1, kOk, std::move(payload), {}});
}

void FakeServer::closeConnection() { ::shutdown(server_fd_.get(), SHUT_RDWR); }

std::vector<WireFrame> FakeServer::received() {
    std::lock_guard lock(mutex_);
    return received_;
}

std::vector<WireFrame> FakeServer::calls() {
    std::vector<WireFrame> out;
    for (auto& f : received()) {
        if (f.prog == kRemoteProg && f.type == kCall) out.push_back(std::move(f));
    }
    return out;
}

std::vector<int32_t> FakeServer::callProcs() {
    std::vector<int32_t> out;
    for (const auto& f : calls()) out.push_back(f.proc);
    return out;
}

bool FakeServer::waitUntil(const std::function<bool(const std::vector<WireFrame>&)>& pred,
                           std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, limit, [&] { return pred(received_); });
}

bool FakeServer::readFrame(WireFrame& out) {
    std::string len;
    if (!readExactly(server_fd_.get(), len, 4)) return false;
    uint32_t n = getWord(len, 0);
    if (n < 28 || n > (32u << 20) + 4) return false;
    std::string rest;
    if (!readExactly(server_fd_.get(), rest, n - 4)) return false;
    out.bytes = len + rest;
    out.prog = getWord(rest, 0);
    out.vers = getWord(rest, 4);
    out.proc = static_cast<int32_t>(getWord(rest, 8));
    out.type = static_cast<int32_t>(getWord(rest, 12));
    out.serial = getWord(rest, 16);
    out.status = static_cast<int32_t>(getWord(rest, 20));
    out.payload = rest.substr(24);
    return true;
}

void FakeServer::run() {
    WireFrame f;
    while (readFrame(f)) {
        {
            std::lock_guard lock(mutex_);
            received_.push_back(f);
        }
        cv_.notify_all();
        handle(f);
    }
    cv_.notify_all();
}

void FakeServer::handle(const WireFrame& f) {
    Handler handler;
    std::optional<int32_t> feature_answer;
    bool answer_pings = true;
    std::string uri;
    {
        std::lock_guard lock(mutex_);
        if (auto it = handlers_.find(f.proc); it != handlers_.end() && f.prog == kRemoteProg) {
            handler = it->second;
        }
        answer_pings = answer_pings_;
        uri = uri_;
        if (f.proc == pr::ConnectSupportsFeature::kNumber && f.payload.size() >= 4) {
            auto it = features_.find(static_cast<int32_t>(getWord(f.payload, 0)));
            feature_answer = it == features_.end() ? 0 : it->second;
        }
    }
    if (f.prog == kKeepaliveProg) {
        if (f.proc == 1 && answer_pings) send(WireFrame{kKeepaliveProg, 1, 2, kMessage, 0, kOk, {}, {}});
        return;
    }
    if (handler) return handler(*this, f);
    if (f.type != kCall) return;
    switch (f.proc) {
        case pr::AuthList::kNumber: return reply(f, p::AuthListRet{{0}});
        case pr::ConnectSupportsFeature::kNumber:
            return reply(f, p::ConnectSupportsFeatureRet{feature_answer.value_or(0)});
        case pr::ConnectOpen::kNumber:
        case pr::ConnectClose::kNumber:
        case pr::ConnectRegisterCloseCallback::kNumber:
        case pr::ConnectUnregisterCloseCallback::kNumber:
            return reply(f, p::Void{});
        case pr::ConnectGetUri::kNumber: return reply(f, p::ConnectGetUriRet{uri});
        default:
            return replyError(f, protocol::unknownProcedureError(f.proc));
    }
}

}  // namespace nodevirt::remote::testing
