// RemoteServer: the procedure layer of nodevirtd, plugged into rpc::Server as its
// FrameHandler. For each CALL it checks program/version/status, the procedure's existence,
// the connection state and read-only access exactly as libvirtd answers them, then runs the
// bound handler — on the I/O thread for `fast` procedures (pure in-memory reads), on the
// worker pool otherwise — and sends the reply or libvirtd's error encoding.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "driver/registry.h"
#include "remote/server/call_context.h"
#include "rpc/server_client.h"

namespace nodevirt::remote {

struct RemoteServerOptions {
    // CONNECT_OPEN with an absent or empty name opens this URI.
    std::string default_uri = "test:///default";
    // Server keepalive once a client asks for it (0 disables it); libvirtd.conf defaults.
    std::chrono::milliseconds keepalive_interval{5000};
    unsigned keepalive_count = 5;
};

class RemoteServer final : public rpc::FrameHandler {
  public:
    RemoteServer(driver::Registry& registry, RemoteServerOptions options);
    RemoteServer(const RemoteServer&) = delete;
    RemoteServer& operator=(const RemoteServer&) = delete;

    void onFrame(rpc::Call call) override;
    void onConnect(const rpc::ClientRef& client) override;
    void onDisconnect(const rpc::ClientRef& client) override;

    // SIGHUP: new keepalive settings for clients that ask from now on.
    void setKeepalive(std::chrono::milliseconds interval, unsigned count);

    // How many procedures of `program` have a handler (for reports and tests).
    [[nodiscard]] size_t boundProcedureCount(uint32_t program) const;
    [[nodiscard]] bool isBound(uint32_t program, int32_t procedure) const {
        return handlers_.isBound(program, procedure);
    }

  private:
    // Answers the call now (I/O thread for fast procedures, a worker otherwise).
    void run(rpc::Call& call, const protocol::ProcedureInfo& info, const SessionPtr& session);
    static void replyError(rpc::Call& call, const Error& error);

    ServerEnv env_;
    Handlers handlers_;
};

// The session of a client (created in onConnect); null for an unknown client.
SessionPtr sessionOf(const rpc::ServerClient& client);

}  // namespace nodevirt::remote
