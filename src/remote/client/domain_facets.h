// The remote driver's domain facets: each method is one procedure call (or libvirt's client
// sequence: DOMAIN_CREATE then LOOKUP_BY_UUID, LIST_ALL with its NUM_OF/LIST fallback, the
// two-call typed-parameter getters) over the connection's Channel.
#pragma once

#include "driver/domain_config_ops.h"
#include "driver/domain_device_ops.h"
#include "driver/domain_lifecycle_ops.h"
#include "driver/domain_snapshot_ops.h"
#include "driver/domain_stats_ops.h"
#include "remote/client/channel.h"
#include "remote/client/stream_tracker.h"

namespace nodevirt::remote {

using driver::DataStreamPtr;
using driver::DomainRef;
using driver::DomainSnapshotRef;

class RemoteDomainLifecycle final : public driver::DomainLifecycleOps {
  public:
    RemoteDomainLifecycle(Channel& ch, StreamTracker& streams) : ch_(ch), streams_(streams) {}

    Result<DomainRef> lookupById(int id) override;
    Result<DomainRef> lookupByName(const std::string& name) override;
    Result<DomainRef> lookupByUuid(const Uuid& uuid) override;
    Result<std::vector<DomainRef>> listAll(unsigned flags) override;
    Result<int> numOfDomains() override;
    Result<std::vector<int>> listDomainIds(int max) override;
    Result<int> numOfDefinedDomains() override;
    Result<std::vector<std::string>> listDefinedDomains(int max) override;

    Result<DomainRef> defineXml(const std::string& xml, unsigned flags) override;
    Status undefine(const DomainRef& dom, unsigned flags) override;
    Result<DomainRef> createXml(const std::string& xml, unsigned flags) override;

    Result<DomainRef> create(const DomainRef& dom, unsigned flags) override;
    Status shutdown(const DomainRef& dom, unsigned flags) override;
    Status destroy(const DomainRef& dom, unsigned flags) override;
    Status reboot(const DomainRef& dom, unsigned flags) override;
    Status reset(const DomainRef& dom, unsigned flags) override;
    Status suspend(const DomainRef& dom) override;
    Status resume(const DomainRef& dom) override;
    Status pmSuspendForDuration(const DomainRef& dom, unsigned target, uint64_t duration,
                                unsigned flags) override;
    Status pmWakeup(const DomainRef& dom, unsigned flags) override;
    Status injectNmi(const DomainRef& dom, unsigned flags) override;
    Status sendKey(const DomainRef& dom, unsigned codeset, unsigned holdtime,
                   const std::vector<unsigned>& keycodes, unsigned flags) override;

    Status save(const DomainRef& dom, const std::string& path,
                const std::optional<std::string>& dxml, unsigned flags) override;
    Status restore(const std::string& path, const std::optional<std::string>& dxml,
                   unsigned flags) override;
    Result<std::string> saveImageGetXmlDesc(const std::string& path, unsigned flags) override;
    Status saveImageDefineXml(const std::string& path, const std::string& xml,
                              unsigned flags) override;
    Status managedSave(const DomainRef& dom, unsigned flags) override;
    Result<bool> hasManagedSaveImage(const DomainRef& dom, unsigned flags) override;
    Status managedSaveRemove(const DomainRef& dom, unsigned flags) override;
    Result<std::string> managedSaveGetXmlDesc(const DomainRef& dom, unsigned flags) override;
    Status coreDump(const DomainRef& dom, const std::string& to, unsigned format,
                    unsigned flags) override;

    Result<DomainInfo> getInfo(const DomainRef& dom) override;
    Result<DomainStateReason> getState(const DomainRef& dom, unsigned flags) override;
    Result<std::string> getOsType(const DomainRef& dom) override;
    Result<bool> isActive(const DomainRef& dom) override;
    Result<bool> isPersistent(const DomainRef& dom) override;
    Result<bool> isUpdated(const DomainRef& dom) override;
    Result<bool> getAutostart(const DomainRef& dom) override;
    Status setAutostart(const DomainRef& dom, bool autostart) override;
    Result<std::string> getHostname(const DomainRef& dom, unsigned flags) override;
    Result<SecurityLabel> getSecurityLabel(const DomainRef& dom) override;
    Result<std::vector<std::string>> getMessages(const DomainRef& dom, unsigned flags) override;
    Result<JobInfo> getJobInfo(const DomainRef& dom) override;
    Status abortJob(const DomainRef& dom) override;
    Result<std::pair<int64_t, unsigned>> getTime(const DomainRef& dom, unsigned flags) override;

    Result<DataStreamPtr> openConsole(const DomainRef& dom, const std::optional<std::string>& dev,
                                      unsigned flags) override;
    Result<std::pair<std::string, DataStreamPtr>> screenshot(const DomainRef& dom,
                                                             unsigned screen,
                                                             unsigned flags) override;

  private:
    Result<std::vector<DomainRef>> listAllByOldCalls(unsigned flags);

    Channel& ch_;
    StreamTracker& streams_;
};

class RemoteDomainConfig final : public driver::DomainConfigOps {
  public:
    explicit RemoteDomainConfig(Channel& ch) : ch_(ch) {}

    Result<std::string> getXmlDesc(const DomainRef& dom, unsigned flags) override;
    Result<uint64_t> getMaxMemory(const DomainRef& dom) override;
    Status setMaxMemory(const DomainRef& dom, uint64_t kib) override;
    Status setMemory(const DomainRef& dom, uint64_t kib, unsigned flags) override;
    Status setMemoryStatsPeriod(const DomainRef& dom, int period, unsigned flags) override;
    Result<int> getMaxVcpus(const DomainRef& dom) override;
    Status setVcpus(const DomainRef& dom, unsigned n, unsigned flags) override;
    Result<int> getVcpusFlags(const DomainRef& dom, unsigned flags) override;
    Status pinVcpu(const DomainRef& dom, unsigned vcpu, const std::vector<bool>& map,
                   unsigned flags) override;
    Result<std::optional<std::string>> getMetadata(const DomainRef& dom, int type,
                                                   const std::optional<std::string>& uri,
                                                   unsigned flags) override;
    Status setMetadata(const DomainRef& dom, int type, const std::optional<std::string>& metadata,
                       const std::optional<std::string>& key,
                       const std::optional<std::string>& uri, unsigned flags) override;
    Result<std::pair<std::string, int>> getSchedulerType(const DomainRef& dom) override;
    Result<TypedParams> getSchedulerParameters(const DomainRef& dom, unsigned flags) override;
    Status setSchedulerParameters(const DomainRef& dom, const TypedParams& params,
                                  unsigned flags) override;
    Result<TypedParams> getMemoryParameters(const DomainRef& dom, unsigned flags) override;
    Status setMemoryParameters(const DomainRef& dom, const TypedParams& params,
                               unsigned flags) override;
    Result<TypedParams> getBlkioParameters(const DomainRef& dom, unsigned flags) override;
    Status setBlkioParameters(const DomainRef& dom, const TypedParams& params,
                              unsigned flags) override;
    Result<TypedParams> getNumaParameters(const DomainRef& dom, unsigned flags) override;
    Status setNumaParameters(const DomainRef& dom, const TypedParams& params,
                             unsigned flags) override;
    Result<TypedParams> getPerfEvents(const DomainRef& dom, unsigned flags) override;
    Status setUserPassword(const DomainRef& dom, const std::string& user,
                           const std::string& password, unsigned flags) override;
    Status rename(const DomainRef& dom, const std::string& new_name, unsigned flags) override;

  private:
    Channel& ch_;
};

class RemoteDomainDevices final : public driver::DomainDeviceOps {
  public:
    explicit RemoteDomainDevices(Channel& ch) : ch_(ch) {}

    Status attachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status detachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status detachDeviceAlias(const DomainRef& dom, const std::string& alias,
                             unsigned flags) override;
    Status updateDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status blockResize(const DomainRef& dom, const std::string& disk, uint64_t size,
                       unsigned flags) override;

  private:
    Channel& ch_;
};

class RemoteDomainStats final : public driver::DomainStatsOps {
  public:
    explicit RemoteDomainStats(Channel& ch) : ch_(ch) {}

    Result<BlockStats> blockStats(const DomainRef& dom, const std::string& disk) override;
    Result<TypedParams> blockStatsFlags(const DomainRef& dom, const std::string& disk,
                                        unsigned flags) override;
    Result<InterfaceStats> interfaceStats(const DomainRef& dom, const std::string& iface) override;
    Result<std::vector<MemoryStat>> memoryStats(const DomainRef& dom, unsigned max,
                                                unsigned flags) override;
    Result<BlockInfo> getBlockInfo(const DomainRef& dom, const std::string& disk,
                                   unsigned flags) override;
    Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> getVcpus(
        const DomainRef& dom) override;
    Result<std::vector<std::vector<bool>>> getVcpuPinInfo(const DomainRef& dom,
                                                          unsigned flags) override;
    Result<std::vector<DomainInterface>> interfaceAddresses(const DomainRef& dom, unsigned source,
                                                            unsigned flags) override;
    Result<std::vector<driver::DomainStatsRecord>> getAllDomainStats(
        const std::vector<DomainRef>& doms, unsigned stats, unsigned flags) override;
    Result<TypedParams> getCpuStats(const DomainRef& dom, int start, unsigned ncpus,
                                    unsigned flags) override;

  private:
    // Host cpus, for sizing cpu maps (NODE_GET_INFO, as libvirt's virsh sizes them).
    Result<size_t> hostCpus();

    Channel& ch_;
};

class RemoteDomainSnapshots final : public driver::DomainSnapshotOps {
  public:
    explicit RemoteDomainSnapshots(Channel& ch) : ch_(ch) {}

    Result<DomainSnapshotRef> createXml(const DomainRef& dom, const std::string& xml,
                                        unsigned flags) override;
    Result<std::vector<DomainSnapshotRef>> listAll(const DomainRef& dom, unsigned flags) override;
    Result<std::vector<DomainSnapshotRef>> listChildren(const DomainSnapshotRef& snap,
                                                        unsigned flags) override;
    Result<int> num(const DomainRef& dom, unsigned flags) override;
    Result<std::vector<std::string>> listNames(const DomainRef& dom, int max,
                                               unsigned flags) override;
    Result<int> numChildren(const DomainSnapshotRef& snap, unsigned flags) override;
    Result<std::vector<std::string>> listChildrenNames(const DomainSnapshotRef& snap, int max,
                                                       unsigned flags) override;
    Result<DomainSnapshotRef> lookupByName(const DomainRef& dom, const std::string& name,
                                           unsigned flags) override;
    Result<bool> hasCurrent(const DomainRef& dom, unsigned flags) override;
    Result<DomainSnapshotRef> current(const DomainRef& dom, unsigned flags) override;
    Result<DomainSnapshotRef> getParent(const DomainSnapshotRef& snap, unsigned flags) override;
    Result<std::string> getXmlDesc(const DomainSnapshotRef& snap, unsigned flags) override;
    Result<bool> isCurrent(const DomainSnapshotRef& snap, unsigned flags) override;
    Result<bool> hasMetadata(const DomainSnapshotRef& snap, unsigned flags) override;
    Status revert(const DomainSnapshotRef& snap, unsigned flags) override;
    Status remove(const DomainSnapshotRef& snap, unsigned flags) override;

  private:
    Channel& ch_;
};

}  // namespace nodevirt::remote
