// Channel: the remote driver's RPC connection to one daemon (nodevirtd or libvirtd). It turns
// typed calls into CALL/REPLY round trips over rpc::ClientTransport, turns error replies into
// Error values exactly as libvirt's client does (including the "unknown procedure" → NO_SUPPORT
// remapping every fallback keys on), opens streams and remembers the server's features.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "protocol/call.h"
#include "protocol/generated/traits.h"
#include "rpc/client_transport.h"
#include "util/result.h"

namespace nodevirt::remote {

// virDrvFeature numbers the client asks about (census §2.6).
enum class Feature : int32_t {
    kTypedParamString = 9,
    kProgramKeepalive = 10,
    kRemoteEventCallback = 14,
    kRemoteCloseCallback = 15,
    kNetworkUpdateHasCorrectOrder = 16,
};

// The Error a remote_error payload stands for, remapped as libvirt's client remaps it: an RPC
// error "unknown procedure: N" from the RPC or REMOTE domain becomes VIR_ERR_NO_SUPPORT.
Error decodeRemoteError(std::string_view payload);

// True for VIR_ERR_NO_SUPPORT: the server lacks the procedure, so a fallback may be tried.
[[nodiscard]] bool isNoSupport(const Error& error);

class Channel final : public protocol::Transport {
  public:
    explicit Channel(std::unique_ptr<rpc::ClientTransport> transport);
    ~Channel() override;
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    Result<std::string> roundTrip(xdr::Program program, int32_t procedure,
                                  std::string payload) override;

    // One CALL of procedure P (a protocol::proc traits struct) and its decoded ret.
    template <typename P>
    Result<typename P::Ret> call(const typename P::Args& args) {
        return protocol::call<P>(*this, args);
    }
    template <typename P>
    Result<typename P::Ret> call() {
        return protocol::call<P>(*this, typename P::Args{});
    }

    // A call that opens a stream (census §1.8): the decoded ret and the stream, which is
    // registered before the call goes out so no data packet can be lost.
    template <typename P>
    Result<std::pair<typename P::Ret, std::shared_ptr<rpc::ClientStream>>> callStream(
        const typename P::Args& args) {
        NODEVIRT_ASSIGN_OR_RETURN(std::string payload, protocol::encodePayload(args));
        NODEVIRT_ASSIGN_OR_RETURN(auto opened, openStream(P::kProgram, P::kNumber,
                                                          std::move(payload)));
        NODEVIRT_ASSIGN_OR_RETURN(auto ret, protocol::decodePayload<typename P::Ret>(opened.first));
        return std::make_pair(std::move(ret), std::move(opened.second));
    }

    // CONNECT_SUPPORTS_FEATURE, asked once per feature and remembered. An error answer counts
    // as "not supported", as libvirt's client treats it.
    bool supportsFeature(Feature feature);
    // Records an answer the handshake already obtained.
    void rememberFeature(Feature feature, bool supported);

    [[nodiscard]] rpc::ClientTransport& transport() { return *transport_; }
    // Closes the connection; pending and later calls fail. Idempotent.
    void close();

  private:
    Result<std::pair<std::string, std::shared_ptr<rpc::ClientStream>>> openStream(
        xdr::Program program, int32_t procedure, std::string payload);

    std::unique_ptr<rpc::ClientTransport> transport_;
    std::mutex features_mutex_;
    std::map<int32_t, bool> features_;
};

}  // namespace nodevirt::remote
