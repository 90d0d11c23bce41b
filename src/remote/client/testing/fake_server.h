// FakeServer: a scripted libvirt-protocol peer for the remote driver's unit tests. It speaks
// raw frames over a socketpair with its own framing code (so the tests check the client
// against bytes, not against our own server), records every frame the client sends, answers
// the handshake like libvirtd by default and anything else through per-procedure handlers.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "protocol/error_codec.h"
#include "protocol/payload.h"
#include "remote/client/remote_connection.h"
#include "util/unique_fd.h"

namespace nodevirt::remote::testing {

inline constexpr uint32_t kRemoteProg = 0x20008086;
inline constexpr uint32_t kKeepaliveProg = 0x6b656570;
enum : int32_t { kCall = 0, kReply = 1, kMessage = 2, kStream = 3 };
enum : int32_t { kOk = 0, kError = 1, kContinue = 2 };

struct WireFrame {
    uint32_t prog = kRemoteProg;
    uint32_t vers = 1;
    int32_t proc = 0;
    int32_t type = kCall;
    uint32_t serial = 0;
    int32_t status = kOk;
    std::string payload;
    std::string bytes;  // the whole frame as received (length word included)
};

// Hex of a frame as the census writes it: 8-digit big-endian words, a trailing partial word
// as its bytes.
std::string hexWords(const std::string& bytes);
std::string encodeFrame(const WireFrame& f);

class FakeServer {
  public:
    using Handler = std::function<void(FakeServer&, const WireFrame&)>;

    FakeServer();
    ~FakeServer();
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    // Hands the client end to RemoteConnection::open (once).
    Connector connector();
    // Opens a RemoteConnection through this server with keepalive off unless asked.
    Result<std::shared_ptr<RemoteConnection>> open(const std::string& uri, unsigned flags = 0,
                                                   std::chrono::milliseconds keepalive = {});

    // Handlers run on the server thread; they answer with reply()/replyError()/send().
    void on(int32_t proc, Handler handler);
    void setFeature(int32_t feature, int32_t answer);
    void setUri(std::string uri);
    void setAnswerPings(bool answer);
    // Typed replies.
    template <typename Ret>
    void reply(const WireFrame& call, const Ret& ret) {
        replyRaw(call, protocol::encodePayload(ret).value());
    }
    void replyRaw(const WireFrame& call, std::string payload);
    void replyError(const WireFrame& call, const Error& error);
    void send(const WireFrame& frame);
    void sendEvent(int32_t proc, std::string payload);
    void closeConnection();

    // Frames the client sent so far (keepalive included), in order.
    std::vector<WireFrame> received();
    // CALL frames of the REMOTE program, in order.
    std::vector<WireFrame> calls();
    std::vector<int32_t> callProcs();
    // Waits (bounded) until `pred(received())` holds.
    bool waitUntil(const std::function<bool(const std::vector<WireFrame>&)>& pred,
                   std::chrono::milliseconds limit = std::chrono::milliseconds(10000));

  private:
    void run();
    void handle(const WireFrame& f);
    bool readFrame(WireFrame& out);

    UniqueFd server_fd_;
    UniqueFd client_fd_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::mutex write_mutex_;
    std::vector<WireFrame> received_;
    std::map<int32_t, Handler> handlers_;
    std::map<int32_t, int32_t> features_;
    std::string uri_ = "test:///default";
    bool answer_pings_ = true;
};

// A remote_error payload-shaped Error as libvirtd words "not found" errors.
Error notFound(ErrorCode code, ErrorDomain domain, const std::string& message);

}  // namespace nodevirt::remote::testing
