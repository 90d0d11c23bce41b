// One row of the client API tables: a public call, the driver facet method it must reach
// (named by that method's "not supported" answer) and, for mutating calls, the libvirt API
// name a read-only connection's denial must carry.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/handle_access.h"
#include "nodevirt/connection.h"

namespace nodevirt::client::testing {

// A handle of every kind, all bound to one connection.
struct Handles {
    Connection conn;
    Domain dom;
    DomainSnapshot snap;
    Network net;
    StoragePool pool;
    StorageVolume vol;
    NodeDevice dev;
    Secret secret;
    Interface iface;
};

inline Handles makeHandles(const Connection& conn) {
    const auto& st = detail::HandleAccess::state(conn);
    using A = detail::HandleAccess;
    Uuid uuid = *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");
    driver::DomainRef dom{"test", uuid, 1};
    return Handles{conn,
                   A::domain(st, dom),
                   A::snapshot(st, {"snap1", dom}),
                   A::network(st, {"default", uuid}),
                   A::pool(st, {"default-pool", uuid}),
                   A::volume(st, {"default-pool", "vol1", "/pool/vol1"}),
                   A::nodeDevice(st, {"computer"}),
                   A::secret(st, {uuid, 1, "/var/lib/x.img"}),
                   A::interface(st, {"eth1", "aa:bb:cc:dd:ee:ff"})};
}

// The error a call returned, or an error with code kOk when it succeeded.
template <typename R>
Error errorOf(const R& r) {
    if (r) return Error{ErrorCode::kOk};
    return r.error();
}

struct ApiCase {
    std::string label;
    std::function<Error(Handles)> call;
    std::string driver_api;             // the facet method reached, as its default names it
    std::optional<std::string> ro_api;  // set for calls a read-only connection must refuse
};

std::vector<ApiCase> connectionCases();
std::vector<ApiCase> domainCases();
std::vector<ApiCase> objectCases();  // networks, storage, node devices, secrets, interfaces

}  // namespace nodevirt::client::testing
