#include "rpc/client_transport.h"

#include "rpc/client_core.h"
#include "rpc/client_stream.h"

namespace nodevirt::rpc {

ClientTransport::ClientTransport(std::shared_ptr<ClientCore> core) : core_(std::move(core)) {}

ClientTransport::~ClientTransport() { core_->shutdown(); }

std::unique_ptr<ClientTransport> ClientTransport::create(TransportPtr transport) {
    auto core = std::make_shared<ClientCore>(std::move(transport));
    core->start();
    return std::unique_ptr<ClientTransport>(new ClientTransport(std::move(core)));
}

Result<std::unique_ptr<ClientTransport>> ClientTransport::connectUnix(const std::string& path) {
    NODEVIRT_ASSIGN_OR_RETURN(TransportPtr t, connectUnixSocket(path));
    return create(std::move(t));
}

Result<std::unique_ptr<ClientTransport>> ClientTransport::connectTcp(const std::string& host,
                                                                     uint16_t port) {
    NODEVIRT_ASSIGN_OR_RETURN(TransportPtr t, connectTcpSocket(host, port));
    return create(std::move(t));
}

Result<Frame> ClientTransport::call(uint32_t prog, int32_t proc, std::string payload,
                                    std::vector<UniqueFd> fds) {
    return core_->call(prog, proc, std::move(payload), std::move(fds), nullptr);
}

Result<ClientTransport::StreamCall> ClientTransport::callWithStream(uint32_t prog, int32_t proc,
                                                                    std::string payload) {
    auto stream = std::make_shared<ClientStreamImpl>(core_, prog, proc);
    NODEVIRT_ASSIGN_OR_RETURN(Frame reply, core_->call(prog, proc, std::move(payload), {}, stream));
    return StreamCall{std::move(reply), std::move(stream)};
}

void ClientTransport::setEventHandler(std::function<void(Frame)> handler) {
    core_->setEventHandler(std::move(handler));
}

void ClientTransport::setCloseHandler(std::function<void(const Error&)> handler) {
    core_->setCloseHandler(std::move(handler));
}

void ClientTransport::startKeepalive(std::chrono::milliseconds interval, unsigned count) {
    core_->startKeepalive(interval, count);
}

void ClientTransport::expectClose() { core_->expectClose(); }

void ClientTransport::close() { core_->shutdown(); }

bool ClientTransport::isOpen() const { return core_->isOpen(); }

}  // namespace nodevirt::rpc
