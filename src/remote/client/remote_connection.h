// RemoteConnection: driver::Connection for a daemon reached over libvirt's RPC protocol
// (nodevirtd or libvirtd). Opening it connects the endpoint the URI names, runs libvirt's
// client handshake (census §2.2–2.4), and hands out facets that turn each call into RPCs.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "driver/connection.h"
#include "driver/uri.h"
#include "remote/client/channel.h"
#include "remote/client/domain_facets.h"
#include "remote/client/endpoint.h"
#include "remote/client/object_facets.h"
#include "remote/client/remote_events.h"
#include "remote/client/stream_tracker.h"

namespace nodevirt::remote {

struct RemoteOptions {
    // Where default sockets are looked for (tests substitute their own).
    EndpointEnv env = EndpointEnv::current();
    // Client keepalive as virsh sets it: PING after 5 s of silence, give up after 6 unanswered
    // (census §1.9). A zero interval leaves keepalive off and skips the feature 10 probe.
    std::chrono::milliseconds keepalive_interval{5000};
    unsigned keepalive_count = 6;
};

// How a connected byte stream is made for an endpoint: the seam where TLS and ssh transports
// plug in. The default connects unix and TCP endpoints and refuses the others clearly.
using Connector = std::function<Result<std::unique_ptr<rpc::ClientTransport>>(const Endpoint&)>;
Result<std::unique_ptr<rpc::ClientTransport>> connectEndpoint(const Endpoint& endpoint);

class RemoteConnection final : public driver::Connection {
  public:
    // `uri` nullopt: opened without a URI. `flags`: driver::kOpenReadOnly.
    static Result<std::shared_ptr<RemoteConnection>> open(const std::optional<driver::Uri>& uri,
                                                          unsigned flags,
                                                          const RemoteOptions& options = {},
                                                          const Connector& connector = connectEndpoint);
    ~RemoteConnection() override;
    RemoteConnection(const RemoteConnection&) = delete;
    RemoteConnection& operator=(const RemoteConnection&) = delete;

    driver::ConnectOps& connect() override { return connect_; }
    driver::DomainLifecycleOps& domainLifecycle() override { return lifecycle_; }
    driver::DomainConfigOps& domainConfig() override { return config_; }
    driver::DomainDeviceOps& domainDevices() override { return devices_; }
    driver::DomainStatsOps& domainStats() override { return stats_; }
    driver::DomainSnapshotOps& domainSnapshots() override { return snapshots_; }
    driver::NetworkOps& networks() override { return networks_; }
    driver::StorageOps& storage() override { return storage_; }
    driver::NodeDeviceOps& nodeDevices() override { return node_devices_; }
    driver::SecretOps& secrets() override { return secrets_; }
    driver::InterfaceOps& interfaces() override { return interfaces_; }
    driver::EventOps& events() override { return events_; }

    // UNREGISTER_CLOSE_CALLBACK (if registered), CONNECT_CLOSE, then the socket is closed.
    void close() override;
    // Also registers with the server (CONNECT_REGISTER_CLOSE_CALLBACK) when it supports close
    // callbacks (feature 15), as virsh does right after opening.
    void setCloseHandler(std::function<void(int reason)> handler) override;

    [[nodiscard]] Channel& channel() { return channel_; }

  private:
    RemoteConnection(std::unique_ptr<rpc::ClientTransport> transport, TransportKind kind);

    Status handshake(const Endpoint& endpoint, const RemoteOptions& options,
                     const std::optional<driver::Uri>& uri);
    Status authenticate(const std::optional<driver::Uri>& uri);
    // The connection ended on its own: tell the client library once, wake stream readers.
    void notifyClosed(int reason);

    Channel channel_;
    StreamTracker streams_;
    RemoteConnect connect_;
    RemoteDomainLifecycle lifecycle_;
    RemoteDomainConfig config_;
    RemoteDomainDevices devices_;
    RemoteDomainStats stats_;
    RemoteDomainSnapshots snapshots_;
    RemoteNetworks networks_;
    RemoteStorage storage_;
    RemoteNodeDevices node_devices_;
    RemoteSecrets secrets_;
    RemoteInterfaces interfaces_;
    RemoteEvents events_;

    std::mutex close_mutex_;
    std::function<void(int)> close_handler_;
    bool close_notified_ = false;
    bool close_callback_registered_ = false;
    std::atomic<bool> closing_{false};
};

// virConnectCloseReason for the way the transport ended.
int closeReasonOf(const Error& error);

}  // namespace nodevirt::remote
