#include "remote/client/register_remote_driver.h"

namespace nodevirt::remote {

bool RemoteConnectionFactory::accepts(const driver::Uri& /*uri*/) const {
    // The client library only routes URIs here that a daemon must serve (client/open.cc).
    return true;
}

Result<driver::ConnectionPtr> RemoteConnectionFactory::open(const driver::Uri& uri,
                                                            unsigned flags) {
    std::optional<driver::Uri> target;
    if (!uri.scheme.empty()) target = uri;
    NODEVIRT_ASSIGN_OR_RETURN(auto conn, RemoteConnection::open(target, flags, options_));
    return driver::ConnectionPtr(std::move(conn));
}

void registerRemoteDriver(driver::Registry& registry) {
    registry.add(std::make_unique<RemoteConnectionFactory>());
}

}  // namespace nodevirt::remote
