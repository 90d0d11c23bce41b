// A driver connection: the object behind one open URI. It hands out facets; a facet a
// driver does not provide answers every call with "not supported". Facet methods must be
// safe to call from several threads at once.
#pragma once

#include <functional>
#include <memory>

#include "driver/connect_ops.h"
#include "driver/domain_config_ops.h"
#include "driver/domain_device_ops.h"
#include "driver/domain_lifecycle_ops.h"
#include "driver/domain_snapshot_ops.h"
#include "driver/domain_stats_ops.h"
#include "driver/event_ops.h"
#include "driver/interface_ops.h"
#include "driver/network_ops.h"
#include "driver/node_device_ops.h"
#include "driver/qemu_ops.h"
#include "driver/secret_ops.h"
#include "driver/storage_ops.h"

namespace nodevirt::driver {

class Connection {
public:
    virtual ~Connection() = default;

    virtual ConnectOps& connect() = 0;
    virtual DomainLifecycleOps& domainLifecycle() { return unsupported_.lifecycle; }
    virtual DomainConfigOps& domainConfig() { return unsupported_.config; }
    virtual DomainDeviceOps& domainDevices() { return unsupported_.devices; }
    virtual DomainStatsOps& domainStats() { return unsupported_.stats; }
    virtual DomainSnapshotOps& domainSnapshots() { return unsupported_.snapshots; }
    virtual NetworkOps& networks() { return unsupported_.networks; }
    virtual StorageOps& storage() { return unsupported_.storage; }
    virtual NodeDeviceOps& nodeDevices() { return unsupported_.node_devices; }
    virtual SecretOps& secrets() { return unsupported_.secrets; }
    virtual InterfaceOps& interfaces() { return unsupported_.interfaces; }
    virtual EventOps& events() { return unsupported_.events; }
    virtual QemuOps& qemu() { return unsupported_.qemu; }

    // The client is done: drop event registrations and shared-state references. Called once.
    virtual void close() {}

    // Set once by the client library right after open: a driver whose connection can end on
    // its own (the remote driver: EOF, keepalive timeout, I/O error) calls `handler` once with
    // a virConnectCloseReason value, outside its locks. In-process drivers never close on
    // their own and keep this default.
    virtual void setCloseHandler(std::function<void(int reason)> /*handler*/) {}

private:
    struct Unsupported {
        DomainLifecycleOps lifecycle;
        DomainConfigOps config;
        DomainDeviceOps devices;
        DomainStatsOps stats;
        DomainSnapshotOps snapshots;
        NetworkOps networks;
        StorageOps storage;
        NodeDeviceOps node_devices;
        SecretOps secrets;
        InterfaceOps interfaces;
        EventOps events;
        QemuOps qemu;
    };
    Unsupported unsupported_;
};

using ConnectionPtr = std::shared_ptr<Connection>;

}  // namespace nodevirt::driver
