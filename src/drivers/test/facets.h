// The facet implementations of the test driver. Each works on the TestContext of its
// connection; definitions live in one .cc per concern (connect.cc, domain_lifecycle.cc,
// domain_save.cc, domain_config.cc, domain_devices.cc, domain_stats.cc, snapshots.cc,
// networks.cc, storage.cc, node_devices.cc, secrets.cc, interfaces.cc, events.cc).
#pragma once

#include "driver/connection.h"
#include "drivers/test/test_context.h"

namespace nodevirt::drivers::test {

using namespace nodevirt::driver;  // NOLINT: facet signatures use the driver's types

class TestConnect : public ConnectOps {
public:
    explicit TestConnect(TestContext& ctx) : ctx_(ctx) {}
    Result<std::string> getType() override;
    Result<uint64_t> getVersion() override;
    Result<uint64_t> getLibVersion() override;
    Result<std::string> getHostname() override;
    Result<std::string> getUri() override;
    Result<std::string> getSysinfo(unsigned flags) override;
    Result<int> getMaxVcpus(const std::optional<std::string>& type) override;
    Result<std::string> getCapabilities() override;
    Result<NodeInfo> nodeGetInfo() override;
    Result<uint64_t> nodeGetFreeMemory() override;
    Result<std::vector<uint64_t>> nodeGetCellsFreeMemory(int start, int max) override;
    Result<TypedParams> nodeGetCpuStats(int cpu, unsigned flags) override;
    Result<std::vector<bool>> nodeGetCpuMap(unsigned flags) override;
    Result<SecurityModel> nodeGetSecurityModel() override;

private:
    TestContext& ctx_;
};

class TestDomainLifecycle : public DomainLifecycleOps {
public:
    explicit TestDomainLifecycle(TestContext& ctx) : ctx_(ctx) {}
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
    Status injectNmi(const DomainRef& dom, unsigned flags) override;
    Status sendKey(const DomainRef& dom, unsigned codeset, unsigned holdtime,
                   const std::vector<unsigned>& keycodes, unsigned flags) override;

    // domain_save.cc
    Status save(const DomainRef& dom, const std::string& path, const std::optional<std::string>& dxml,
                unsigned flags) override;
    Status restore(const std::string& path, const std::optional<std::string>& dxml,
                   unsigned flags) override;
    Result<std::string> saveImageGetXmlDesc(const std::string& path, unsigned flags) override;
    Status saveImageDefineXml(const std::string& path, const std::string& xml, unsigned flags) override;
    Status managedSave(const DomainRef& dom, unsigned flags) override;
    Result<bool> hasManagedSaveImage(const DomainRef& dom, unsigned flags) override;
    Status managedSaveRemove(const DomainRef& dom, unsigned flags) override;
    Result<std::string> managedSaveGetXmlDesc(const DomainRef& dom, unsigned flags) override;
    Status coreDump(const DomainRef& dom, const std::string& to, unsigned format, unsigned flags) override;

    // domain_info.cc
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
    Result<std::pair<int64_t, unsigned>> getTime(const DomainRef& dom, unsigned flags) override;
    Result<std::pair<std::string, DataStreamPtr>> screenshot(const DomainRef& dom, unsigned screen,
                                                             unsigned flags) override;

private:
    TestContext& ctx_;
};

class TestDomainConfig : public DomainConfigOps {
public:
    explicit TestDomainConfig(TestContext& ctx) : ctx_(ctx) {}
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
                       const std::optional<std::string>& key, const std::optional<std::string>& uri,
                       unsigned flags) override;
    Result<std::pair<std::string, int>> getSchedulerType(const DomainRef& dom) override;
    Result<TypedParams> getSchedulerParameters(const DomainRef& dom, unsigned flags) override;
    Status setSchedulerParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) override;
    Result<TypedParams> getMemoryParameters(const DomainRef& dom, unsigned flags) override;
    Status setMemoryParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) override;
    Result<TypedParams> getBlkioParameters(const DomainRef& dom, unsigned flags) override;
    Status setBlkioParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) override;
    Result<TypedParams> getNumaParameters(const DomainRef& dom, unsigned flags) override;
    Status setNumaParameters(const DomainRef& dom, const TypedParams& params, unsigned flags) override;
    Result<TypedParams> getPerfEvents(const DomainRef& dom, unsigned flags) override;
    Status setUserPassword(const DomainRef& dom, const std::string& user, const std::string& password,
                           unsigned flags) override;
    Status rename(const DomainRef& dom, const std::string& new_name, unsigned flags) override;

private:
    TestContext& ctx_;
};

class TestDomainDevices : public DomainDeviceOps {
public:
    explicit TestDomainDevices(TestContext& ctx) : ctx_(ctx) {}
    Status attachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status detachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Status detachDeviceAlias(const DomainRef& dom, const std::string& alias, unsigned flags) override;
    Status updateDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;

private:
    TestContext& ctx_;
};

class TestDomainStats : public DomainStatsOps {
public:
    explicit TestDomainStats(TestContext& ctx) : ctx_(ctx) {}
    Result<BlockStats> blockStats(const DomainRef& dom, const std::string& disk) override;
    Result<InterfaceStats> interfaceStats(const DomainRef& dom, const std::string& iface) override;
    Result<std::vector<MemoryStat>> memoryStats(const DomainRef& dom, unsigned max, unsigned flags) override;
    Result<BlockInfo> getBlockInfo(const DomainRef& dom, const std::string& disk, unsigned flags) override;
    Result<std::pair<std::vector<VcpuInfo>, std::vector<std::vector<bool>>>> getVcpus(
        const DomainRef& dom) override;
    Result<std::vector<std::vector<bool>>> getVcpuPinInfo(const DomainRef& dom, unsigned flags) override;
    Result<std::vector<DomainInterface>> interfaceAddresses(const DomainRef& dom, unsigned source,
                                                            unsigned flags) override;
    Result<std::vector<DomainStatsRecord>> getAllDomainStats(const std::vector<DomainRef>& doms,
                                                             unsigned stats, unsigned flags) override;

private:
    TestContext& ctx_;
};

class TestSnapshots : public DomainSnapshotOps {
public:
    explicit TestSnapshots(TestContext& ctx) : ctx_(ctx) {}
    Result<DomainSnapshotRef> createXml(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    Result<std::vector<DomainSnapshotRef>> listAll(const DomainRef& dom, unsigned flags) override;
    Result<std::vector<DomainSnapshotRef>> listChildren(const DomainSnapshotRef& snap, unsigned flags) override;
    Result<int> num(const DomainRef& dom, unsigned flags) override;
    Result<std::vector<std::string>> listNames(const DomainRef& dom, int max, unsigned flags) override;
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
    TestContext& ctx_;
};

class TestEvents : public EventOps {
public:
    explicit TestEvents(TestContext& ctx) : ctx_(ctx) {}
    Result<int> registerDomainEvent(int event_id, const std::optional<DomainRef>& dom,
                                    DomainEventCallback cb) override;
    Status deregisterDomainEvent(int callback_id) override;
    Result<int> registerNetworkEvent(int event_id, const std::optional<NetworkRef>& net,
                                     NetworkEventCallback cb) override;
    Status deregisterNetworkEvent(int callback_id) override;
    Result<int> registerStoragePoolEvent(int event_id, const std::optional<StoragePoolRef>& pool,
                                         StoragePoolEventCallback cb) override;
    Status deregisterStoragePoolEvent(int callback_id) override;
    Result<int> registerNodeDeviceEvent(int event_id, const std::optional<NodeDeviceRef>& dev,
                                        NodeDeviceEventCallback cb) override;
    Status deregisterNodeDeviceEvent(int callback_id) override;
    Result<int> registerSecretEvent(int event_id, const std::optional<SecretRef>& secret,
                                    SecretEventCallback cb) override;
    Status deregisterSecretEvent(int callback_id) override;

private:
    Status deregister(int callback_id, std::string_view function);
    TestContext& ctx_;
};

}  // namespace nodevirt::drivers::test
