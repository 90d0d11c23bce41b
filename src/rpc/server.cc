#include "rpc/server.h"

#include <asio/post.hpp>

#include "rpc/server_core.h"

namespace nodevirt::rpc {

Server::Server(ServerConfig config, FrameHandler& handler)
    : core_(std::make_unique<ServerCore>(std::move(config), handler)) {}

Server::~Server() = default;

Status Server::addUnixListener(const UnixListenerConfig& config) {
    return core_->addUnixListener(config);
}

Result<uint16_t> Server::addTcpListener(const TcpListenerConfig& config) {
    return core_->addTcpListener(config);
}

Status Server::start() { return core_->start(); }

void Server::requestShutdown() { core_->requestShutdown(); }

void Server::wait() { core_->wait(); }

size_t Server::clientCount() const { return core_->clientCount(); }

bool Server::submitWork(UniqueFunction fn) { return core_->workers().submit(std::move(fn)); }

void Server::post(UniqueFunction fn) { asio::post(core_->io(), std::move(fn)); }

}  // namespace nodevirt::rpc
