// nodevirt::NodeDevice: a handle on one host device (virNodeDevice*): PCI/USB devices, SCSI
// hosts, mediated devices... A cheap copyable value: connection state plus the device name.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"

namespace nodevirt {

class NodeDevice {
  public:
    NodeDevice() = default;  // invalid; every call fails with VIR_ERR_INVALID_NODE_DEVICE

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    // The parent device's name; nullopt for the root ("computer").
    [[nodiscard]] Result<std::optional<std::string>> parent() const;
    [[nodiscard]] Result<std::vector<std::string>> listCaps() const;
    [[nodiscard]] Status destroy() const;
    [[nodiscard]] Status undefine(unsigned flags = 0) const;
    [[nodiscard]] Status create(unsigned flags = 0) const;  // start a defined device
    // Detach from the host driver for assignment (virNodeDeviceDetachFlags).
    [[nodiscard]] Status detach(const std::optional<std::string>& driver_name = std::nullopt,
                                unsigned flags = 0) const;
    [[nodiscard]] Status reattach() const;
    [[nodiscard]] Status reset() const;
    [[nodiscard]] Result<bool> isActive() const;
    [[nodiscard]] Result<bool> isPersistent() const;
    [[nodiscard]] Result<bool> autostart() const;
    [[nodiscard]] Status setAutostart(bool autostart) const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    std::string name_;
};

}  // namespace nodevirt
