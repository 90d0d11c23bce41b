#include "remote/server/remote_server.h"

#include <fmt/format.h>

#include "protocol/error_codec.h"
#include "protocol/payload.h"
#include "util/logging.h"
#include "xdr/frame.h"

namespace nodevirt::remote {
namespace {

constexpr std::string_view kDecodeFailure = "Unable to decode message payload";

bool isKnownProgram(uint32_t prog) {
    return prog == static_cast<uint32_t>(xdr::Program::kRemote) ||
           prog == static_cast<uint32_t>(xdr::Program::kQemu) ||
           prog == static_cast<uint32_t>(xdr::Program::kLxc);
}

Error rpcError(std::string message) {
    return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc, std::move(message));
}

// The decoder names the field that failed; libvirtd sends only the fixed sentence.
Error asLibvirtdWords(const Error& error) {
    if (error.code == ErrorCode::kRpc && error.domain == ErrorDomain::kRpc &&
        error.message.size() > kDecodeFailure.size() &&
        std::string_view(error.message).substr(0, kDecodeFailure.size()) == kDecodeFailure) {
        return rpcError(std::string(kDecodeFailure));
    }
    return error;
}

}  // namespace

std::string encodeRemoteError(const Error& error) {
    Result<std::string> payload = protocol::encodePayload(protocol::toRemoteError(error));
    if (payload) return std::move(*payload);
    // Only an over-long message can fail to encode; keep the code, cut the text.
    Error shortened = error;
    shortened.message = shortened.message.substr(0, 1024);
    shortened.str1 = "%s";
    shortened.str2 = shortened.message;
    shortened.str3.reset();
    return protocol::encodePayload(protocol::toRemoteError(shortened)).value_or(std::string());
}

SessionPtr sessionOf(const rpc::ServerClient& client) {
    return std::static_pointer_cast<ClientSession>(client.context());
}

RemoteServer::RemoteServer(driver::Registry& registry, RemoteServerOptions options)
    : env_(registry) {
    env_.default_uri = std::move(options.default_uri);
    setKeepalive(options.keepalive_interval, options.keepalive_count);
    bindConnectHandlers(handlers_);
    bindDomainLookupHandlers(handlers_);
    bindDomainLifecycleHandlers(handlers_);
    bindDomainConfigHandlers(handlers_);
    bindDomainStatsHandlers(handlers_);
    bindSnapshotHandlers(handlers_);
    bindNetworkHandlers(handlers_);
    bindStorageHandlers(handlers_);
    bindNodeDeviceHandlers(handlers_);
    bindSecretAndInterfaceHandlers(handlers_);
    bindEventHandlers(handlers_);
    bindStreamHandlers(handlers_);
    bindQemuHandlers(handlers_);
}

void RemoteServer::setKeepalive(std::chrono::milliseconds interval, unsigned count) {
    env_.keepalive_interval_ms.store(interval.count());
    env_.keepalive_count.store(count);
}

size_t RemoteServer::boundProcedureCount(uint32_t program) const {
    size_t n = 0;
    for (const protocol::ProcedureInfo& info : protocol::allProcedures()) {
        if (static_cast<uint32_t>(info.program) == program &&
            handlers_.isBound(program, info.number)) {
            ++n;
        }
    }
    return n;
}

void RemoteServer::onConnect(const rpc::ClientRef& client) {
    client->setContext(std::make_shared<ClientSession>(client->id(), client->readOnly()));
    const rpc::PeerCredentials& peer = client->peer();
    if (peer.known) {
        log::info("client={} connected on {} uid={} gid={} pid={}{}", client->id(),
                  client->describe(), peer.uid, peer.gid, peer.pid,
                  client->readOnly() ? " read-only" : "");
    } else {
        log::info("client={} connected on {}", client->id(), client->describe());
    }
}

void RemoteServer::onDisconnect(const rpc::ClientRef& client) {
    if (SessionPtr session = sessionOf(*client)) session->closeConnection();
    log::info("client={} disconnected", client->id());
}

void RemoteServer::replyError(rpc::Call& call, const Error& error) {
    (void)call.replyError(encodeRemoteError(error));
}

void RemoteServer::onFrame(rpc::Call call) {
    const rpc::Header& h = call.header();
    // libvirtd silently drops frames that are not calls (stray replies, messages).
    if (h.type != rpc::MessageType::kCall && h.type != rpc::MessageType::kCallWithFds) {
        log::debug("client={} proc={} ignored message type {}", call.client()->id(), h.proc,
                   static_cast<int>(h.type));
        call.finish();
        return;
    }
    if (!isKnownProgram(h.prog) || h.vers != rpc::kProtocolVersion) {
        replyError(call, protocol::unknownProgramError(h.prog, h.vers));
        return;
    }
    if (h.status != rpc::MessageStatus::kOk) {
        replyError(call, rpcError(fmt::format("Unexpected message status {}", static_cast<int>(h.status))));
        return;
    }
    const protocol::ProcedureInfo* info = protocol::findProcedure(h.prog, h.proc);
    if (info == nullptr || info->isEvent() || !handlers_.isBound(h.prog, h.proc)) {
        log::debug("client={} proc={} unknown procedure", call.client()->id(), h.proc);
        replyError(call, protocol::unknownProcedureError(h.proc));
        return;
    }
    SessionPtr session = sessionOf(*call.client());
    if (!session) {
        call.finish();
        return;
    }
    if (!info->before_open && !session->isOpen()) {
        replyError(call, daemonError("hypervisor connection not open"));
        return;
    }
    if (info->deniedOnReadOnly() && session->readOnly()) {
        replyError(call, readOnlyDenied(*info));
        return;
    }
    if (info->fast) {
        run(call, *info, session);
        return;
    }
    rpc::ClientRef client = call.client();
    client->submitWork([this, c = std::move(call), info, session]() mutable {
        run(c, *info, session);
    });
}

void RemoteServer::run(rpc::Call& call, const protocol::ProcedureInfo& info,
                       const SessionPtr& session) {
    OpenConnectionPtr conn = session->connection();
    // onFrame checked this on the I/O thread; a worker may start after the client closed
    // (CONNECT_CLOSE or a vanished peer), so look again with the connection in hand.
    if (!info.before_open && !conn) {
        replyError(call, daemonError("hypervisor connection not open"));
        return;
    }
    CallContext ctx{*session, call.client(), call.header(), std::move(conn), env_, {}, {}};
    Result<std::string> ret = handlers_.dispatch(ctx, call.header().prog, call.header().proc,
                                                 call.payload(), /*read_only=*/false);
    if (!ret) {
        for (const auto& stream : ctx.streams) stream->close();
        Error error = asLibvirtdWords(ret.error());
        log::debug("client={} proc={} serial={} error=\"{}\"", session->clientId(), info.name,
                   call.header().serial, ret.error().message);
        replyError(call, error);
        return;
    }
    log::debug("client={} proc={} serial={} ok", session->clientId(), info.name,
               call.header().serial);
    if (!call.reply(std::move(*ret))) {
        for (const auto& stream : ctx.streams) stream->close();
        return;
    }
    for (auto& action : ctx.after_reply) action();
}

}  // namespace nodevirt::remote
