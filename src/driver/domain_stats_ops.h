// Domain monitoring: block/interface/memory stats, vcpu info, the bulk stats call.
// Snapshots of driver state; never wait on a running job. Defaults: "not supported".
#pragma once

#include <string>
#include <vector>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class DomainStatsOps {
public:
    virtual ~DomainStatsOps() = default;

    virtual Result<BlockStats> blockStats(const DomainRef& /*dom*/, const std::string& /*disk*/) {
        return unsupported("virDomainBlockStats");
    }
    virtual Result<TypedParams> blockStatsFlags(const DomainRef& /*dom*/, const std::string& /*disk*/,
                                                unsigned /*flags*/) {
        return unsupported("virDomainBlockStatsFlags");
    }
    virtual Result<InterfaceStats> interfaceStats(const DomainRef& /*dom*/, const std::string& /*iface*/) {
        return unsupported("virDomainInterfaceStats");
    }
    virtual Result<std::vector<MemoryStat>> memoryStats(const DomainRef& /*dom*/, unsigned /*max*/,
                                                        unsigned /*flags*/) {
        return unsupported("virDomainMemoryStats");
    }
    virtual Result<BlockInfo> getBlockInfo(const DomainRef& /*dom*/, const std::string& /*disk*/, unsigned /*flags*/) {
        return unsupported("virDomainGetBlockInfo");
    }
    // One VcpuInfo per vcpu plus the affinity of each vcpu (one bool per host cpu).
    virtual Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> getVcpus(
        const DomainRef& /*dom*/) {
        return unsupported("virDomainGetVcpus");
    }
    virtual Result<std::vector<std::vector<bool>>> getVcpuPinInfo(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetVcpuPinInfo");
    }
    virtual Result<std::vector<DomainInterface>> interfaceAddresses(const DomainRef& /*dom*/, unsigned /*source*/,
                                                                    unsigned /*flags*/) {
        return unsupported("virDomainInterfaceAddresses");
    }
    // Bulk stats: `doms` empty means "all domains matching flags".
    virtual Result<std::vector<DomainStatsRecord>> getAllDomainStats(const std::vector<DomainRef>& /*doms*/,
                                                                     unsigned /*stats*/, unsigned /*flags*/) {
        return unsupported("virConnectGetAllDomainStats");
    }
    virtual Result<TypedParams> getCpuStats(const DomainRef& /*dom*/, int /*start*/, unsigned /*ncpus*/,
                                            unsigned /*flags*/) {
        return unsupported("virDomainGetCPUStats");
    }
};

}  // namespace nodevirt::driver
