#include "rpc/server_client.h"

#include "util/logging.h"

namespace nodevirt::rpc {

Status ServerClient::sendEvent(uint32_t prog, int32_t proc, std::string payload) {
    Header h;
    h.prog = prog;
    h.vers = kProtocolVersion;
    h.proc = proc;
    h.type = MessageType::kMessage;
    h.serial = 1;
    h.status = MessageStatus::kOk;
    return sendFrame(h, std::move(payload));
}

void ServerClient::setContext(std::shared_ptr<void> context) {
    std::lock_guard lock(context_mutex_);
    context_ = std::move(context);
}

std::shared_ptr<void> ServerClient::context() const {
    std::lock_guard lock(context_mutex_);
    return context_;
}

Call::Call(ClientRef client, Frame frame)
    : client_(std::move(client)),
      header_(frame.header),
      payload_(std::move(frame.payload)),
      fds_(std::move(frame.fds)) {}

Call::Call(Call&& other) noexcept
    : client_(std::move(other.client_)),
      header_(other.header_),
      payload_(std::move(other.payload_)),
      fds_(std::move(other.fds_)),
      pending_(std::exchange(other.pending_, false)) {}

Call& Call::operator=(Call&& other) noexcept {
    if (this != &other) {
        finish();
        client_ = std::move(other.client_);
        header_ = other.header_;
        payload_ = std::move(other.payload_);
        fds_ = std::move(other.fds_);
        pending_ = std::exchange(other.pending_, false);
    }
    return *this;
}

Call::~Call() {
    if (pending() && (header_.type == MessageType::kCall ||
                      header_.type == MessageType::kCallWithFds)) {
        log::warn("rpc: client {}: call serial {} proc {} completed without a reply",
                  client_->id(), header_.serial, header_.proc);
    }
    finish();
}

void Call::finish() {
    if (pending()) {
        pending_ = false;
        client_->completeCall();
    }
}

Status Call::reply(std::string payload, std::vector<UniqueFd> fds) {
    if (!client_) return fail(internalError("reply on a moved-from call"));
    Header h = header_;
    h.type = fds.empty() ? MessageType::kReply : MessageType::kReplyWithFds;
    h.status = MessageStatus::kOk;
    Status st = client_->sendFrame(h, std::move(payload), std::move(fds));
    finish();
    return st;
}

Status Call::replyError(std::string encoded_error) {
    if (!client_) return fail(internalError("reply on a moved-from call"));
    Header h = header_;
    h.type = MessageType::kReply;
    h.status = MessageStatus::kError;
    Status st = client_->sendFrame(h, std::move(encoded_error));
    finish();
    return st;
}

}  // namespace nodevirt::rpc
