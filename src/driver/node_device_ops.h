// Host devices (virNodeDevice*). Defaults: "not supported".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class NodeDeviceOps {
public:
    virtual ~NodeDeviceOps() = default;
    static constexpr ErrorDomain kDom = ErrorDomain::kNodedev;

    virtual Result<std::vector<NodeDeviceRef>> listAll(unsigned /*flags*/) {
        return unsupported("virConnectListAllNodeDevices", kDom);
    }
    virtual Result<int> numOfDevices(const std::optional<std::string>& /*cap*/, unsigned /*flags*/) {
        return unsupported("virNodeNumOfDevices", kDom);
    }
    virtual Result<std::vector<std::string>> listDevices(const std::optional<std::string>& /*cap*/, int /*max*/,
                                                         unsigned /*flags*/) {
        return unsupported("virNodeListDevices", kDom);
    }
    virtual Result<NodeDeviceRef> lookupByName(const std::string& /*name*/) {
        return unsupported("virNodeDeviceLookupByName", kDom);
    }
    virtual Result<NodeDeviceRef> lookupScsiHostByWwn(const std::string& /*wwnn*/, const std::string& /*wwpn*/,
                                                      unsigned /*flags*/) {
        return unsupported("virNodeDeviceLookupSCSIHostByWWN", kDom);
    }
    virtual Result<std::string> getXmlDesc(const NodeDeviceRef& /*dev*/, unsigned /*flags*/) {
        return unsupported("virNodeDeviceGetXMLDesc", kDom);
    }
    virtual Result<std::optional<std::string>> getParent(const NodeDeviceRef& /*dev*/) {
        return unsupported("virNodeDeviceGetParent", kDom);
    }
    virtual Result<std::vector<std::string>> listCaps(const NodeDeviceRef& /*dev*/) {
        return unsupported("virNodeDeviceListCaps", kDom);
    }
    virtual Result<NodeDeviceRef> createXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virNodeDeviceCreateXML", kDom);
    }
    virtual Status destroy(const NodeDeviceRef& /*dev*/) { return unsupported("virNodeDeviceDestroy", kDom); }
    virtual Result<NodeDeviceRef> defineXml(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virNodeDeviceDefineXML", kDom);
    }
    virtual Status undefine(const NodeDeviceRef& /*dev*/, unsigned /*flags*/) {
        return unsupported("virNodeDeviceUndefine", kDom);
    }
    virtual Status create(const NodeDeviceRef& /*dev*/, unsigned /*flags*/) {
        return unsupported("virNodeDeviceCreate", kDom);
    }
    virtual Status detach(const NodeDeviceRef& /*dev*/, const std::optional<std::string>& /*driver*/,
                          unsigned /*flags*/) {
        return unsupported("virNodeDeviceDetachFlags", kDom);
    }
    virtual Status reattach(const NodeDeviceRef& /*dev*/) { return unsupported("virNodeDeviceReAttach", kDom); }
    virtual Status reset(const NodeDeviceRef& /*dev*/) { return unsupported("virNodeDeviceReset", kDom); }
    virtual Result<bool> isActive(const NodeDeviceRef& /*dev*/) { return unsupported("virNodeDeviceIsActive", kDom); }
    virtual Result<bool> isPersistent(const NodeDeviceRef& /*dev*/) {
        return unsupported("virNodeDeviceIsPersistent", kDom);
    }
    virtual Result<bool> getAutostart(const NodeDeviceRef& /*dev*/) {
        return unsupported("virNodeDeviceGetAutostart", kDom);
    }
    virtual Status setAutostart(const NodeDeviceRef& /*dev*/, bool /*autostart*/) {
        return unsupported("virNodeDeviceSetAutostart", kDom);
    }
};

}  // namespace nodevirt::driver
