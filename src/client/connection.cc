// Connection: opening, closing, and the connection/node calls (virConnect*, virNode*).
#include "nodevirt/connection.h"

#include "client/checks.h"
#include "client/open.h"

namespace nodevirt {

using client::callConn;
using client::kConnFamily;
using client::kRead;
using detail::ConnectionState;

namespace {
driver::ConnectOps& ops(ConnectionState& st) { return st.driver().connect(); }
}  // namespace

Result<Connection> Connection::open(std::string_view uri, OpenFlags flags) {
    return client::openConnection(client::defaultDriverSet(), uri, flags);
}

void Connection::close() { state_.reset(); }

bool Connection::isReadOnly() const { return state_ && state_->readOnly(); }

Result<std::string> Connection::type() const {
    return callConn(state_, kConnFamily, "virConnectGetType", kRead,
                    [](auto& st) { return ops(st).getType(); });
}

Result<uint64_t> Connection::version() const {
    return callConn(state_, kConnFamily, "virConnectGetVersion", kRead,
                    [](auto& st) { return ops(st).getVersion(); });
}

Result<uint64_t> Connection::libVersion() const {
    return callConn(state_, kConnFamily, "virConnectGetLibVersion", kRead,
                    [](auto& st) { return ops(st).getLibVersion(); });
}

Result<std::string> Connection::hostname() const {
    return callConn(state_, kConnFamily, "virConnectGetHostname", kRead,
                    [](auto& st) { return ops(st).getHostname(); });
}

Result<std::string> Connection::uri() const {
    return callConn(state_, kConnFamily, "virConnectGetURI", kRead,
                    [](auto& st) { return ops(st).getUri(); });
}

Result<std::string> Connection::sysinfo(unsigned flags) const {
    return callConn(state_, kConnFamily, "virConnectGetSysinfo", kRead,
                    [&](auto& st) { return ops(st).getSysinfo(flags); });
}

Result<int> Connection::maxVcpus(const std::optional<std::string>& type) const {
    return callConn(state_, kConnFamily, "virConnectGetMaxVcpus", kRead,
                    [&](auto& st) { return ops(st).getMaxVcpus(type); });
}

Result<std::string> Connection::capabilities() const {
    return callConn(state_, kConnFamily, "virConnectGetCapabilities", kRead,
                    [](auto& st) { return ops(st).getCapabilities(); });
}

Result<std::string> Connection::domainCapabilities(const std::optional<std::string>& emulator,
                                                   const std::optional<std::string>& arch,
                                                   const std::optional<std::string>& machine,
                                                   const std::optional<std::string>& virttype,
                                                   unsigned flags) const {
    // libvirt refuses this one on read-only connections (it may probe the emulator).
    return callConn(state_, client::kDomainFamily, "virConnectGetDomainCapabilities",
                    client::kWrite, [&](auto& st) {
                        return ops(st).getDomainCapabilities(emulator, arch, machine, virttype,
                                                             flags);
                    });
}

Result<NodeInfo> Connection::nodeInfo() const {
    return callConn(state_, kConnFamily, "virNodeGetInfo", kRead,
                    [](auto& st) { return ops(st).nodeGetInfo(); });
}

Result<uint64_t> Connection::nodeFreeMemory() const {
    return callConn(state_, kConnFamily, "virNodeGetFreeMemory", kRead,
                    [](auto& st) { return ops(st).nodeGetFreeMemory(); });
}

Result<std::vector<uint64_t>> Connection::nodeCellsFreeMemory(int start_cell, int max_cells) const {
    constexpr std::string_view kApi = "virNodeGetCellsFreeMemory";
    return callConn(
        state_, kConnFamily, kApi, kRead, [&](auto& st) -> Result<std::vector<uint64_t>> {
            if (max_cells <= 0)
                return fail(client::argPositive(kApi, "maxCells", ErrorDomain::kDomain));
            if (start_cell < 0)
                return fail(client::argNonNegative(kApi, "startCell", ErrorDomain::kDomain));
            return ops(st).nodeGetCellsFreeMemory(start_cell, max_cells);
        });
}

Result<TypedParams> Connection::nodeCpuStats(int cpu, unsigned flags) const {
    constexpr std::string_view kApi = "virNodeGetCPUStats";
    return callConn(state_, kConnFamily, kApi, kRead, [&](auto& st) -> Result<TypedParams> {
        if (cpu < -1) {
            return fail(client::invalidArgument(
                kApi, "cpuNum", "only accepts -1 as a negative value", ErrorDomain::kDomain));
        }
        return ops(st).nodeGetCpuStats(cpu, flags);
    });
}

Result<TypedParams> Connection::nodeMemoryStats(int cell, unsigned flags) const {
    constexpr std::string_view kApi = "virNodeGetMemoryStats";
    return callConn(state_, kConnFamily, kApi, kRead, [&](auto& st) -> Result<TypedParams> {
        if (cell < -1) {
            return fail(client::invalidArgument(
                kApi, "cellNum", "only accepts -1 as a negative value", ErrorDomain::kDomain));
        }
        return ops(st).nodeGetMemoryStats(cell, flags);
    });
}

Result<std::vector<bool>> Connection::nodeCpuMap(unsigned flags) const {
    return callConn(state_, kConnFamily, "virNodeGetCPUMap", kRead,
                    [&](auto& st) { return ops(st).nodeGetCpuMap(flags); });
}

Result<SecurityModel> Connection::nodeSecurityModel() const {
    return callConn(state_, kConnFamily, "virNodeGetSecurityModel", kRead,
                    [](auto& st) { return ops(st).nodeGetSecurityModel(); });
}

Result<bool> Connection::isSecure() const {
    return callConn(state_, kConnFamily, "virConnectIsSecure", kRead,
                    [](auto& st) { return ops(st).isSecure(); });
}

Result<bool> Connection::isEncrypted() const {
    return callConn(state_, kConnFamily, "virConnectIsEncrypted", kRead,
                    [](auto& st) { return ops(st).isEncrypted(); });
}

Result<int> Connection::compareCpu(const std::string& xml, unsigned flags) const {
    return callConn(state_, kConnFamily, "virConnectCompareCPU", kRead,
                    [&](auto& st) { return ops(st).compareCpu(xml, flags); });
}

Result<std::string> Connection::baselineCpu(const std::vector<std::string>& xml_cpus,
                                            unsigned flags) const {
    constexpr std::string_view kApi = "virConnectBaselineCPU";
    return callConn(state_, kConnFamily, kApi, kRead, [&](auto& st) -> Result<std::string> {
        if (xml_cpus.empty()) return fail(client::argPositive(kApi, "ncpus", ErrorDomain::kNone));
        return ops(st).baselineCpu(xml_cpus, flags);
    });
}

}  // namespace nodevirt
