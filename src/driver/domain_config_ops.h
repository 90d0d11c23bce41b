// Domain configuration: XML, memory and vcpu settings, metadata, tunables (scheduler,
// memory, blkio, numa parameters). Every method defaults to "not supported".
#pragma once

#include <optional>
#include <string>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class DomainConfigOps {
public:
    virtual ~DomainConfigOps() = default;

    virtual Result<std::string> getXmlDesc(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetXMLDesc");
    }
    virtual Result<uint64_t> getMaxMemory(const DomainRef& /*dom*/) { return unsupported("virDomainGetMaxMemory"); }
    virtual Status setMaxMemory(const DomainRef& /*dom*/, uint64_t /*kib*/) { return unsupported("virDomainSetMaxMemory"); }
    // virDomainSetMemory (no flags) maps to setMemory(kib, VIR_DOMAIN_AFFECT_LIVE), as in libvirt.
    virtual Status setMemory(const DomainRef& /*dom*/, uint64_t /*kib*/, unsigned /*flags*/) {
        return unsupported("virDomainSetMemoryFlags");
    }
    virtual Status setMemoryStatsPeriod(const DomainRef& /*dom*/, int /*period*/, unsigned /*flags*/) {
        return unsupported("virDomainSetMemoryStatsPeriod");
    }
    virtual Result<int> getMaxVcpus(const DomainRef& /*dom*/) { return unsupported("virDomainGetMaxVcpus"); }
    // virDomainSetVcpus (no flags) maps to setVcpus(n, VIR_DOMAIN_AFFECT_LIVE), as in libvirt.
    virtual Status setVcpus(const DomainRef& /*dom*/, unsigned /*n*/, unsigned /*flags*/) {
        return unsupported("virDomainSetVcpusFlags");
    }
    virtual Result<int> getVcpusFlags(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetVcpusFlags");
    }
    virtual Status pinVcpu(const DomainRef& /*dom*/, unsigned /*vcpu*/, const std::vector<bool>& /*map*/,
                           unsigned /*flags*/) {
        return unsupported("virDomainPinVcpuFlags");
    }
    virtual Result<std::optional<std::string>> getMetadata(const DomainRef& /*dom*/, int /*type*/,
                                                           const std::optional<std::string>& /*uri*/,
                                                           unsigned /*flags*/) {
        return unsupported("virDomainGetMetadata");
    }
    virtual Status setMetadata(const DomainRef& /*dom*/, int /*type*/, const std::optional<std::string>& /*metadata*/,
                               const std::optional<std::string>& /*key*/, const std::optional<std::string>& /*uri*/,
                               unsigned /*flags*/) {
        return unsupported("virDomainSetMetadata");
    }
    // Scheduler type and the number of parameters it has.
    virtual Result<std::pair<std::string, int>> getSchedulerType(const DomainRef& /*dom*/) {
        return unsupported("virDomainGetSchedulerType");
    }
    virtual Result<TypedParams> getSchedulerParameters(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetSchedulerParameters");
    }
    virtual Status setSchedulerParameters(const DomainRef& /*dom*/, const TypedParams& /*params*/, unsigned /*flags*/) {
        return unsupported("virDomainSetSchedulerParameters");
    }
    virtual Result<TypedParams> getMemoryParameters(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetMemoryParameters");
    }
    virtual Status setMemoryParameters(const DomainRef& /*dom*/, const TypedParams& /*params*/, unsigned /*flags*/) {
        return unsupported("virDomainSetMemoryParameters");
    }
    virtual Result<TypedParams> getBlkioParameters(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetBlkioParameters");
    }
    virtual Status setBlkioParameters(const DomainRef& /*dom*/, const TypedParams& /*params*/, unsigned /*flags*/) {
        return unsupported("virDomainSetBlkioParameters");
    }
    virtual Result<TypedParams> getNumaParameters(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetNumaParameters");
    }
    virtual Status setNumaParameters(const DomainRef& /*dom*/, const TypedParams& /*params*/, unsigned /*flags*/) {
        return unsupported("virDomainSetNumaParameters");
    }
    virtual Result<TypedParams> getPerfEvents(const DomainRef& /*dom*/, unsigned /*flags*/) {
        return unsupported("virDomainGetPerfEvents");
    }
    virtual Status setUserPassword(const DomainRef& /*dom*/, const std::string& /*user*/,
                                   const std::string& /*password*/, unsigned /*flags*/) {
        return unsupported("virDomainSetUserPassword");
    }
    virtual Status rename(const DomainRef& /*dom*/, const std::string& /*new_name*/, unsigned /*flags*/) {
        return unsupported("virDomainRename");
    }
};

}  // namespace nodevirt::driver
