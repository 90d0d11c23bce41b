#include "remote/client/channel.h"

#include "protocol/error_codec.h"
#include "protocol/payload.h"
#include "util/strings.h"

namespace nodevirt::remote {
namespace {

Result<std::string> replyPayload(rpc::Frame& reply) {
    if (reply.header.status == xdr::MessageStatus::kOk) return std::move(reply.payload);
    if (reply.header.status == xdr::MessageStatus::kError) {
        return fail(decodeRemoteError(reply.payload));
    }
    return fail(Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                           "Unexpected message status " +
                               std::to_string(static_cast<int>(reply.header.status))));
}

}  // namespace

Error decodeRemoteError(std::string_view payload) {
    auto decoded = protocol::decodePayload<protocol::RemoteError>(payload);
    if (!decoded) {
        return Error::raw(ErrorCode::kRpc, ErrorDomain::kRpc,
                          "Unable to decode the error of a reply: " + decoded.error().message);
    }
    Error e = protocol::fromRemoteError(*decoded);
    // libvirt's client: an old or partial server's "unknown procedure" means "not supported"
    // (census §1.7); the message and the other fields are kept.
    bool rpc_domain = e.domain == ErrorDomain::kRpc || e.domain == ErrorDomain::kRemote;
    if (rpc_domain && e.code == ErrorCode::kRpc && e.level == ErrorLevel::kError &&
        str::startsWith(e.message, "unknown procedure")) {
        e.code = ErrorCode::kNoSupport;
    }
    return e;
}

bool isNoSupport(const Error& error) { return error.code == ErrorCode::kNoSupport; }

Channel::Channel(std::unique_ptr<rpc::ClientTransport> transport)
    : transport_(std::move(transport)) {}

Channel::~Channel() { close(); }

Result<std::string> Channel::roundTrip(xdr::Program program, int32_t procedure,
                                       std::string payload) {
    NODEVIRT_ASSIGN_OR_RETURN(rpc::Frame reply, transport_->call(static_cast<uint32_t>(program),
                                                                 procedure, std::move(payload)));
    return replyPayload(reply);
}

Result<std::pair<std::string, std::shared_ptr<rpc::ClientStream>>> Channel::openStream(
    xdr::Program program, int32_t procedure, std::string payload) {
    NODEVIRT_ASSIGN_OR_RETURN(
        rpc::ClientTransport::StreamCall sc,
        transport_->callWithStream(static_cast<uint32_t>(program), procedure, std::move(payload)));
    NODEVIRT_ASSIGN_OR_RETURN(std::string ret, replyPayload(sc.reply));
    return std::make_pair(std::move(ret), std::move(sc.stream));
}

bool Channel::supportsFeature(Feature feature) {
    auto number = static_cast<int32_t>(feature);
    {
        std::lock_guard lock(features_mutex_);
        if (auto it = features_.find(number); it != features_.end()) return it->second;
    }
    auto answer = call<protocol::proc::ConnectSupportsFeature>({number});
    bool supported = answer && answer->supported != 0;
    rememberFeature(feature, supported);
    return supported;
}

void Channel::rememberFeature(Feature feature, bool supported) {
    std::lock_guard lock(features_mutex_);
    features_[static_cast<int32_t>(feature)] = supported;
}

void Channel::close() {
    if (transport_) transport_->close();
}

}  // namespace nodevirt::remote
