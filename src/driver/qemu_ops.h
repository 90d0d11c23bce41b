// The QEMU program's calls (libvirt-qemu: virDomainQemuMonitorCommand): only the QEMU driver
// implements them. Defaults: "not supported".
#pragma once

#include <string>

#include "driver/types.h"
#include "driver/unsupported.h"

namespace nodevirt::driver {

class QemuOps {
public:
    virtual ~QemuOps() = default;

    // `cmd` is a QMP command as JSON text, or with VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP (1) an
    // HMP command line; the answer is QEMU's reply as JSON text, or the HMP output.
    virtual Result<std::string> monitorCommand(const DomainRef& /*dom*/, const std::string& /*cmd*/,
                                               unsigned /*flags*/) {
        return unsupported("virDomainQemuMonitorCommand");
    }
};

}  // namespace nodevirt::driver
