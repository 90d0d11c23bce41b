// The remote driver's entry point for libnodevirt (src/client/default_drivers.cc): registers
// the factory that opens every URI the client library routes to a daemon.
#pragma once

#include <memory>

#include "driver/registry.h"
#include "remote/client/remote_connection.h"

namespace nodevirt::remote {

// Opens remote URIs (a transport or host, or a daemon-only driver), and the no-URI case,
// which the client library passes as a Uri with an empty scheme.
class RemoteConnectionFactory final : public driver::ConnectionFactory {
  public:
    RemoteConnectionFactory() = default;
    explicit RemoteConnectionFactory(RemoteOptions options) : options_(std::move(options)) {}

    [[nodiscard]] std::string_view name() const override { return "remote"; }
    [[nodiscard]] bool accepts(const driver::Uri& uri) const override;
    Result<driver::ConnectionPtr> open(const driver::Uri& uri, unsigned flags) override;

  private:
    RemoteOptions options_;
};

void registerRemoteDriver(driver::Registry& registry);

}  // namespace nodevirt::remote
