// Node devices, secrets and host interfaces over the wire, each listing with its fallback to
// the old NUM_OF/LIST calls plus one lookup per object.
#include <array>
#include <set>
#include <utility>

#include "driver/libvirt_constants.h"
#include "remote/client/call_helpers.h"
#include "remote/client/list_fallback.h"
#include "remote/client/object_facets.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

namespace {

// VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits and the capability names the old calls take.
constexpr std::array<std::pair<unsigned, const char*>, 22> kDeviceCaps = {{
    {lv::kConnectListNodeDevicesCapSystem, "system"},
    {lv::kConnectListNodeDevicesCapPciDev, "pci"},
    {lv::kConnectListNodeDevicesCapUsbDev, "usb_device"},
    {lv::kConnectListNodeDevicesCapUsbInterface, "usb"},
    {lv::kConnectListNodeDevicesCapNet, "net"},
    {lv::kConnectListNodeDevicesCapScsiHost, "scsi_host"},
    {lv::kConnectListNodeDevicesCapScsiTarget, "scsi_target"},
    {lv::kConnectListNodeDevicesCapScsi, "scsi"},
    {lv::kConnectListNodeDevicesCapStorage, "storage"},
    {lv::kConnectListNodeDevicesCapFcHost, "fc_host"},
    {lv::kConnectListNodeDevicesCapVports, "vports"},
    {lv::kConnectListNodeDevicesCapScsiGeneric, "scsi_generic"},
    {lv::kConnectListNodeDevicesCapDrm, "drm"},
    {lv::kConnectListNodeDevicesCapMdevTypes, "mdev_types"},
    {lv::kConnectListNodeDevicesCapMdev, "mdev"},
    {lv::kConnectListNodeDevicesCapCcwDev, "ccw"},
    {lv::kConnectListNodeDevicesCapCssDev, "css"},
    {lv::kConnectListNodeDevicesCapVdpa, "vdpa"},
    {lv::kConnectListNodeDevicesCapApCard, "ap_card"},
    {lv::kConnectListNodeDevicesCapApQueue, "ap_queue"},
    {lv::kConnectListNodeDevicesCapApMatrix, "ap_matrix"},
    {lv::kConnectListNodeDevicesCapVpd, "vpd"},
}};

}  // namespace

// --- node devices

Result<std::vector<NodeDeviceRef>> RemoteNodeDevices::listAll(unsigned flags) {
    auto all = ch_.call<pr::ConnectListAllNodeDevices>({1, flags});
    if (all) return fromWireList(all->devices);
    if (!isNoSupport(all.error())) return fail(all.error());
    // The old calls know only active devices and one capability at a time.
    bool only_inactive = (flags & lv::kConnectListNodeDevicesInactive) != 0 &&
                         (flags & lv::kConnectListNodeDevicesActive) == 0;
    if (only_inactive) return std::vector<NodeDeviceRef>{};
    std::vector<std::optional<std::string>> caps;
    for (const auto& [bit, name] : kDeviceCaps) {
        if ((flags & bit) != 0) caps.emplace_back(name);
    }
    if (caps.empty()) caps.emplace_back(std::nullopt);
    std::set<std::string> seen;
    std::vector<NodeDeviceRef> refs;
    for (const auto& cap : caps) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfDevices(cap, 0));
        NODEVIRT_ASSIGN_OR_RETURN(std::vector<std::string> names, listDevices(cap, n, 0));
        for (const std::string& name : names) {
            if (!seen.insert(name).second) continue;
            auto ref = lookupByName(name);
            if (ref) refs.push_back(*ref);
        }
    }
    return refs;
}

Result<int> RemoteNodeDevices::numOfDevices(const std::optional<std::string>& cap, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeNumOfDevices>({cap, flags}));
    return r.num;
}

Result<std::vector<std::string>> RemoteNodeDevices::listDevices(
    const std::optional<std::string>& cap, int max, unsigned flags) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeListDevices>({cap, max, flags}));
    return std::move(r.names);
}

Result<NodeDeviceRef> RemoteNodeDevices::lookupByName(const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceLookupByName>({name}));
    return fromWire(r.dev);
}

Result<NodeDeviceRef> RemoteNodeDevices::lookupScsiHostByWwn(const std::string& wwnn,
                                                             const std::string& wwpn,
                                                             unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r,
                              ch_.call<pr::NodeDeviceLookupScsiHostByWwn>({wwnn, wwpn, flags}));
    return fromWire(r.dev);
}

Result<std::string> RemoteNodeDevices::getXmlDesc(const NodeDeviceRef& dev, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceGetXmlDesc>({dev.name, flags}));
    return std::move(r.xml);
}

Result<std::optional<std::string>> RemoteNodeDevices::getParent(const NodeDeviceRef& dev) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceGetParent>({dev.name}));
    return std::move(r.parent_name);
}

Result<std::vector<std::string>> RemoteNodeDevices::listCaps(const NodeDeviceRef& dev) {
    NODEVIRT_ASSIGN_OR_RETURN(auto n, ch_.call<pr::NodeDeviceNumOfCaps>({dev.name}));
    if (n.num <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceListCaps>({dev.name, n.num}));
    return std::move(r.names);
}

Result<NodeDeviceRef> RemoteNodeDevices::createXml(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceCreateXml>({xml, flags}));
    return fromWire(r.dev);
}

Status RemoteNodeDevices::destroy(const NodeDeviceRef& dev) {
    return callVoid<pr::NodeDeviceDestroy>(ch_, {dev.name});
}

Result<NodeDeviceRef> RemoteNodeDevices::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceDefineXml>({xml, flags}));
    return fromWire(r.dev);
}

Status RemoteNodeDevices::undefine(const NodeDeviceRef& dev, unsigned flags) {
    return callVoid<pr::NodeDeviceUndefine>(ch_, {dev.name, flags});
}

Status RemoteNodeDevices::create(const NodeDeviceRef& dev, unsigned flags) {
    return callVoid<pr::NodeDeviceCreate>(ch_, {dev.name, flags});
}

Status RemoteNodeDevices::detach(const NodeDeviceRef& dev, const std::optional<std::string>& driver,
                                 unsigned flags) {
    if (!driver && flags == 0) return callVoid<pr::NodeDeviceDettach>(ch_, {dev.name});
    return callVoid<pr::NodeDeviceDetachFlags>(ch_, {dev.name, driver, flags});
}

Status RemoteNodeDevices::reattach(const NodeDeviceRef& dev) {
    return callVoid<pr::NodeDeviceReAttach>(ch_, {dev.name});
}

Status RemoteNodeDevices::reset(const NodeDeviceRef& dev) {
    return callVoid<pr::NodeDeviceReset>(ch_, {dev.name});
}

Result<bool> RemoteNodeDevices::isActive(const NodeDeviceRef& dev) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceIsActive>({dev.name}));
    return r.active != 0;
}

Result<bool> RemoteNodeDevices::isPersistent(const NodeDeviceRef& dev) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceIsPersistent>({dev.name}));
    return r.persistent != 0;
}

Result<bool> RemoteNodeDevices::getAutostart(const NodeDeviceRef& dev) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NodeDeviceGetAutostart>({dev.name}));
    return r.autostart != 0;
}

Status RemoteNodeDevices::setAutostart(const NodeDeviceRef& dev, bool autostart) {
    return callVoid<pr::NodeDeviceSetAutostart>(ch_, {dev.name, autostart ? 1 : 0});
}

// --- secrets

Result<std::vector<SecretRef>> RemoteSecrets::listAll(unsigned flags) {
    auto all = ch_.call<pr::ConnectListAllSecrets>({1, flags});
    if (all) return fromWireList(all->secrets);
    if (!isNoSupport(all.error()) || flags != 0) return fail(all.error());
    NODEVIRT_ASSIGN_OR_RETURN(int n, numOfSecrets());
    NODEVIRT_ASSIGN_OR_RETURN(std::vector<std::string> uuids, listSecrets(n));
    std::vector<SecretRef> refs;
    for (const std::string& text : uuids) {
        std::optional<Uuid> uuid = Uuid::parse(text);
        if (!uuid) continue;
        auto ref = lookupByUuid(*uuid);
        if (ref) refs.push_back(*ref);
    }
    return refs;
}

Result<int> RemoteSecrets::numOfSecrets() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfSecrets>());
    return r.num;
}

Result<std::vector<std::string>> RemoteSecrets::listSecrets(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListSecrets>({max}));
    return std::move(r.uuids);
}

Result<SecretRef> RemoteSecrets::lookupByUuid(const Uuid& uuid) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::SecretLookupByUuid>({uuid}));
    return fromWire(r.secret);
}

Result<SecretRef> RemoteSecrets::lookupByUsage(int usage_type, const std::string& usage_id) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::SecretLookupByUsage>({usage_type, usage_id}));
    return fromWire(r.secret);
}

Result<SecretRef> RemoteSecrets::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::SecretDefineXml>({xml, flags}));
    return fromWire(r.secret);
}

Result<std::string> RemoteSecrets::getXmlDesc(const SecretRef& secret, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::SecretGetXmlDesc>({toWire(secret), flags}));
    return std::move(r.xml);
}

Status RemoteSecrets::setValue(const SecretRef& secret, const std::string& value,
                               unsigned flags) {
    return callVoid<pr::SecretSetValue>(ch_, {toWire(secret), value, flags});
}

Result<std::string> RemoteSecrets::getValue(const SecretRef& secret, unsigned flags,
                                            bool /*internal*/) {
    // Over the wire a caller is never "internal"; the server applies the private-secret rule.
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::SecretGetValue>({toWire(secret), flags}));
    return std::move(r.value);
}

Status RemoteSecrets::undefine(const SecretRef& secret) {
    return callVoid<pr::SecretUndefine>(ch_, {toWire(secret)});
}

// --- host interfaces

Result<std::vector<InterfaceRef>> RemoteInterfaces::listAll(unsigned flags) {
    auto all = ch_.call<pr::ConnectListAllInterfaces>({1, flags});
    if (all) return fromWireList(all->ifaces);
    if (!isNoSupport(all.error())) return fail(all.error());
    ListFilter filter(flags, lv::kConnectListInterfacesActive, lv::kConnectListInterfacesInactive);
    std::vector<std::string> names;
    if (filter.wantActive()) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfInterfaces());
        NODEVIRT_ASSIGN_OR_RETURN(names, listInterfaces(n));
    }
    if (filter.wantInactive()) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfDefinedInterfaces());
        NODEVIRT_ASSIGN_OR_RETURN(std::vector<std::string> defined, listDefinedInterfaces(n));
        names.insert(names.end(), defined.begin(), defined.end());
    }
    std::vector<InterfaceRef> refs;
    for (const std::string& name : names) {
        auto ref = lookupByName(name);
        if (ref) refs.push_back(*ref);
    }
    return refs;
}

Result<int> RemoteInterfaces::numOfInterfaces() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfInterfaces>());
    return r.num;
}

Result<std::vector<std::string>> RemoteInterfaces::listInterfaces(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListInterfaces>({max}));
    return std::move(r.names);
}

Result<int> RemoteInterfaces::numOfDefinedInterfaces() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfDefinedInterfaces>());
    return r.num;
}

Result<std::vector<std::string>> RemoteInterfaces::listDefinedInterfaces(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListDefinedInterfaces>({max}));
    return std::move(r.names);
}

Result<InterfaceRef> RemoteInterfaces::lookupByName(const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::InterfaceLookupByName>({name}));
    return fromWire(r.iface);
}

Result<InterfaceRef> RemoteInterfaces::lookupByMac(const std::string& mac) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::InterfaceLookupByMacString>({mac}));
    return fromWire(r.iface);
}

Result<std::string> RemoteInterfaces::getXmlDesc(const InterfaceRef& iface, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::InterfaceGetXmlDesc>({toWire(iface), flags}));
    return std::move(r.xml);
}

Result<InterfaceRef> RemoteInterfaces::defineXml(const std::string& xml, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::InterfaceDefineXml>({xml, flags}));
    return fromWire(r.iface);
}

Status RemoteInterfaces::undefine(const InterfaceRef& iface) {
    return callVoid<pr::InterfaceUndefine>(ch_, {toWire(iface)});
}

Status RemoteInterfaces::create(const InterfaceRef& iface, unsigned flags) {
    return callVoid<pr::InterfaceCreate>(ch_, {toWire(iface), flags});
}

Status RemoteInterfaces::destroy(const InterfaceRef& iface, unsigned flags) {
    return callVoid<pr::InterfaceDestroy>(ch_, {toWire(iface), flags});
}

Result<bool> RemoteInterfaces::isActive(const InterfaceRef& iface) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::InterfaceIsActive>({toWire(iface)}));
    return r.active != 0;
}

Status RemoteInterfaces::changeBegin(unsigned flags) {
    return callVoid<pr::InterfaceChangeBegin>(ch_, {flags});
}

Status RemoteInterfaces::changeCommit(unsigned flags) {
    return callVoid<pr::InterfaceChangeCommit>(ch_, {flags});
}

Status RemoteInterfaces::changeRollback(unsigned flags) {
    return callVoid<pr::InterfaceChangeRollback>(ch_, {flags});
}

}  // namespace nodevirt::remote
