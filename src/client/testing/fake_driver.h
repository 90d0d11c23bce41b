// Test doubles for the client library's unit tests: a driver connection whose facets a test
// can replace one by one (the rest answer "not supported"), and a factory that hands it out.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "client/open.h"
#include "driver/connection.h"

namespace nodevirt::client::testing {

class FakeConnect : public driver::ConnectOps {
  public:
    Result<std::string> getType() override { return std::string("FAKE"); }
};

class FakeConnection : public driver::Connection {
  public:
    driver::ConnectOps& connect() override { return connect_ops ? *connect_ops : default_connect_; }
    driver::DomainLifecycleOps& domainLifecycle() override {
        return lifecycle ? *lifecycle : driver::Connection::domainLifecycle();
    }
    driver::DomainConfigOps& domainConfig() override {
        return config ? *config : driver::Connection::domainConfig();
    }
    driver::DomainDeviceOps& domainDevices() override {
        return devices ? *devices : driver::Connection::domainDevices();
    }
    driver::DomainStatsOps& domainStats() override {
        return stats ? *stats : driver::Connection::domainStats();
    }
    driver::DomainSnapshotOps& domainSnapshots() override {
        return snapshots ? *snapshots : driver::Connection::domainSnapshots();
    }
    driver::NetworkOps& networks() override {
        return network ? *network : driver::Connection::networks();
    }
    driver::StorageOps& storage() override {
        return storage_ops ? *storage_ops : driver::Connection::storage();
    }
    driver::NodeDeviceOps& nodeDevices() override {
        return node_devices ? *node_devices : driver::Connection::nodeDevices();
    }
    driver::SecretOps& secrets() override {
        return secret_ops ? *secret_ops : driver::Connection::secrets();
    }
    driver::InterfaceOps& interfaces() override {
        return interface_ops ? *interface_ops : driver::Connection::interfaces();
    }
    driver::EventOps& events() override {
        return event_ops ? *event_ops : driver::Connection::events();
    }

    void close() override {
        ++close_calls;
        if (on_close) on_close();
    }
    void setCloseHandler(std::function<void(int)> handler) override {
        close_handler = std::move(handler);
    }

    // Facets a test installs (owned here); null ones answer "not supported".
    std::shared_ptr<driver::ConnectOps> connect_ops;
    std::shared_ptr<driver::DomainLifecycleOps> lifecycle;
    std::shared_ptr<driver::DomainConfigOps> config;
    std::shared_ptr<driver::DomainDeviceOps> devices;
    std::shared_ptr<driver::DomainStatsOps> stats;
    std::shared_ptr<driver::DomainSnapshotOps> snapshots;
    std::shared_ptr<driver::NetworkOps> network;
    std::shared_ptr<driver::StorageOps> storage_ops;
    std::shared_ptr<driver::NodeDeviceOps> node_devices;
    std::shared_ptr<driver::SecretOps> secret_ops;
    std::shared_ptr<driver::InterfaceOps> interface_ops;
    std::shared_ptr<driver::EventOps> event_ops;

    int close_calls = 0;
    std::function<void()> on_close;
    std::function<void(int)> close_handler;

  private:
    FakeConnect default_connect_;
};

// Accepts URIs whose driver is `driver`; every open returns `conn` and records the flags.
class FakeFactory : public driver::ConnectionFactory {
  public:
    FakeFactory(std::string driver, std::shared_ptr<FakeConnection> conn)
        : driver_(std::move(driver)), conn_(std::move(conn)) {}
    [[nodiscard]] std::string_view name() const override { return driver_; }
    [[nodiscard]] bool accepts(const driver::Uri& uri) const override {
        return uri.driver == driver_;
    }
    Result<driver::ConnectionPtr> open(const driver::Uri& uri, unsigned flags) override {
        last_uri = uri.toString();
        last_flags = flags;
        ++opens;
        return conn_;
    }

    std::string last_uri;
    unsigned last_flags = 0;
    int opens = 0;

  private:
    std::string driver_;
    std::shared_ptr<FakeConnection> conn_;
};

// A DriverSet with one in-process "test" fake and one remote fake accepting "qemu" and
// "test" URIs that the router sends remote.
struct FakeDrivers {
    std::shared_ptr<FakeConnection> local = std::make_shared<FakeConnection>();
    std::shared_ptr<FakeConnection> remote = std::make_shared<FakeConnection>();
    FakeFactory* local_factory = nullptr;
    FakeFactory* remote_factory = nullptr;
    DriverSet set;

    FakeDrivers() {
        auto lf = std::make_unique<FakeFactory>("test", local);
        local_factory = lf.get();
        set.in_process.add(std::move(lf));
        auto rf = std::make_unique<FakeFactory>("remote", remote);
        remote_factory = rf.get();
        set.remote.add(std::make_unique<AnyFactory>(rf.release()));
    }

  private:
    // The remote fake accepts every URI, as the remote driver does.
    class AnyFactory : public driver::ConnectionFactory {
      public:
        explicit AnyFactory(FakeFactory* inner) : inner_(inner) {}
        [[nodiscard]] std::string_view name() const override { return "remote"; }
        [[nodiscard]] bool accepts(const driver::Uri&) const override { return true; }
        Result<driver::ConnectionPtr> open(const driver::Uri& uri, unsigned flags) override {
            return inner_->open(uri, flags);
        }

      private:
        std::unique_ptr<FakeFactory> inner_;
    };
};

}  // namespace nodevirt::client::testing
