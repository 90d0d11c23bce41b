// Virtual networks: connection-level listing/lookup/define and the Network handle
// (virNetwork*).
#include "nodevirt/network.h"

#include "client/checks.h"
#include "nodevirt/connection.h"

namespace nodevirt {

using client::call;
using client::callConn;
using client::kRead;
using client::kWrite;
using detail::ConnectionState;
using detail::HandleAccess;
using Ref = driver::NetworkRef;

namespace {
constexpr const client::Family& kFam = client::kNetworkFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kNetwork;

driver::NetworkOps& ops(ConnectionState& st) { return st.driver().networks(); }
auto makeNetwork() {
    return [](const detail::StatePtr& s, const Ref& r) { return HandleAccess::network(s, r); };
}
}  // namespace

// --- on a Connection

Result<std::vector<Network>> Connection::listAllNetworks(unsigned flags) const {
    return callConn(state_, kFam, "virConnectListAllNetworks", kRead, [&](ConnectionState& st) {
        return client::wrapList<Network>(state_, ops(st).listAll(flags), makeNetwork());
    });
}

Result<int> Connection::numOfNetworks() const {
    return callConn(state_, kFam, "virConnectNumOfNetworks", kRead,
                    [](ConnectionState& st) { return ops(st).numOfNetworks(); });
}

Result<std::vector<std::string>> Connection::listNetworks(int max) const {
    constexpr std::string_view kApi = "virConnectListNetworks";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listNetworks(max);
                    });
}

Result<int> Connection::numOfDefinedNetworks() const {
    return callConn(state_, kFam, "virConnectNumOfDefinedNetworks", kRead,
                    [](ConnectionState& st) { return ops(st).numOfDefinedNetworks(); });
}

Result<std::vector<std::string>> Connection::listDefinedNetworks(int max) const {
    constexpr std::string_view kApi = "virConnectListDefinedNetworks";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listDefinedNetworks(max);
                    });
}

Result<Network> Connection::lookupNetworkByName(const std::string& name) const {
    return callConn(state_, kFam, "virNetworkLookupByName", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByName(name), makeNetwork());
    });
}

Result<Network> Connection::lookupNetworkByUuid(const Uuid& uuid) const {
    return callConn(state_, kFam, "virNetworkLookupByUUID", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByUuid(uuid), makeNetwork());
    });
}

Result<Network> Connection::lookupNetworkByUuidString(std::string_view uuid) const {
    constexpr std::string_view kApi = "virNetworkLookupByUUIDString";
    return callConn(state_, kFam, kApi, kRead, [&](ConnectionState& st) -> Result<Network> {
        auto parsed = Uuid::parse(uuid);
        if (!parsed) return fail(client::argInvalidUuid(kApi, kErrDom));
        return client::wrap(state_, ops(st).lookupByUuid(*parsed), makeNetwork());
    });
}

Result<Network> Connection::defineNetworkXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam,
                    client::flagsApi(flags, "virNetworkDefineXML", "virNetworkDefineXMLFlags"),
                    kWrite, [&](ConnectionState& st) {
                        return client::wrap(state_, ops(st).defineXml(xml, flags), makeNetwork());
                    });
}

Result<Network> Connection::createNetworkXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam,
                    client::flagsApi(flags, "virNetworkCreateXML", "virNetworkCreateXMLFlags"),
                    kWrite, [&](ConnectionState& st) {
                        return client::wrap(state_, ops(st).createXml(xml, flags), makeNetwork());
                    });
}

// --- Network

Connection Network::connection() const { return HandleAccess::connection(conn_); }

Status Network::undefine() const {
    return call(*this, kFam, "virNetworkUndefine", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).undefine(ref); });
}

Status Network::create() const {
    return call(*this, kFam, "virNetworkCreate", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).create(ref); });
}

Status Network::destroy() const {
    return call(*this, kFam, "virNetworkDestroy", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).destroy(ref); });
}

Status Network::update(unsigned command, unsigned section, int parent_index, const std::string& xml,
                       unsigned flags) const {
    return call(*this, kFam, "virNetworkUpdate", kWrite, [&](ConnectionState& st, const Ref& ref) {
        return ops(st).update(ref, command, section, parent_index, xml, flags);
    });
}

Result<std::string> Network::xmlDesc(unsigned flags) const {
    return call(
        *this, kFam, "virNetworkGetXMLDesc", kRead,
        [&](ConnectionState& st, const Ref& ref) { return ops(st).getXmlDesc(ref, flags); });
}

Result<std::string> Network::bridgeName() const {
    return call(*this, kFam, "virNetworkGetBridgeName", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).getBridgeName(ref); });
}

Result<bool> Network::autostart() const {
    return call(*this, kFam, "virNetworkGetAutostart", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).getAutostart(ref); });
}

Status Network::setAutostart(bool autostart) const {
    return call(
        *this, kFam, "virNetworkSetAutostart", kWrite,
        [&](ConnectionState& st, const Ref& ref) { return ops(st).setAutostart(ref, autostart); });
}

Result<bool> Network::isActive() const {
    return call(*this, kFam, "virNetworkIsActive", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).isActive(ref); });
}

Result<bool> Network::isPersistent() const {
    return call(*this, kFam, "virNetworkIsPersistent", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).isPersistent(ref); });
}

Result<std::vector<NetworkDhcpLease>> Network::dhcpLeases(const std::optional<std::string>& mac,
                                                          unsigned flags) const {
    return call(*this, kFam, "virNetworkGetDHCPLeases", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return ops(st).getDhcpLeases(ref, mac, flags);
                });
}

}  // namespace nodevirt
