// Host network interfaces (virInterface*). Defaults: "not supported".
#pragma once

#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class InterfaceOps {
public:
    virtual ~InterfaceOps() = default;
    static constexpr ErrorDomain kDom = ErrorDomain::kInterface;

    virtual Result<std::vector<InterfaceRef>> listAll(unsigned /*flags*/) {
        return unsupported("virConnectListAllInterfaces", kDom);
    }
    virtual Result<int> numOfInterfaces() { return unsupported("virConnectNumOfInterfaces", kDom); }
    virtual Result<std::vector<std::string>> listInterfaces(int /*max*/) {
        return unsupported("virConnectListInterfaces", kDom);
    }
    virtual Result<int> numOfDefinedInterfaces() { return unsupported("virConnectNumOfDefinedInterfaces", kDom); }
    virtual Result<std::vector<std::string>> listDefinedInterfaces(int /*max*/) {
        return unsupported("virConnectListDefinedInterfaces", kDom);
    }
    virtual Result<InterfaceRef> lookupByName(const std::string& /*name*/) {
        return unsupported("virInterfaceLookupByName", kDom);
    }
    virtual Result<InterfaceRef> lookupByMac(const std::string& /*mac*/) {
        return unsupported("virInterfaceLookupByMACString", kDom);
    }
    virtual Result<std::string> getXmlDesc(const InterfaceRef& /*iface*/, unsigned /*flags*/) {
        return unsupported("virInterfaceGetXMLDesc", kDom);
    }
    virtual Result<InterfaceRef> defineXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virInterfaceDefineXML", kDom);
    }
    virtual Status undefine(const InterfaceRef& /*iface*/) { return unsupported("virInterfaceUndefine", kDom); }
    virtual Status create(const InterfaceRef& /*iface*/, unsigned /*flags*/) {
        return unsupported("virInterfaceCreate", kDom);
    }
    virtual Status destroy(const InterfaceRef& /*iface*/, unsigned /*flags*/) {
        return unsupported("virInterfaceDestroy", kDom);
    }
    virtual Result<bool> isActive(const InterfaceRef& /*iface*/) { return unsupported("virInterfaceIsActive", kDom); }
    virtual Status changeBegin(unsigned /*flags*/) { return unsupported("virInterfaceChangeBegin", kDom); }
    virtual Status changeCommit(unsigned /*flags*/) { return unsupported("virInterfaceChangeCommit", kDom); }
    virtual Status changeRollback(unsigned /*flags*/) { return unsupported("virInterfaceChangeRollback", kDom); }
};

}  // namespace nodevirt::driver
