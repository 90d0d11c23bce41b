// The QEMU program (0x20008087): virDomainQemuMonitorCommand. Not a fast procedure, so it runs
// on a worker while the monitor answers; read-only connections are refused (access=write).
#include "remote/common/convert.h"
#include "remote/server/call_context.h"

namespace nodevirt::remote {

namespace p = protocol;
namespace pr = protocol::proc;

void bindQemuHandlers(Handlers& h) {
    on<pr::QemuDomainMonitorCommand>(h, [](CallContext& ctx, const auto& a)
                                            -> Result<p::QemuDomainMonitorCommandRet> {
        NODEVIRT_ASSIGN_OR_RETURN(std::string result,
                                  ctx.driver().qemu().monitorCommand(fromWire(a.dom), a.cmd, a.flags));
        return p::QemuDomainMonitorCommandRet{std::move(result)};
    });
}

}  // namespace nodevirt::remote
