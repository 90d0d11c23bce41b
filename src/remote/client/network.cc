// Virtual networks over the wire, with the LIST_ALL_NETWORKS → NUM_OF/LIST + lookup fallback
// and libvirt's command/section order detection for NETWORK_UPDATE (feature 16).
#include "driver/libvirt_constants.h"
#include "remote/client/call_helpers.h"
#include "remote/client/list_fallback.h"
#include "remote/client/object_facets.h"

namespace nodevirt::remote {

using namespace detail;  // NOLINT(google-build-using-namespace): p, pr, helpers

Result<std::vector<NetworkRef>> RemoteNetworks::listAll(unsigned flags) {
    auto all = ch_.call<pr::ConnectListAllNetworks>({1, flags});
    if (all) return fromWireList(all->nets);
    if (!isNoSupport(all.error())) return fail(all.error());
    ListFilter filter(flags, lv::kConnectListNetworksActive, lv::kConnectListNetworksInactive);
    std::vector<std::string> names;
    if (filter.wantActive()) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfNetworks());
        NODEVIRT_ASSIGN_OR_RETURN(names, listNetworks(n));
    }
    if (filter.wantInactive()) {
        NODEVIRT_ASSIGN_OR_RETURN(int n, numOfDefinedNetworks());
        NODEVIRT_ASSIGN_OR_RETURN(std::vector<std::string> defined, listDefinedNetworks(n));
        names.insert(names.end(), defined.begin(), defined.end());
    }
    std::vector<NetworkRef> refs;
    for (const std::string& name : names) {
        auto ref = lookupByName(name);
        if (ref) refs.push_back(*ref);  // it may have been undefined meanwhile
    }
    return filter.applyNetworkFilters(*this, std::move(refs));
}

Result<int> RemoteNetworks::numOfNetworks() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfNetworks>());
    return r.num;
}

Result<std::vector<std::string>> RemoteNetworks::listNetworks(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListNetworks>({max}));
    return std::move(r.names);
}

Result<int> RemoteNetworks::numOfDefinedNetworks() {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectNumOfDefinedNetworks>());
    return r.num;
}

Result<std::vector<std::string>> RemoteNetworks::listDefinedNetworks(int max) {
    if (max <= 0) return std::vector<std::string>{};
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::ConnectListDefinedNetworks>({max}));
    return std::move(r.names);
}

Result<NetworkRef> RemoteNetworks::lookupByName(const std::string& name) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkLookupByName>({name}));
    return fromWire(r.net);
}

Result<NetworkRef> RemoteNetworks::lookupByUuid(const Uuid& uuid) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkLookupByUuid>({uuid}));
    return fromWire(r.net);
}

Result<NetworkRef> RemoteNetworks::defineXml(const std::string& xml, unsigned flags) {
    if (flags == 0) {
        NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkDefineXml>({xml}));
        return fromWire(r.net);
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkDefineXmlFlags>({xml, flags}));
    return fromWire(r.net);
}

Result<NetworkRef> RemoteNetworks::createXml(const std::string& xml, unsigned flags) {
    if (flags == 0) {
        NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkCreateXml>({xml}));
        return fromWire(r.net);
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkCreateXmlFlags>({xml, flags}));
    return fromWire(r.net);
}

Status RemoteNetworks::undefine(const NetworkRef& net) {
    return callVoid<pr::NetworkUndefine>(ch_, {toWire(net)});
}

Status RemoteNetworks::create(const NetworkRef& net) {
    return callVoid<pr::NetworkCreate>(ch_, {toWire(net)});
}

Status RemoteNetworks::destroy(const NetworkRef& net) {
    return callVoid<pr::NetworkDestroy>(ch_, {toWire(net)});
}

Status RemoteNetworks::update(const NetworkRef& net, unsigned command, unsigned section, int index,
                              const std::string& xml, unsigned flags) {
    // Servers before the fix read the two fields swapped; libvirt's client swaps them for such
    // servers, detected with feature 16.
    if (!ch_.supportsFeature(Feature::kNetworkUpdateHasCorrectOrder)) std::swap(command, section);
    return callVoid<pr::NetworkUpdate>(ch_, {toWire(net), command, section, index, xml, flags});
}

Result<std::string> RemoteNetworks::getXmlDesc(const NetworkRef& net, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkGetXmlDesc>({toWire(net), flags}));
    return std::move(r.xml);
}

Result<std::string> RemoteNetworks::getBridgeName(const NetworkRef& net) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkGetBridgeName>({toWire(net)}));
    return std::move(r.name);
}

Result<bool> RemoteNetworks::getAutostart(const NetworkRef& net) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkGetAutostart>({toWire(net)}));
    return r.autostart != 0;
}

Status RemoteNetworks::setAutostart(const NetworkRef& net, bool autostart) {
    return callVoid<pr::NetworkSetAutostart>(ch_, {toWire(net), autostart ? 1 : 0});
}

Result<bool> RemoteNetworks::isActive(const NetworkRef& net) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkIsActive>({toWire(net)}));
    return r.active != 0;
}

Result<bool> RemoteNetworks::isPersistent(const NetworkRef& net) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkIsPersistent>({toWire(net)}));
    return r.persistent != 0;
}

Result<std::vector<NetworkDhcpLease>> RemoteNetworks::getDhcpLeases(
    const NetworkRef& net, const std::optional<std::string>& mac, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto r, ch_.call<pr::NetworkGetDhcpLeases>({toWire(net), mac, 1, flags}));
    std::vector<NetworkDhcpLease> out;
    for (const auto& lease : r.leases) out.push_back(fromWire(lease));
    return out;
}

}  // namespace nodevirt::remote
