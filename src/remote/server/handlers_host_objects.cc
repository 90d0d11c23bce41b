// Host-side objects: node devices, secrets and host interfaces. Node device procedures name
// the device only; the driver resolves it (and reports libvirt's "not found" errors).
#include "remote/server/list_all.h"

namespace nodevirt::remote {
namespace {

namespace p = protocol;
namespace pr = protocol::proc;

driver::NodeDeviceOps& devs(CallContext& ctx) { return ctx.driver().nodeDevices(); }
driver::SecretOps& secrets(CallContext& ctx) { return ctx.driver().secrets(); }
driver::InterfaceOps& ifaces(CallContext& ctx) { return ctx.driver().interfaces(); }
driver::NodeDeviceRef dev(const std::string& name) { return {name}; }

void bindDeviceQueries(Handlers& h) {
    bindListAll<pr::ConnectListAllNodeDevices>(
        h, [](CallContext& ctx, const auto& a) { return devs(ctx).listAll(a.flags); });
    on<pr::NodeNumOfDevices>(h, [](CallContext& ctx, const auto& a) -> Result<p::NodeNumOfDevicesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, devs(ctx).numOfDevices(a.cap, a.flags));
        return p::NodeNumOfDevicesRet{n};
    });
    on<pr::NodeListDevices>(h, [](CallContext& ctx, const auto& a) -> Result<p::NodeListDevicesRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kNodeDeviceListMax,
                              "maxnames > REMOTE_NODE_DEVICE_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, devs(ctx).listDevices(a.cap, a.maxnames, a.flags));
        return p::NodeListDevicesRet{names};
    });
    on<pr::NodeDeviceLookupByName>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::NodeDeviceLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, devs(ctx).lookupByName(a.name));
        return p::NodeDeviceLookupByNameRet{toWire(ref)};
    });
    on<pr::NodeDeviceLookupScsiHostByWwn>(h, [](CallContext& ctx, const auto& a)
                                                 -> Result<p::NodeDeviceLookupScsiHostByWwnRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, devs(ctx).lookupScsiHostByWwn(a.wwnn, a.wwpn, a.flags));
        return p::NodeDeviceLookupScsiHostByWwnRet{toWire(ref)};
    });
    on<pr::NodeDeviceGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                        -> Result<p::NodeDeviceGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml, devs(ctx).getXmlDesc(dev(a.name), a.flags));
        return p::NodeDeviceGetXmlDescRet{xml};
    });
    on<pr::NodeDeviceGetParent>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NodeDeviceGetParentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto parent, devs(ctx).getParent(dev(a.name)));
        return p::NodeDeviceGetParentRet{parent};
    });
    on<pr::NodeDeviceNumOfCaps>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NodeDeviceNumOfCapsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto caps, devs(ctx).listCaps(dev(a.name)));
        return p::NodeDeviceNumOfCapsRet{static_cast<int32_t>(caps.size())};
    });
    on<pr::NodeDeviceListCaps>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::NodeDeviceListCapsRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kNodeDeviceCapsListMax,
                              "maxnames > REMOTE_NODE_DEVICE_CAPS_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto caps, devs(ctx).listCaps(dev(a.name)));
        if (a.maxnames >= 0 && caps.size() > static_cast<size_t>(a.maxnames)) {
            caps.resize(static_cast<size_t>(a.maxnames));
        }
        return p::NodeDeviceListCapsRet{caps};
    });
    on<pr::NodeDeviceGetAutostart>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::NodeDeviceGetAutostartRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, devs(ctx).getAutostart(dev(a.name)));
        return p::NodeDeviceGetAutostartRet{v ? 1 : 0};
    });
    on<pr::NodeDeviceIsPersistent>(h, [](CallContext& ctx, const auto& a)
                                          -> Result<p::NodeDeviceIsPersistentRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, devs(ctx).isPersistent(dev(a.name)));
        return p::NodeDeviceIsPersistentRet{v ? 1 : 0};
    });
    on<pr::NodeDeviceIsActive>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::NodeDeviceIsActiveRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, devs(ctx).isActive(dev(a.name)));
        return p::NodeDeviceIsActiveRet{v ? 1 : 0};
    });
}

void bindDeviceChanges(Handlers& h) {
    on<pr::NodeDeviceCreateXml>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NodeDeviceCreateXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, devs(ctx).createXml(a.xml_desc, a.flags));
        return p::NodeDeviceCreateXmlRet{toWire(ref)};
    });
    on<pr::NodeDeviceDefineXml>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::NodeDeviceDefineXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, devs(ctx).defineXml(a.xml_desc, a.flags));
        return p::NodeDeviceDefineXmlRet{toWire(ref)};
    });
    on<pr::NodeDeviceDestroy>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).destroy(dev(a.name)));
    });
    on<pr::NodeDeviceUndefine>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).undefine(dev(a.name), a.flags));
    });
    on<pr::NodeDeviceCreate>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).create(dev(a.name), a.flags));
    });
    on<pr::NodeDeviceDettach>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).detach(dev(a.name), std::nullopt, 0));
    });
    on<pr::NodeDeviceDetachFlags>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).detach(dev(a.name), a.driver_name, a.flags));
    });
    on<pr::NodeDeviceReAttach>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).reattach(dev(a.name)));
    });
    on<pr::NodeDeviceReset>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).reset(dev(a.name)));
    });
    on<pr::NodeDeviceSetAutostart>(h, [](CallContext& ctx, const auto& a) {
        return done(devs(ctx).setAutostart(dev(a.name), a.autostart != 0));
    });
}

void bindSecrets(Handlers& h) {
    bindListAll<pr::ConnectListAllSecrets>(
        h, [](CallContext& ctx, const auto& a) { return secrets(ctx).listAll(a.flags); });
    on<pr::ConnectNumOfSecrets>(h, [](CallContext& ctx, const p::Void&)
                                       -> Result<p::ConnectNumOfSecretsRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, secrets(ctx).numOfSecrets());
        return p::ConnectNumOfSecretsRet{n};
    });
    on<pr::ConnectListSecrets>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::ConnectListSecretsRet> {
        NODEVIRT_TRY(checkMax(a.maxuuids, p::kSecretListMax, "maxuuids > REMOTE_SECRET_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto uuids, secrets(ctx).listSecrets(a.maxuuids));
        return p::ConnectListSecretsRet{uuids};
    });
    on<pr::SecretLookupByUuid>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::SecretLookupByUuidRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, secrets(ctx).lookupByUuid(a.uuid));
        return p::SecretLookupByUuidRet{toWire(ref)};
    });
    on<pr::SecretLookupByUsage>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::SecretLookupByUsageRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, secrets(ctx).lookupByUsage(a.usage_type, a.usage_id));
        return p::SecretLookupByUsageRet{toWire(ref)};
    });
    on<pr::SecretDefineXml>(h, [](CallContext& ctx, const auto& a) -> Result<p::SecretDefineXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, secrets(ctx).defineXml(a.xml, a.flags));
        return p::SecretDefineXmlRet{toWire(ref)};
    });
    on<pr::SecretGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                    -> Result<p::SecretGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml,
                                  secrets(ctx).getXmlDesc(fromWire(a.secret), a.flags));
        return p::SecretGetXmlDescRet{xml};
    });
    on<pr::SecretSetValue>(h, [](CallContext& ctx, const auto& a) {
        return done(secrets(ctx).setValue(fromWire(a.secret), a.value, a.flags));
    });
    on<pr::SecretGetValue>(h, [](CallContext& ctx, const auto& a) -> Result<p::SecretGetValueRet> {
        // A remote caller: private secrets stay private.
        NODEVIRT_ASSIGN_OR_RETURN(std::string value,
                                  secrets(ctx).getValue(fromWire(a.secret), a.flags, false));
        return p::SecretGetValueRet{value};
    });
    on<pr::SecretUndefine>(h, [](CallContext& ctx, const auto& a) {
        return done(secrets(ctx).undefine(fromWire(a.secret)));
    });
}

void bindInterfaces(Handlers& h) {
    bindListAll<pr::ConnectListAllInterfaces>(
        h, [](CallContext& ctx, const auto& a) { return ifaces(ctx).listAll(a.flags); });
    on<pr::ConnectNumOfInterfaces>(h, [](CallContext& ctx, const p::Void&)
                                          -> Result<p::ConnectNumOfInterfacesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, ifaces(ctx).numOfInterfaces());
        return p::ConnectNumOfInterfacesRet{n};
    });
    on<pr::ConnectListInterfaces>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::ConnectListInterfacesRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kInterfaceListMax,
                              "maxnames > REMOTE_INTERFACE_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, ifaces(ctx).listInterfaces(a.maxnames));
        return p::ConnectListInterfacesRet{names};
    });
    on<pr::ConnectNumOfDefinedInterfaces>(h, [](CallContext& ctx, const p::Void&)
                                                 -> Result<p::ConnectNumOfDefinedInterfacesRet> {
        NODEVIRT_ASSIGN_OR_RETURN(int n, ifaces(ctx).numOfDefinedInterfaces());
        return p::ConnectNumOfDefinedInterfacesRet{n};
    });
    on<pr::ConnectListDefinedInterfaces>(h, [](CallContext& ctx, const auto& a)
                                                -> Result<p::ConnectListDefinedInterfacesRet> {
        NODEVIRT_TRY(checkMax(a.maxnames, p::kInterfaceListMax,
                              "maxnames > REMOTE_DEFINED_INTERFACE_LIST_MAX"));
        NODEVIRT_ASSIGN_OR_RETURN(auto names, ifaces(ctx).listDefinedInterfaces(a.maxnames));
        return p::ConnectListDefinedInterfacesRet{names};
    });
    on<pr::InterfaceLookupByName>(h, [](CallContext& ctx, const auto& a)
                                         -> Result<p::InterfaceLookupByNameRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ifaces(ctx).lookupByName(a.name));
        return p::InterfaceLookupByNameRet{toWire(ref)};
    });
    on<pr::InterfaceLookupByMacString>(h, [](CallContext& ctx, const auto& a)
                                              -> Result<p::InterfaceLookupByMacStringRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ifaces(ctx).lookupByMac(a.mac));
        return p::InterfaceLookupByMacStringRet{toWire(ref)};
    });
    on<pr::InterfaceGetXmlDesc>(h, [](CallContext& ctx, const auto& a)
                                       -> Result<p::InterfaceGetXmlDescRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string xml,
                                  ifaces(ctx).getXmlDesc(fromWire(a.iface), a.flags));
        return p::InterfaceGetXmlDescRet{xml};
    });
    on<pr::InterfaceDefineXml>(h, [](CallContext& ctx, const auto& a)
                                      -> Result<p::InterfaceDefineXmlRet> {
        NODEVIRT_ASSIGN_OR_RETURN(auto ref, ifaces(ctx).defineXml(a.xml, a.flags));
        return p::InterfaceDefineXmlRet{toWire(ref)};
    });
    on<pr::InterfaceUndefine>(h, [](CallContext& ctx, const auto& a) {
        return done(ifaces(ctx).undefine(fromWire(a.iface)));
    });
    on<pr::InterfaceCreate>(h, [](CallContext& ctx, const auto& a) {
        return done(ifaces(ctx).create(fromWire(a.iface), a.flags));
    });
    on<pr::InterfaceDestroy>(h, [](CallContext& ctx, const auto& a) {
        return done(ifaces(ctx).destroy(fromWire(a.iface), a.flags));
    });
    on<pr::InterfaceIsActive>(h, [](CallContext& ctx, const auto& a)
                                     -> Result<p::InterfaceIsActiveRet> {
        NODEVIRT_ASSIGN_OR_RETURN(bool v, ifaces(ctx).isActive(fromWire(a.iface)));
        return p::InterfaceIsActiveRet{v ? 1 : 0};
    });
    on<pr::InterfaceChangeBegin>(h, [](CallContext& ctx, const auto& a) {
        return done(ifaces(ctx).changeBegin(a.flags));
    });
    on<pr::InterfaceChangeCommit>(h, [](CallContext& ctx, const auto& a) {
        return done(ifaces(ctx).changeCommit(a.flags));
    });
    on<pr::InterfaceChangeRollback>(h, [](CallContext& ctx, const auto& a) {
        return done(ifaces(ctx).changeRollback(a.flags));
    });
}

}  // namespace

void bindNodeDeviceHandlers(Handlers& h) {
    bindDeviceQueries(h);
    bindDeviceChanges(h);
}

void bindSecretAndInterfaceHandlers(Handlers& h) {
    bindSecrets(h);
    bindInterfaces(h);
}

}  // namespace nodevirt::remote
