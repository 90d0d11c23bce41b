// nodevirt::Interface: a handle on one host network interface (virInterface*). A cheap
// copyable value: connection state plus the interface's name and MAC address.
#pragma once

#include <memory>
#include <string>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"

namespace nodevirt {

class Interface {
  public:
    Interface() = default;  // invalid; every call fails with VIR_ERR_INVALID_INTERFACE

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const std::string& mac() const { return mac_; }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Status undefine() const;
    [[nodiscard]] Status create(unsigned flags = 0) const;  // bring the interface up
    [[nodiscard]] Status destroy(unsigned flags = 0) const;
    [[nodiscard]] Result<bool> isActive() const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    std::string name_;
    std::string mac_;
};

}  // namespace nodevirt
