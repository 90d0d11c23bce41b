// Host devices: connection-level listing/lookup/create and the NodeDevice handle
// (virNodeDevice*).
#include "nodevirt/node_device.h"

#include "client/checks.h"
#include "nodevirt/connection.h"

namespace nodevirt {

using client::call;
using client::callConn;
using client::kRead;
using client::kWrite;
using detail::ConnectionState;
using detail::HandleAccess;
using Ref = driver::NodeDeviceRef;

namespace {
constexpr const client::Family& kFam = client::kNodeDeviceFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kNodedev;

driver::NodeDeviceOps& ops(ConnectionState& st) { return st.driver().nodeDevices(); }
auto makeDevice() {
    return [](const detail::StatePtr& s, const Ref& r) { return HandleAccess::nodeDevice(s, r); };
}
}  // namespace

// --- on a Connection

Result<std::vector<NodeDevice>> Connection::listAllNodeDevices(unsigned flags) const {
    return callConn(state_, kFam, "virConnectListAllNodeDevices", kRead, [&](ConnectionState& st) {
        return client::wrapList<NodeDevice>(state_, ops(st).listAll(flags), makeDevice());
    });
}

Result<int> Connection::numOfNodeDevices(const std::optional<std::string>& cap,
                                         unsigned flags) const {
    return callConn(state_, kFam, "virNodeNumOfDevices", kRead,
                    [&](ConnectionState& st) { return ops(st).numOfDevices(cap, flags); });
}

Result<std::vector<std::string>> Connection::listNodeDevices(const std::optional<std::string>& cap,
                                                             int max, unsigned flags) const {
    constexpr std::string_view kApi = "virNodeListDevices";
    return callConn(state_, kFam, kApi, kRead,
                    [&](ConnectionState& st) -> Result<std::vector<std::string>> {
                        if (max < 0) return fail(client::argNonNegative(kApi, "maxnames", kErrDom));
                        return ops(st).listDevices(cap, max, flags);
                    });
}

Result<NodeDevice> Connection::lookupNodeDeviceByName(const std::string& name) const {
    return callConn(state_, kFam, "virNodeDeviceLookupByName", kRead, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).lookupByName(name), makeDevice());
    });
}

Result<NodeDevice> Connection::lookupScsiHostByWwn(const std::string& wwnn, const std::string& wwpn,
                                                   unsigned flags) const {
    return callConn(state_, kFam, "virNodeDeviceLookupSCSIHostByWWN", kRead,
                    [&](ConnectionState& st) {
                        return client::wrap(state_, ops(st).lookupScsiHostByWwn(wwnn, wwpn, flags),
                                            makeDevice());
                    });
}

Result<NodeDevice> Connection::createNodeDeviceXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virNodeDeviceCreateXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).createXml(xml, flags), makeDevice());
    });
}

Result<NodeDevice> Connection::defineNodeDeviceXml(const std::string& xml, unsigned flags) const {
    return callConn(state_, kFam, "virNodeDeviceDefineXML", kWrite, [&](ConnectionState& st) {
        return client::wrap(state_, ops(st).defineXml(xml, flags), makeDevice());
    });
}

// --- NodeDevice

Connection NodeDevice::connection() const { return HandleAccess::connection(conn_); }

Result<std::string> NodeDevice::xmlDesc(unsigned flags) const {
    return call(
        *this, kFam, "virNodeDeviceGetXMLDesc", kRead,
        [&](ConnectionState& st, const Ref& ref) { return ops(st).getXmlDesc(ref, flags); });
}

Result<std::optional<std::string>> NodeDevice::parent() const {
    return call(*this, kFam, "virNodeDeviceGetParent", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).getParent(ref); });
}

Result<std::vector<std::string>> NodeDevice::listCaps() const {
    return call(*this, kFam, "virNodeDeviceListCaps", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).listCaps(ref); });
}

Status NodeDevice::destroy() const {
    return call(*this, kFam, "virNodeDeviceDestroy", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).destroy(ref); });
}

Status NodeDevice::undefine(unsigned flags) const {
    return call(*this, kFam, "virNodeDeviceUndefine", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return ops(st).undefine(ref, flags); });
}

Status NodeDevice::create(unsigned flags) const {
    return call(*this, kFam, "virNodeDeviceCreate", kWrite,
                [&](ConnectionState& st, const Ref& ref) { return ops(st).create(ref, flags); });
}

Status NodeDevice::detach(const std::optional<std::string>& driver_name, unsigned flags) const {
    // virsh's nodedev-detach calls the old misspelt entry point unless a driver is named.
    std::string_view api =
        (flags != 0 || driver_name) ? "virNodeDeviceDetachFlags" : "virNodeDeviceDettach";
    return call(*this, kFam, api, kWrite, [&](ConnectionState& st, const Ref& ref) {
        return ops(st).detach(ref, driver_name, flags);
    });
}

Status NodeDevice::reattach() const {
    return call(*this, kFam, "virNodeDeviceReAttach", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).reattach(ref); });
}

Status NodeDevice::reset() const {
    return call(*this, kFam, "virNodeDeviceReset", kWrite,
                [](ConnectionState& st, const Ref& ref) { return ops(st).reset(ref); });
}

Result<bool> NodeDevice::isActive() const {
    return call(*this, kFam, "virNodeDeviceIsActive", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).isActive(ref); });
}

Result<bool> NodeDevice::isPersistent() const {
    return call(*this, kFam, "virNodeDeviceIsPersistent", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).isPersistent(ref); });
}

Result<bool> NodeDevice::autostart() const {
    return call(*this, kFam, "virNodeDeviceGetAutostart", kRead,
                [](ConnectionState& st, const Ref& ref) { return ops(st).getAutostart(ref); });
}

Status NodeDevice::setAutostart(bool autostart) const {
    return call(
        *this, kFam, "virNodeDeviceSetAutostart", kWrite,
        [&](ConnectionState& st, const Ref& ref) { return ops(st).setAutostart(ref, autostart); });
}

}  // namespace nodevirt
