// Connection-level and node-level calls (virConnect* / virNode*): identity of the driver
// and host, capabilities, node resources. Every method defaults to "not supported".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class ConnectOps {
public:
    virtual ~ConnectOps() = default;

    virtual Result<std::string> getType() { return unsupported("virConnectGetType", ErrorDomain::kNone); }
    // Hypervisor version as major * 1,000,000 + minor * 1,000 + micro.
    virtual Result<uint64_t> getVersion() { return unsupported("virConnectGetVersion", ErrorDomain::kNone); }
    virtual Result<uint64_t> getLibVersion() { return unsupported("virConnectGetLibVersion", ErrorDomain::kNone); }
    virtual Result<std::string> getHostname() { return unsupported("virConnectGetHostname", ErrorDomain::kNone); }
    // The canonical URI of this connection ("test:///default").
    virtual Result<std::string> getUri() { return unsupported("virConnectGetURI", ErrorDomain::kNone); }
    virtual Result<std::string> getSysinfo(unsigned /*flags*/) {
        return unsupported("virConnectGetSysinfo", ErrorDomain::kNone);
    }
    virtual Result<int> getMaxVcpus(const std::optional<std::string>& /*type*/) {
        return unsupported("virConnectGetMaxVcpus", ErrorDomain::kNone);
    }
    virtual Result<std::string> getCapabilities() {
        return unsupported("virConnectGetCapabilities", ErrorDomain::kNone);
    }
    virtual Result<std::string> getDomainCapabilities(const std::optional<std::string>& /*emulator*/,
                                                      const std::optional<std::string>& /*arch*/,
                                                      const std::optional<std::string>& /*machine*/,
                                                      const std::optional<std::string>& /*virttype*/,
                                                      unsigned /*flags*/) {
        return unsupported("virConnectGetDomainCapabilities", ErrorDomain::kNone);
    }
    virtual Result<NodeInfo> nodeGetInfo() { return unsupported("virNodeGetInfo", ErrorDomain::kNone); }
    virtual Result<uint64_t> nodeGetFreeMemory() { return unsupported("virNodeGetFreeMemory", ErrorDomain::kNone); }
    virtual Result<std::vector<uint64_t>> nodeGetCellsFreeMemory(int /*start*/, int /*max*/) {
        return unsupported("virNodeGetCellsFreeMemory", ErrorDomain::kNone);
    }
    virtual Result<TypedParams> nodeGetCpuStats(int /*cpu*/, unsigned /*flags*/) {
        return unsupported("virNodeGetCPUStats", ErrorDomain::kNone);
    }
    virtual Result<TypedParams> nodeGetMemoryStats(int /*cell*/, unsigned /*flags*/) {
        return unsupported("virNodeGetMemoryStats", ErrorDomain::kNone);
    }
    // Online map (one bool per cpu).
    virtual Result<std::vector<bool>> nodeGetCpuMap(unsigned /*flags*/) {
        return unsupported("virNodeGetCPUMap", ErrorDomain::kNone);
    }
    virtual Result<SecurityModel> nodeGetSecurityModel() {
        return unsupported("virNodeGetSecurityModel", ErrorDomain::kNone);
    }
    virtual Result<bool> isSecure() { return true; }
    virtual Result<bool> isEncrypted() { return false; }
    virtual Result<int> compareCpu(const std::string& /*xml*/, unsigned /*flags*/) {
        return unsupported("virConnectCompareCPU", ErrorDomain::kNone);
    }
    virtual Result<std::string> baselineCpu(const std::vector<std::string>& /*xml*/, unsigned /*flags*/) {
        return unsupported("virConnectBaselineCPU", ErrorDomain::kNone);
    }
};

}  // namespace nodevirt::driver
