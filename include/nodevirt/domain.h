// nodevirt::Domain and nodevirt::DomainSnapshot: handles on one domain (VM or container) and
// one of its snapshots. Handles are cheap copyable values: the connection's shared state plus
// the object's identity as it was when the handle was obtained. Every call returns a Result;
// flags are libvirt's values (nodevirt/constants.h, e.g. lv::kDomainXmlInactive).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nodevirt/fwd.h"
#include "nodevirt/result.h"
#include "nodevirt/stream.h"
#include "nodevirt/types.h"
#include "nodevirt/uuid.h"

namespace nodevirt {

// virDomainGetVcpus: one VcpuInfo per vcpu plus its affinity (one bool per host cpu).
struct DomainVcpus {
    std::vector<VcpuInfo> info;
    std::vector<std::vector<bool>> affinity;
};

// virDomainGetTime
struct DomainTime {
    int64_t seconds = 0;
    unsigned nanoseconds = 0;
};

// virDomainGetSchedulerType
struct SchedulerType {
    std::string type;
    int nparams = 0;
};

// virDomainScreenshot: the image's MIME type and the stream that carries it.
struct Screenshot {
    std::string mime_type;
    Stream stream;
};

class Domain {
  public:
    Domain() = default;  // an invalid handle; every call fails with VIR_ERR_INVALID_DOMAIN

    // --- identity (as known when the handle was obtained; no driver call)
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const Uuid& uuid() const { return uuid_; }
    [[nodiscard]] std::string uuidString() const { return uuid_.toString(); }
    // The id while running, -1 when inactive. create() on this handle updates it.
    [[nodiscard]] int id() const { return id_; }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool isValid() const { return conn_ != nullptr; }
    explicit operator bool() const { return isValid(); }

    // --- lifecycle (virDomainCreateWithFlags, virDomainShutdownFlags, ...)
    [[nodiscard]] Status create(unsigned flags = 0);
    [[nodiscard]] Status undefine(unsigned flags = 0) const;
    [[nodiscard]] Status shutdown(unsigned flags = 0) const;
    [[nodiscard]] Status destroy(unsigned flags = 0) const;
    [[nodiscard]] Status reboot(unsigned flags = 0) const;
    [[nodiscard]] Status reset(unsigned flags = 0) const;
    [[nodiscard]] Status suspend() const;
    [[nodiscard]] Status resume() const;
    [[nodiscard]] Status pmSuspendForDuration(unsigned target, uint64_t duration_s,
                                              unsigned flags = 0) const;
    [[nodiscard]] Status pmWakeup(unsigned flags = 0) const;
    [[nodiscard]] Status injectNmi(unsigned flags = 0) const;
    [[nodiscard]] Status sendKey(unsigned codeset, unsigned holdtime_ms,
                                 const std::vector<unsigned>& keycodes, unsigned flags = 0) const;

    // --- save, managed save, core dump
    [[nodiscard]] Status save(const std::string& path,
                              const std::optional<std::string>& dxml = std::nullopt,
                              unsigned flags = 0) const;
    [[nodiscard]] Status managedSave(unsigned flags = 0) const;
    [[nodiscard]] Result<bool> hasManagedSaveImage(unsigned flags = 0) const;
    [[nodiscard]] Status managedSaveRemove(unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> managedSaveXmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Status coreDump(const std::string& to, unsigned format = 0,
                                  unsigned flags = 0) const;

    // --- state queries
    [[nodiscard]] Result<DomainInfo> info() const;
    [[nodiscard]] Result<DomainStateReason> state(unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> osType() const;
    [[nodiscard]] Result<bool> isActive() const;
    [[nodiscard]] Result<bool> isPersistent() const;
    [[nodiscard]] Result<bool> isUpdated() const;
    [[nodiscard]] Result<bool> autostart() const;
    [[nodiscard]] Status setAutostart(bool autostart) const;
    [[nodiscard]] Result<std::string> hostname(unsigned flags = 0) const;
    [[nodiscard]] Result<SecurityLabel> securityLabel() const;
    [[nodiscard]] Result<std::vector<std::string>> messages(unsigned flags = 0) const;
    [[nodiscard]] Result<JobInfo> jobInfo() const;
    [[nodiscard]] Status abortJob() const;
    [[nodiscard]] Result<DomainTime> time(unsigned flags = 0) const;

    // --- consoles and screenshots
    [[nodiscard]] Result<Stream> openConsole(
        const std::optional<std::string>& dev_name = std::nullopt, unsigned flags = 0) const;
    [[nodiscard]] Result<Screenshot> screenshot(unsigned screen = 0, unsigned flags = 0) const;

    // --- configuration
    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Result<uint64_t> maxMemory() const;  // KiB
    [[nodiscard]] Status setMaxMemory(uint64_t kib) const;
    [[nodiscard]] Status setMemory(uint64_t kib,
                                   unsigned flags = 0) const;  // virDomainSetMemoryFlags
    [[nodiscard]] Status setMemoryStatsPeriod(int period_s, unsigned flags = 0) const;
    [[nodiscard]] Result<int> maxVcpus() const;
    [[nodiscard]] Status setVcpus(unsigned count,
                                  unsigned flags = 0) const;         // virDomainSetVcpusFlags
    [[nodiscard]] Result<int> vcpusFlags(unsigned flags = 0) const;  // virDomainGetVcpusFlags
    [[nodiscard]] Status pinVcpu(unsigned vcpu, const std::vector<bool>& cpumap,
                                 unsigned flags = 0) const;
    // nullopt when the domain has no metadata of that kind.
    [[nodiscard]] Result<std::optional<std::string>> metadata(int type,
                                                              const std::optional<std::string>& uri,
                                                              unsigned flags = 0) const;
    [[nodiscard]] Status setMetadata(int type, const std::optional<std::string>& metadata,
                                     const std::optional<std::string>& key,
                                     const std::optional<std::string>& uri,
                                     unsigned flags = 0) const;
    [[nodiscard]] Result<SchedulerType> schedulerType() const;
    [[nodiscard]] Result<TypedParams> schedulerParameters(unsigned flags = 0) const;
    [[nodiscard]] Status setSchedulerParameters(const TypedParams& params,
                                                unsigned flags = 0) const;
    [[nodiscard]] Result<TypedParams> memoryParameters(unsigned flags = 0) const;
    [[nodiscard]] Status setMemoryParameters(const TypedParams& params, unsigned flags = 0) const;
    [[nodiscard]] Result<TypedParams> blkioParameters(unsigned flags = 0) const;
    [[nodiscard]] Status setBlkioParameters(const TypedParams& params, unsigned flags = 0) const;
    [[nodiscard]] Result<TypedParams> numaParameters(unsigned flags = 0) const;
    [[nodiscard]] Status setNumaParameters(const TypedParams& params, unsigned flags = 0) const;
    [[nodiscard]] Result<TypedParams> perfEvents(unsigned flags = 0) const;
    [[nodiscard]] Status setUserPassword(const std::string& user, const std::string& password,
                                         unsigned flags = 0) const;
    // On success this handle carries the new name.
    [[nodiscard]] Status rename(const std::string& new_name, unsigned flags = 0);

    // --- devices
    [[nodiscard]] Status attachDevice(const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Status detachDevice(const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Status detachDeviceAlias(const std::string& alias, unsigned flags = 0) const;
    [[nodiscard]] Status updateDevice(const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Status blockResize(const std::string& disk, uint64_t size,
                                     unsigned flags = 0) const;
    [[nodiscard]] Status setInterfaceLinkState(const std::string& iface, bool up,
                                               unsigned flags = 0) const;

    // --- statistics
    [[nodiscard]] Result<BlockStats> blockStats(const std::string& disk) const;
    [[nodiscard]] Result<TypedParams> blockStatsFlags(const std::string& disk,
                                                      unsigned flags = 0) const;
    [[nodiscard]] Result<InterfaceStats> interfaceStats(const std::string& iface) const;
    [[nodiscard]] Result<std::vector<MemoryStat>> memoryStats(unsigned max_stats,
                                                              unsigned flags = 0) const;
    [[nodiscard]] Result<BlockInfo> blockInfo(const std::string& disk, unsigned flags = 0) const;
    [[nodiscard]] Result<DomainVcpus> vcpus() const;
    [[nodiscard]] Result<std::vector<std::vector<bool>>> vcpuPinInfo(unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<DomainInterface>> interfaceAddresses(unsigned source,
                                                                          unsigned flags = 0) const;
    [[nodiscard]] Result<TypedParams> cpuStats(int start_cpu, unsigned ncpus,
                                               unsigned flags = 0) const;

    // --- snapshots
    [[nodiscard]] Result<DomainSnapshot> snapshotCreateXml(const std::string& xml,
                                                           unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<DomainSnapshot>> listAllSnapshots(unsigned flags = 0) const;
    [[nodiscard]] Result<int> snapshotNum(unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<std::string>> snapshotListNames(int max,
                                                                     unsigned flags = 0) const;
    [[nodiscard]] Result<DomainSnapshot> snapshotLookupByName(const std::string& name,
                                                              unsigned flags = 0) const;
    [[nodiscard]] Result<bool> hasCurrentSnapshot(unsigned flags = 0) const;
    [[nodiscard]] Result<DomainSnapshot> currentSnapshot(unsigned flags = 0) const;

  private:
    friend struct detail::HandleAccess;
    std::shared_ptr<detail::ConnectionState> conn_;
    std::string name_;
    Uuid uuid_;
    int id_ = -1;
};

class DomainSnapshot {
  public:
    DomainSnapshot() = default;  // invalid; calls fail with VIR_ERR_INVALID_DOMAIN_SNAPSHOT

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const Domain& domain() const { return domain_; }
    [[nodiscard]] bool isValid() const { return domain_.isValid(); }
    explicit operator bool() const { return isValid(); }

    [[nodiscard]] Result<std::vector<DomainSnapshot>> listAllChildren(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numChildren(unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<std::string>> listChildrenNames(int max,
                                                                     unsigned flags = 0) const;
    [[nodiscard]] Result<DomainSnapshot> parent(unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> xmlDesc(unsigned flags = 0) const;
    [[nodiscard]] Result<bool> isCurrent(unsigned flags = 0) const;
    [[nodiscard]] Result<bool> hasMetadata(unsigned flags = 0) const;
    [[nodiscard]] Status revert(unsigned flags = 0) const;  // virDomainRevertToSnapshot
    [[nodiscard]] Status remove(unsigned flags = 0) const;  // virDomainSnapshotDelete

  private:
    friend struct detail::HandleAccess;
    Domain domain_;
    std::string name_;
};

// One domain's record from Connection::getAllDomainStats / domainListGetStats.
struct DomainStatsRecord {
    Domain domain;
    TypedParams params;
};

}  // namespace nodevirt
