// Domain: XML, memory/vcpu settings, metadata, tunables, devices and statistics
// (virDomainGetXMLDesc, virDomainSetMemoryFlags, virDomainAttachDeviceFlags, ...).
#include "client/domain_common.h"
#include "nodevirt/constants.h"
#include "nodevirt/domain.h"

namespace nodevirt {

using client::call;
using client::config;
using client::devices;
using client::kRead;
using client::kWrite;
using client::pickApi;
using client::stats;
using detail::ConnectionState;
using Ref = driver::DomainRef;

namespace {
constexpr const client::Family& kFam = client::kDomainFamily;
constexpr ErrorDomain kErrDom = ErrorDomain::kDomain;

// virDomainGetMetadata / virDomainSetMetadata: an element needs its namespace uri (and a key
// to store it under); title and description take neither.
Status checkMetadataArgs(std::string_view api, int type, const std::optional<std::string>& uri,
                         const std::optional<std::string>& key, bool needs_key) {
    if (type == static_cast<int>(lv::kDomainMetadataElement)) {
        if (!uri) return fail(client::argNotNull(api, "uri", kErrDom));
        if (needs_key && !key) return fail(client::argNotNull(api, "key", kErrDom));
        return ok();
    }
    if (uri) return fail(client::argNull(api, "uri", kErrDom));
    if (key) return fail(client::argNull(api, "key", kErrDom));
    return ok();
}

}  // namespace

Result<std::string> Domain::xmlDesc(unsigned flags) const {
    constexpr std::string_view kApi = "virDomainGetXMLDesc";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<std::string> {
                    if (st.readOnly() && (flags & lv::kDomainXmlSecure))
                        return fail(client::secureFlagDenied(kApi, kErrDom));
                    return config(st).getXmlDesc(ref, flags);
                });
}

Result<uint64_t> Domain::maxMemory() const {
    return call(*this, kFam, "virDomainGetMaxMemory", kRead,
                [&](ConnectionState& st, const Ref& ref) { return config(st).getMaxMemory(ref); });
}

Status Domain::setMaxMemory(uint64_t kib) const {
    constexpr std::string_view kApi = "virDomainSetMaxMemory";
    return call(*this, kFam, kApi, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        if (kib == 0) return fail(client::argNotZero(kApi, "memory", kErrDom));
        return config(st).setMaxMemory(ref, kib);
    });
}

Status Domain::setMemory(uint64_t kib, unsigned flags) const {
    std::string_view api = pickApi(flags, "virDomainSetMemory", "virDomainSetMemoryFlags");
    return call(*this, kFam, api, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        if (kib == 0) return fail(client::argNotZero(api, "memory", kErrDom));
        return config(st).setMemory(ref, kib, flags);
    });
}

Status Domain::setMemoryStatsPeriod(int period_s, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainSetMemoryStatsPeriod";
    return call(*this, kFam, kApi, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        if (period_s < 0) return fail(client::argNonNegative(kApi, "period", kErrDom));
        return config(st).setMemoryStatsPeriod(ref, period_s, flags);
    });
}

Result<int> Domain::maxVcpus() const {
    return call(*this, kFam, "virDomainGetMaxVcpus", kRead,
                [&](ConnectionState& st, const Ref& ref) { return config(st).getMaxVcpus(ref); });
}

Status Domain::setVcpus(unsigned count, unsigned flags) const {
    std::string_view api = pickApi(flags, "virDomainSetVcpus", "virDomainSetVcpusFlags");
    return call(*this, kFam, api, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        if (count == 0) return fail(client::argNotZero(api, "nvcpus", kErrDom));
        return config(st).setVcpus(ref, count, flags);
    });
}

Result<int> Domain::vcpusFlags(unsigned flags) const {
    constexpr std::string_view kApi = "virDomainGetVcpusFlags";
    // Asking the guest agent changes guest state, so it needs write access.
    auto access = (flags & lv::kDomainVcpuGuest) ? kWrite : kRead;
    return call(*this, kFam, kApi, access, [&](ConnectionState& st, const Ref& ref) {
        return config(st).getVcpusFlags(ref, flags);
    });
}

Status Domain::pinVcpu(unsigned vcpu, const std::vector<bool>& cpumap, unsigned flags) const {
    std::string_view api = pickApi(flags, "virDomainPinVcpu", "virDomainPinVcpuFlags");
    return call(*this, kFam, api, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        if (cpumap.empty()) return fail(client::argPositive(api, "maplen", kErrDom));
        return config(st).pinVcpu(ref, vcpu, cpumap, flags);
    });
}

Result<std::optional<std::string>> Domain::metadata(int type, const std::optional<std::string>& uri,
                                                    unsigned flags) const {
    constexpr std::string_view kApi = "virDomainGetMetadata";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<std::optional<std::string>> {
                    NODEVIRT_TRY(checkMetadataArgs(kApi, type, uri, std::nullopt, false));
                    return config(st).getMetadata(ref, type, uri, flags);
                });
}

Status Domain::setMetadata(int type, const std::optional<std::string>& metadata,
                           const std::optional<std::string>& key,
                           const std::optional<std::string>& uri, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainSetMetadata";
    return call(*this, kFam, kApi, kWrite, [&](ConnectionState& st, const Ref& ref) -> Status {
        NODEVIRT_TRY(checkMetadataArgs(kApi, type, uri, key, metadata.has_value()));
        return config(st).setMetadata(ref, type, metadata, key, uri, flags);
    });
}

Result<SchedulerType> Domain::schedulerType() const {
    return call(*this, kFam, "virDomainGetSchedulerType", kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<SchedulerType> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto t, config(st).getSchedulerType(ref));
                    return SchedulerType{std::move(t.first), t.second};
                });
}

Result<TypedParams> Domain::schedulerParameters(unsigned flags) const {
    return call(
        *this, kFam,
        pickApi(flags, "virDomainGetSchedulerParameters", "virDomainGetSchedulerParametersFlags"),
        kRead, [&](ConnectionState& st, const Ref& ref) {
            return config(st).getSchedulerParameters(ref, flags);
        });
}

Status Domain::setSchedulerParameters(const TypedParams& params, unsigned flags) const {
    return call(
        *this, kFam,
        pickApi(flags, "virDomainSetSchedulerParameters", "virDomainSetSchedulerParametersFlags"),
        kWrite, [&](ConnectionState& st, const Ref& ref) {
            return config(st).setSchedulerParameters(ref, params, flags);
        });
}

Result<TypedParams> Domain::memoryParameters(unsigned flags) const {
    return call(*this, kFam, "virDomainGetMemoryParameters", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).getMemoryParameters(ref, flags);
                });
}

Status Domain::setMemoryParameters(const TypedParams& params, unsigned flags) const {
    return call(*this, kFam, "virDomainSetMemoryParameters", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).setMemoryParameters(ref, params, flags);
                });
}

Result<TypedParams> Domain::blkioParameters(unsigned flags) const {
    return call(*this, kFam, "virDomainGetBlkioParameters", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).getBlkioParameters(ref, flags);
                });
}

Status Domain::setBlkioParameters(const TypedParams& params, unsigned flags) const {
    return call(*this, kFam, "virDomainSetBlkioParameters", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).setBlkioParameters(ref, params, flags);
                });
}

Result<TypedParams> Domain::numaParameters(unsigned flags) const {
    return call(*this, kFam, "virDomainGetNumaParameters", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).getNumaParameters(ref, flags);
                });
}

Status Domain::setNumaParameters(const TypedParams& params, unsigned flags) const {
    return call(*this, kFam, "virDomainSetNumaParameters", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).setNumaParameters(ref, params, flags);
                });
}

Result<TypedParams> Domain::perfEvents(unsigned flags) const {
    return call(
        *this, kFam, "virDomainGetPerfEvents", kRead,
        [&](ConnectionState& st, const Ref& ref) { return config(st).getPerfEvents(ref, flags); });
}

Status Domain::setUserPassword(const std::string& user, const std::string& password,
                               unsigned flags) const {
    return call(*this, kFam, "virDomainSetUserPassword", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return config(st).setUserPassword(ref, user, password, flags);
                });
}

Status Domain::rename(const std::string& new_name, unsigned flags) {
    constexpr std::string_view kApi = "virDomainRename";
    Status st = call(*this, kFam, kApi, kWrite, [&](ConnectionState& s, const Ref& ref) -> Status {
        if (new_name.empty()) return fail(client::argNotEmpty(kApi, "new_name", kErrDom));
        return config(s).rename(ref, new_name, flags);
    });
    if (st) name_ = new_name;
    return st;
}

// --- devices

Status Domain::attachDevice(const std::string& xml, unsigned flags) const {
    return call(*this, kFam, pickApi(flags, "virDomainAttachDevice", "virDomainAttachDeviceFlags"),
                kWrite, [&](ConnectionState& st, const Ref& ref) {
                    return devices(st).attachDevice(ref, xml, flags);
                });
}

Status Domain::detachDevice(const std::string& xml, unsigned flags) const {
    return call(*this, kFam, pickApi(flags, "virDomainDetachDevice", "virDomainDetachDeviceFlags"),
                kWrite, [&](ConnectionState& st, const Ref& ref) {
                    return devices(st).detachDevice(ref, xml, flags);
                });
}

Status Domain::detachDeviceAlias(const std::string& alias, unsigned flags) const {
    return call(*this, kFam, "virDomainDetachDeviceAlias", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return devices(st).detachDeviceAlias(ref, alias, flags);
                });
}

Status Domain::updateDevice(const std::string& xml, unsigned flags) const {
    return call(*this, kFam, "virDomainUpdateDeviceFlags", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return devices(st).updateDevice(ref, xml, flags);
                });
}

Status Domain::blockResize(const std::string& disk, uint64_t size, unsigned flags) const {
    return call(*this, kFam, "virDomainBlockResize", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return devices(st).blockResize(ref, disk, size, flags);
                });
}

Status Domain::setInterfaceLinkState(const std::string& iface, bool up, unsigned flags) const {
    return call(*this, kFam, "virDomainSetInterfaceParameters", kWrite,
                [&](ConnectionState& st, const Ref& ref) {
                    return devices(st).setInterfaceLinkState(ref, iface, up, flags);
                });
}

// --- statistics

Result<BlockStats> Domain::blockStats(const std::string& disk) const {
    return call(
        *this, kFam, "virDomainBlockStats", kRead,
        [&](ConnectionState& st, const Ref& ref) { return stats(st).blockStats(ref, disk); });
}

Result<TypedParams> Domain::blockStatsFlags(const std::string& disk, unsigned flags) const {
    return call(*this, kFam, "virDomainBlockStatsFlags", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return stats(st).blockStatsFlags(ref, disk, flags);
                });
}

Result<InterfaceStats> Domain::interfaceStats(const std::string& iface) const {
    return call(
        *this, kFam, "virDomainInterfaceStats", kRead,
        [&](ConnectionState& st, const Ref& ref) { return stats(st).interfaceStats(ref, iface); });
}

Result<std::vector<MemoryStat>> Domain::memoryStats(unsigned max_stats, unsigned flags) const {
    return call(*this, kFam, "virDomainMemoryStats", kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<std::vector<MemoryStat>> {
                    // libvirt answers a request for no stats with none, without asking the driver.
                    if (max_stats == 0) return std::vector<MemoryStat>{};
                    return stats(st).memoryStats(ref, max_stats, flags);
                });
}

Result<BlockInfo> Domain::blockInfo(const std::string& disk, unsigned flags) const {
    return call(*this, kFam, "virDomainGetBlockInfo", kRead,
                [&](ConnectionState& st, const Ref& ref) {
                    return stats(st).getBlockInfo(ref, disk, flags);
                });
}

Result<DomainVcpus> Domain::vcpus() const {
    return call(*this, kFam, "virDomainGetVcpus", kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<DomainVcpus> {
                    NODEVIRT_ASSIGN_OR_RETURN(auto v, stats(st).getVcpus(ref));
                    return DomainVcpus{std::move(v.first), std::move(v.second)};
                });
}

Result<std::vector<std::vector<bool>>> Domain::vcpuPinInfo(unsigned flags) const {
    return call(
        *this, kFam, "virDomainGetVcpuPinInfo", kRead,
        [&](ConnectionState& st, const Ref& ref) { return stats(st).getVcpuPinInfo(ref, flags); });
}

Result<std::vector<DomainInterface>> Domain::interfaceAddresses(unsigned source,
                                                                unsigned flags) const {
    // Querying the guest agent needs write access; leases and ARP tables do not.
    auto access = source == lv::kDomainInterfaceAddressesSrcAgent ? kWrite : kRead;
    return call(*this, kFam, "virDomainInterfaceAddresses", access,
                [&](ConnectionState& st, const Ref& ref) {
                    return stats(st).interfaceAddresses(ref, source, flags);
                });
}

Result<TypedParams> Domain::cpuStats(int start_cpu, unsigned ncpus, unsigned flags) const {
    constexpr std::string_view kApi = "virDomainGetCPUStats";
    return call(*this, kFam, kApi, kRead,
                [&](ConnectionState& st, const Ref& ref) -> Result<TypedParams> {
                    if (start_cpu < -1)
                        return fail(client::argNonNegative(kApi, "start_cpu", kErrDom));
                    if (start_cpu == -1 && ncpus != 1) {
                        return fail(client::invalidArgument(
                            kApi, "ncpus", "must be 1 when start_cpu is -1", kErrDom));
                    }
                    return stats(st).getCpuStats(ref, start_cpu, ncpus, flags);
                });
}

}  // namespace nodevirt
