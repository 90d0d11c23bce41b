// libFuzzer target: one input is the byte stream a client sends on one connection. The
// daemon's own frame reader splits it into frames, and each CALL goes through the procedure
// layer (remote::RemoteServer: program/version/state/read-only checks, argument decoding,
// the test driver's handlers, reply encoding) exactly as on a socket, with a fake client that
// runs worker jobs inline. Beyond "no crash, no UB, no leak" it checks that every call gets
// exactly one reply with its serial and procedure, and that every error reply decodes.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "drivers/register_drivers.h"
#include "protocol/generated/types.h"
#include "protocol/payload.h"
#include "remote/server/remote_server.h"
#include "rpc/frame_reader.h"
#include "rpc/server_client.h"

namespace {

using namespace nodevirt;

void check(bool condition) {
    if (!condition) std::abort();
}

class FakeClient final : public rpc::ServerClient {
  public:
    explicit FakeClient(bool read_only) : read_only_(read_only) {}

    [[nodiscard]] uint64_t id() const override { return 1; }
    [[nodiscard]] const rpc::PeerCredentials& peer() const override { return peer_; }
    [[nodiscard]] bool readOnly() const override { return read_only_; }
    [[nodiscard]] std::string describe() const override { return "fuzz"; }
    Status sendFrame(const rpc::Header& h, std::string payload, std::vector<UniqueFd>) override {
        if (h.type == rpc::MessageType::kReply || h.type == rpc::MessageType::kReplyWithFds) {
            check(h.serial == expected_serial_ && h.proc == expected_proc_);
            ++replies_;
            if (h.status == rpc::MessageStatus::kError) {
                check(protocol::decodePayload<protocol::RemoteError>(payload).has_value());
            }
        }
        return ok();
    }
    void startKeepalive(std::chrono::milliseconds, unsigned) override {}
    Result<std::shared_ptr<rpc::ServerStream>> openStream(const rpc::Header&,
                                                          std::unique_ptr<rpc::StreamSink>) override {
        return fail(internalError("no streams in the fuzzer"));
    }
    void close() override { closed_ = true; }
    [[nodiscard]] bool closed() const override { return closed_; }
    void post(rpc::UniqueFunction fn) override { fn(); }
    bool submitWork(rpc::UniqueFunction fn) override {
        fn();
        return true;
    }
    [[nodiscard]] size_t outgoingBytes() const override { return 0; }

    void expect(const rpc::Header& h) {
        expected_serial_ = h.serial;
        expected_proc_ = h.proc;
    }
    [[nodiscard]] int replies() const { return replies_; }

  protected:
    void completeCall() override {}

  private:
    rpc::PeerCredentials peer_;
    bool read_only_;
    bool closed_ = false;
    uint32_t expected_serial_ = 0;
    int32_t expected_proc_ = 0;
    int replies_ = 0;
};

remote::RemoteServer& server() {
    static driver::Registry* registry = [] {
        auto* r = new driver::Registry();
        drivers::registerLocalDrivers(*r);
        return r;
    }();
    static remote::RemoteServer* s = new remote::RemoteServer(*registry, {});
    return *s;
}

bool isCall(const rpc::Header& h) {
    return h.type == rpc::MessageType::kCall || h.type == rpc::MessageType::kCallWithFds;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    // The first byte picks the socket kind; the rest is the stream of frames.
    auto client = std::make_shared<FakeClient>((data[0] & 1) != 0);
    remote::RemoteServer& srv = server();
    srv.onConnect(client);
    rpc::FrameReader reader;
    size_t pos = 1;
    int calls = 0;
    // Bounded: every round consumes input or ends.
    while (pos < size && !client->closed()) {
        auto space = reader.readSpace();
        size_t n = std::min(space.size(), size - pos);
        std::copy(data + pos, data + pos + n, space.data());
        reader.commit(n);
        pos += n;
        bool broken = false;
        while (!client->closed()) {
            auto frame = reader.next();
            if (!frame) {
                broken = true;  // the connection would be closed here
                break;
            }
            if (!*frame) break;
            rpc::Header h = (*frame)->header;
            if (h.prog == rpc::kKeepaliveProgram || h.type == rpc::MessageType::kStream ||
                h.type == rpc::MessageType::kStreamHole) {
                continue;  // handled by rpc/, never by the procedure layer
            }
            client->expect(h);
            int before = client->replies();
            srv.onFrame(rpc::Call(client, std::move(**frame)));
            if (isCall(h)) {
                ++calls;
                check(client->replies() == before + 1);
            } else {
                check(client->replies() == before);
            }
        }
        if (broken) break;
    }
    check(client->replies() == calls);
    srv.onDisconnect(client);
    return 0;
}
