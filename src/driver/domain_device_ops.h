// Device changes on a domain: attach/detach/update (live and/or config), block resize.
// Every method defaults to "not supported".
#pragma once

#include <string>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class DomainDeviceOps {
public:
    virtual ~DomainDeviceOps() = default;

    virtual Status attachDevice(const DomainRef& /*dom*/, const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virDomainAttachDeviceFlags");
    }
    virtual Status detachDevice(const DomainRef& /*dom*/, const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virDomainDetachDeviceFlags");
    }
    virtual Status detachDeviceAlias(const DomainRef& /*dom*/, const std::string& /*alias*/, unsigned /*flags*/) {
        return unsupported("virDomainDetachDeviceAlias");
    }
    virtual Status updateDevice(const DomainRef& /*dom*/, const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virDomainUpdateDeviceFlags");
    }
    virtual Status blockResize(const DomainRef& /*dom*/, const std::string& /*disk*/, uint64_t /*size*/,
                               unsigned /*flags*/) {
        return unsupported("virDomainBlockResize");
    }
    virtual Status setInterfaceLinkState(const DomainRef& /*dom*/, const std::string& /*iface*/, bool /*up*/,
                                         unsigned /*flags*/) {
        return unsupported("virDomainSetInterfaceParameters");
    }
};

}  // namespace nodevirt::driver
