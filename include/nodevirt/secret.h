// nodevirt::Secret: a handle on one secret (virSecret*): passphrases and keys referenced by
// domains and pools. Values are raw bytes held in std::string. A cheap copyable value.
#pragma once

#include <memory>
#include <string>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"
#include "nodevirt/uuid.h"

namespace nodevirt {

class Secret {
  public:
    Secret() = default;  // invalid; every call fails with VIR_ERR_INVALID_SECRET

    [[nodiscard]] const Uuid& uuid() const { return uuid_; }
    [[nodiscard]] std::string uuidString() const { return uuid_.toString(); }
    [[nodiscard]] int usageType() const { return usage_type_; }  // virSecretUsageType
    [[nodiscard]] const std::string& usageId() const { return usage_id_; }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Status setValue(const std::string& value, unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> value(unsigned flags = 0) const;
    [[nodiscard]] Status undefine() const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    Uuid uuid_;
    int usage_type_ = 0;
    std::string usage_id_;
};

}  // namespace nodevirt
