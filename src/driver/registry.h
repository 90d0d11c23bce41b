// The table of connection drivers a process knows. Drivers are added explicitly (see
// drivers/register_drivers.cc), never by static initializers; open() asks each in order.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "driver/connection.h"
#include "driver/uri.h"

namespace nodevirt::driver {

// Bits of the open flags word (the wire CONNECT_OPEN flags); only read-only is honoured.
inline constexpr unsigned kOpenReadOnly = 1;

class ConnectionFactory {
public:
    virtual ~ConnectionFactory() = default;
    [[nodiscard]] virtual std::string_view name() const = 0;
    // True when this driver handles the URI (scheme and, for local drivers, no host).
    [[nodiscard]] virtual bool accepts(const Uri& uri) const = 0;
    virtual Result<ConnectionPtr> open(const Uri& uri, unsigned flags) = 0;
};

class Registry {
public:
    void add(std::unique_ptr<ConnectionFactory> factory);
    // Opens `uri` with the first driver that accepts it; libvirt's "no connection driver
    // available for URI" otherwise.
    Result<ConnectionPtr> open(const Uri& uri, unsigned flags);
    [[nodiscard]] std::vector<std::string> names() const;

private:
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<ConnectionFactory>> factories_;
};

}  // namespace nodevirt::driver
