// nodevirt::Network: a handle on one virtual network (virNetwork*). A cheap copyable value:
// the connection's shared state plus the network's name and uuid.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"
#include "nodevirt/types.h"
#include "nodevirt/uuid.h"

namespace nodevirt {

class Network {
  public:
    Network() = default;  // invalid; every call fails with VIR_ERR_INVALID_NETWORK

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const Uuid& uuid() const { return uuid_; }
    [[nodiscard]] std::string uuidString() const { return uuid_.toString(); }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Status undefine() const;
    [[nodiscard]] Status create() const;  // start an inactive network
    [[nodiscard]] Status destroy() const;
    // virNetworkUpdate: command/section are virNetworkUpdateCommand/Section values.
    [[nodiscard]] Status update(unsigned command, unsigned section, int parent_index,
                                const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> bridgeName() const;
    [[nodiscard]] Result<bool> autostart() const;
    [[nodiscard]] Status setAutostart(bool autostart) const;
    [[nodiscard]] Result<bool> isActive() const;
    [[nodiscard]] Result<bool> isPersistent() const;
    [[nodiscard]] Result<std::vector<NetworkDhcpLease>> dhcpLeases(
        const std::optional<std::string>& mac = std::nullopt, unsigned flags = 0) const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    std::string name_;
    Uuid uuid_;
};

}  // namespace nodevirt
