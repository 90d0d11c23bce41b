// Host interfaces: connection-level listing/lookup/define, change transactions and the
// Interface handle (virInterface*).
#include "nodevirt/interface.h"

#include "client/checks.h"
#include "nodevirt/connection.h"

namespace nodevirt {

using client::call;
using client::callConn;
using client::kRead;
using client::kWrite;
using detail::ConnectionState;
using detail::HandleAccess;
using Ref = driver::InterfaceRef;

namespace {
constexpr const client::Family& kFam = client::kInterfaceFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kInterface;

driver::InterfaceOps& ops(ConnectionState& st) { return st.driver().interfaces(); }
auto makeInterface() {
    return [](const detail::StatePtr& s, const Ref& r) { return HandleAccess::interface(s, r); };
}
}  // namespace

// --- on a Connection

Result<std::vector<Interface>> Connection::listAllInterfaces(unsigned flags) const {
    return callConn(state_, kFam, "virConnectListAllInterfaces", kRead, [&](ConnectionState& st) {
        return client::wrapList<Interface>(state_, ops(st).listAll(flags), makeInterface());
    });
}

Result<int> Connection::numOfInterfaces() const {
    return callConn(state_, kFam, "virConnectNumOfInterfaces", kRead,
                    [](ConnectionState& st) { return ops(st).numOfInterfaces(); });
}

Result<std::vector<std::string>> Connection::listInterfaces(int max) const {
    constexpr std::string_view kApi = "virConnectListInterfaces";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listInterfaces(max);
                    });
}

Result<int> Connection::numOfDefinedInterfaces() const {
    return callConn(state_, kFam, "virConnectNumOfDefinedInterfaces", kRead,
                    [](ConnectionState& st) { return ops(st).numOfDefinedInterfaces(); });
}

Result<std::vector<std::string>> Connection::listDefinedInterfaces(int max) const {
    constexpr std::string_view kApi = "virConnectListDefinedInterfaces";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listDefinedInterfaces(max);
                    });
}

Result<Interface> Connection::lookupInterfaceByName(const std::string& name) const {
    return callConn(state_, kFam, "virInterfaceLookupByName", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByName(name), makeInterface());
    });
}

Result<Interface> Connection::lookupInterfaceByMac(const std::string& mac) const {
    return callConn(state_, kFam, "virInterfaceLookupByMACString", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByMac(mac), makeInterface());
    });
}

Result<Interface> Connection::defineInterfaceXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virInterfaceDefineXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).defineXml(xml, flags), makeInterface());
    });
}

Status Connection::interfaceChangeBegin(unsigned flags) const {
    return callConn(state_, kFam, "virInterfaceChangeBegin", kWrite,
                    [&](ConnectionState& st) { return ops(st).changeBegin(flags); });
}

Status Connection::interfaceChangeCommit(unsigned flags) const {
    return callConn(state_, kFam, "virInterfaceChangeCommit", kWrite,
                    [&](ConnectionState& st) { return ops(st).changeCommit(flags); });
}

Status Connection::interfaceChangeRollback(unsigned flags) const {
    return callConn(state_, kFam, "virInterfaceChangeRollback", kWrite,
                    [&](ConnectionState& st) { return ops(st).changeRollback(flags); });
}

// --- Interface

Connection Interface::connection() const { return HandleAccess::connection(conn_); }

Result<std::string> Interface::xmlDesc(unsigned flags) const {
    return call(
        *this, kFam, "virInterfaceGetXMLDesc", kRead,
        [&](ConnectionState& st, const Ref& ref) { return ops(st).getXmlDesc(ref, flags); });
}

Status Interface::undefine() const {
    return call(*this, kFam, "virInterfaceUndefine", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).undefine(ref); });
}

Status Interface::create(unsigned flags) const {
    return call(*this, kFam, "virInterfaceCreate", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return ops(st).create(ref, flags); });
}

Status Interface::destroy(unsigned flags) const {
    return call(*this, kFam, "virInterfaceDestroy", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return ops(st).destroy(ref, flags); });
}

Result<bool> Interface::isActive() const {
    return call(*this, kFam, "virInterfaceIsActive", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).isActive(ref); });
}

}  // namespace nodevirt
