// Virtual networks (virNetwork*). Defaults: "not supported".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class NetworkOps {
public:
    virtual ~NetworkOps() = default;
    static constexpr ErrorDomain kDom = ErrorDomain::kNetwork;

    virtual Result<std::vector<NetworkRef>> listAll(unsigned /*flags*/) {
        return unsupported("virConnectListAllNetworks", kDom);
    }
    virtual Result<int> numOfNetworks() { return unsupported("virConnectNumOfNetworks", kDom); }
    virtual Result<std::vector<std::string>> listNetworks(int /*max*/) {
        return unsupported("virConnectListNetworks", kDom);
    }
    virtual Result<int> numOfDefinedNetworks() { return unsupported("virConnectNumOfDefinedNetworks", kDom); }
    virtual Result<std::vector<std::string>> listDefinedNetworks(int /*max*/) {
        return unsupported("virConnectListDefinedNetworks", kDom);
    }
    virtual Result<NetworkRef> lookupByName(const std::string& /*name*/) {
        return unsupported("virNetworkLookupByName", kDom);
    }
    virtual Result<NetworkRef> lookupByUuid(const Uuid& /*uuid*/) { return unsupported("virNetworkLookupByUUID", kDom); }
    virtual Result<NetworkRef> defineXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virNetworkDefineXML", kDom);
    }
    virtual Result<NetworkRef> createXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virNetworkCreateXML", kDom);
    }
    virtual Status undefine(const NetworkRef& /*net*/) { return unsupported("virNetworkUndefine", kDom); }
    virtual Status create(const NetworkRef& /*net*/) { return unsupported("virNetworkCreate", kDom); }
    virtual Status destroy(const NetworkRef& /*net*/) { return unsupported("virNetworkDestroy", kDom); }
    virtual Status update(const NetworkRef& /*net*/, unsigned /*command*/, unsigned /*section*/, int /*index*/,
                          const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virNetworkUpdate", kDom);
    }
    virtual Result<std::string> getXmlDesc(const NetworkRef& /*net*/, unsigned /*flags*/) {
        return unsupported("virNetworkGetXMLDesc", kDom);
    }
    virtual Result<std::string> getBridgeName(const NetworkRef& /*net*/) {
        return unsupported("virNetworkGetBridgeName", kDom);
    }
    virtual Result<bool> getAutostart(const NetworkRef& /*net*/) { return unsupported("virNetworkGetAutostart", kDom); }
    virtual Status setAutostart(const NetworkRef& /*net*/, bool /*autostart*/) {
        return unsupported("virNetworkSetAutostart", kDom);
    }
    virtual Result<bool> isActive(const NetworkRef& /*net*/) { return unsupported("virNetworkIsActive", kDom); }
    virtual Result<bool> isPersistent(const NetworkRef& /*net*/) { return unsupported("virNetworkIsPersistent", kDom); }
    virtual Result<std::vector<NetworkDhcpLease>> getDhcpLeases(const NetworkRef& /*net*/,
                                                                const std::optional<std::string>& /*mac*/,
                                                                unsigned /*flags*/) {
        return unsupported("virNetworkGetDHCPLeases", kDom);
    }
};

}  // namespace nodevirt::driver
