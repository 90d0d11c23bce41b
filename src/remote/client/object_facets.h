// The remote driver's connection, network, storage, node device, secret and interface facets:
// one procedure per method, with libvirt's client fallbacks from CONNECT_LIST_ALL_* to the
// older NUM_OF/LIST calls plus lookups (census §5.2).
#pragma once

#include "driver/connect_ops.h"
#include "driver/interface_ops.h"
#include "driver/network_ops.h"
#include "driver/node_device_ops.h"
#include "driver/secret_ops.h"
#include "driver/storage_ops.h"
#include "remote/client/channel.h"
#include "remote/client/endpoint.h"
#include "remote/client/stream_tracker.h"

namespace nodevirt::remote {

using driver::InterfaceRef;
using driver::NetworkRef;
using driver::NodeDeviceRef;
using driver::SecretRef;
using driver::StoragePoolRef;
using driver::StorageVolRef;

class RemoteConnect final : public driver::ConnectOps {
  public:
    RemoteConnect(Channel& ch, TransportKind transport) : ch_(ch), transport_(transport) {}
    // The URI getUri() reports: the one the caller opened, or the server's for a no-URI open.
    void setUri(std::string uri) { uri_ = std::move(uri); }

    Result<std::string> getType() override;
    Result<uint64_t> getVersion() override;
    Result<uint64_t> getLibVersion() override;
    Result<std::string> getHostname() override;
    Result<std::string> getUri() override;
    Result<std::string> getSysinfo(unsigned flags) override;
    Result<int> getMaxVcpus(const std::optional<std::string>& type) override;
    Result<std::string> getCapabilities() override;
    Result<std::string> getDomainCapabilities(const std::optional<std::string>& emulator,
                                              const std::optional<std::string>& arch,
                                              const std::optional<std::string>& machine,
                                              const std::optional<std::string>& virttype,
                                              unsigned flags) override;
    Result<NodeInfo> nodeGetInfo() override;
    Result<uint64_t> nodeGetFreeMemory() override;
    Result<std::vector<uint64_t>> nodeGetCellsFreeMemory(int start, int max) override;
    Result<TypedParams> nodeGetCpuStats(int cpu, unsigned flags) override;
    Result<TypedParams> nodeGetMemoryStats(int cell, unsigned flags) override;
    Result<std::vector<bool>> nodeGetCpuMap(unsigned flags) override;
    Result<SecurityModel> nodeGetSecurityModel() override;
    Result<bool> isSecure() override;
    Result<bool> isEncrypted() override;
    Result<int> compareCpu(const std::string& xml, unsigned flags) override;
    Result<std::string> baselineCpu(const std::vector<std::string>& xml, unsigned flags) override;

  private:
    Channel& ch_;
    TransportKind transport_;
    std::string uri_;
};

class RemoteNetworks final : public driver::NetworkOps {
  public:
    explicit RemoteNetworks(Channel& ch) : ch_(ch) {}

    Result<std::vector<NetworkRef>> listAll(unsigned flags) override;
    Result<int> numOfNetworks() override;
    Result<std::vector<std::string>> listNetworks(int max) override;
    Result<int> numOfDefinedNetworks() override;
    Result<std::vector<std::string>> listDefinedNetworks(int max) override;
    Result<NetworkRef> lookupByName(const std::string& name) override;
    Result<NetworkRef> lookupByUuid(const Uuid& uuid) override;
    Result<NetworkRef> defineXml(const std::string& xml, unsigned flags) override;
    Result<NetworkRef> createXml(const std::string& xml, unsigned flags) override;
    Status undefine(const NetworkRef& net) override;
    Status create(const NetworkRef& net) override;
    Status destroy(const NetworkRef& net) override;
    Status update(const NetworkRef& net, unsigned command, unsigned section, int index,
                  const std::string& xml, unsigned flags) override;
    Result<std::string> getXmlDesc(const NetworkRef& net, unsigned flags) override;
    Result<std::string> getBridgeName(const NetworkRef& net) override;
    Result<bool> getAutostart(const NetworkRef& net) override;
    Status setAutostart(const NetworkRef& net, bool autostart) override;
    Result<bool> isActive(const NetworkRef& net) override;
    Result<bool> isPersistent(const NetworkRef& net) override;
    Result<std::vector<NetworkDhcpLease>> getDhcpLeases(const NetworkRef& net,
                                                        const std::optional<std::string>& mac,
                                                        unsigned flags) override;

  private:
    Channel& ch_;
};

class RemoteStorage final : public driver::StorageOps {
  public:
    RemoteStorage(Channel& ch, StreamTracker& streams) : ch_(ch), streams_(streams) {}

    Result<std::vector<StoragePoolRef>> listAllPools(unsigned flags) override;
    Result<int> numOfPools() override;
    Result<std::vector<std::string>> listPools(int max) override;
    Result<int> numOfDefinedPools() override;
    Result<std::vector<std::string>> listDefinedPools(int max) override;
    Result<std::string> findPoolSources(const std::string& type,
                                        const std::optional<std::string>& spec,
                                        unsigned flags) override;
    Result<StoragePoolRef> lookupPoolByName(const std::string& name) override;
    Result<StoragePoolRef> lookupPoolByUuid(const Uuid& uuid) override;
    Result<StoragePoolRef> lookupPoolByVolume(const StorageVolRef& vol) override;
    Result<StoragePoolRef> lookupPoolByTargetPath(const std::string& path) override;
    Result<StoragePoolRef> definePoolXml(const std::string& xml, unsigned flags) override;
    Result<StoragePoolRef> createPoolXml(const std::string& xml, unsigned flags) override;
    Status buildPool(const StoragePoolRef& pool, unsigned flags) override;
    Status undefinePool(const StoragePoolRef& pool) override;
    Status createPool(const StoragePoolRef& pool, unsigned flags) override;
    Status destroyPool(const StoragePoolRef& pool) override;
    Status deletePool(const StoragePoolRef& pool, unsigned flags) override;
    Status refreshPool(const StoragePoolRef& pool, unsigned flags) override;
    Result<StoragePoolInfo> getPoolInfo(const StoragePoolRef& pool) override;
    Result<std::string> getPoolXmlDesc(const StoragePoolRef& pool, unsigned flags) override;
    Result<bool> getPoolAutostart(const StoragePoolRef& pool) override;
    Status setPoolAutostart(const StoragePoolRef& pool, bool autostart) override;
    Result<bool> isPoolActive(const StoragePoolRef& pool) override;
    Result<bool> isPoolPersistent(const StoragePoolRef& pool) override;

    Result<int> numOfVolumes(const StoragePoolRef& pool) override;
    Result<std::vector<std::string>> listVolumes(const StoragePoolRef& pool, int max) override;
    Result<std::vector<StorageVolRef>> listAllVolumes(const StoragePoolRef& pool,
                                                      unsigned flags) override;
    Result<StorageVolRef> lookupVolByName(const StoragePoolRef& pool,
                                          const std::string& name) override;
    Result<StorageVolRef> lookupVolByKey(const std::string& key) override;
    Result<StorageVolRef> lookupVolByPath(const std::string& path) override;
    Result<StorageVolRef> createVolXml(const StoragePoolRef& pool, const std::string& xml,
                                       unsigned flags) override;
    Result<StorageVolRef> createVolXmlFrom(const StoragePoolRef& pool, const std::string& xml,
                                           const StorageVolRef& clone_from,
                                           unsigned flags) override;
    Status deleteVol(const StorageVolRef& vol, unsigned flags) override;
    Status wipeVol(const StorageVolRef& vol, unsigned algorithm, unsigned flags) override;
    Status resizeVol(const StorageVolRef& vol, uint64_t capacity, unsigned flags) override;
    Result<StorageVolInfo> getVolInfo(const StorageVolRef& vol, unsigned flags) override;
    Result<std::string> getVolXmlDesc(const StorageVolRef& vol, unsigned flags) override;
    Result<std::string> getVolPath(const StorageVolRef& vol) override;
    Result<driver::DataStreamPtr> downloadVol(const StorageVolRef& vol, uint64_t offset,
                                              uint64_t length, unsigned flags) override;
    Result<driver::DataStreamPtr> uploadVol(const StorageVolRef& vol, uint64_t offset,
                                            uint64_t length, unsigned flags) override;

  private:
    Channel& ch_;
    StreamTracker& streams_;
};

class RemoteNodeDevices final : public driver::NodeDeviceOps {
  public:
    explicit RemoteNodeDevices(Channel& ch) : ch_(ch) {}

    Result<std::vector<NodeDeviceRef>> listAll(unsigned flags) override;
    Result<int> numOfDevices(const std::optional<std::string>& cap, unsigned flags) override;
    Result<std::vector<std::string>> listDevices(const std::optional<std::string>& cap, int max,
                                                 unsigned flags) override;
    Result<NodeDeviceRef> lookupByName(const std::string& name) override;
    Result<NodeDeviceRef> lookupScsiHostByWwn(const std::string& wwnn, const std::string& wwpn,
                                              unsigned flags) override;
    Result<std::string> getXmlDesc(const NodeDeviceRef& dev, unsigned flags) override;
    Result<std::optional<std::string>> getParent(const NodeDeviceRef& dev) override;
    Result<std::vector<std::string>> listCaps(const NodeDeviceRef& dev) override;
    Result<NodeDeviceRef> createXml(const std::string& xml, unsigned flags) override;
    Status destroy(const NodeDeviceRef& dev) override;
    Result<NodeDeviceRef> defineXml(const std::string& xml, unsigned flags) override;
    Status undefine(const NodeDeviceRef& dev, unsigned flags) override;
    Status create(const NodeDeviceRef& dev, unsigned flags) override;
    Status detach(const NodeDeviceRef& dev, const std::optional<std::string>& driver,
                  unsigned flags) override;
    Status reattach(const NodeDeviceRef& dev) override;
    Status reset(const NodeDeviceRef& dev) override;
    Result<bool> isActive(const NodeDeviceRef& dev) override;
    Result<bool> isPersistent(const NodeDeviceRef& dev) override;
    Result<bool> getAutostart(const NodeDeviceRef& dev) override;
    Status setAutostart(const NodeDeviceRef& dev, bool autostart) override;

  private:
    Channel& ch_;
};

class RemoteSecrets final : public driver::SecretOps {
  public:
    explicit RemoteSecrets(Channel& ch) : ch_(ch) {}

    Result<std::vector<SecretRef>> listAll(unsigned flags) override;
    Result<int> numOfSecrets() override;
    Result<std::vector<std::string>> listSecrets(int max) override;
    Result<SecretRef> lookupByUuid(const Uuid& uuid) override;
    Result<SecretRef> lookupByUsage(int usage_type, const std::string& usage_id) override;
    Result<SecretRef> defineXml(const std::string& xml, unsigned flags) override;
    Result<std::string> getXmlDesc(const SecretRef& secret, unsigned flags) override;
    Status setValue(const SecretRef& secret, const std::string& value, unsigned flags) override;
    Result<std::string> getValue(const SecretRef& secret, unsigned flags, bool internal) override;
    Status undefine(const SecretRef& secret) override;

  private:
    Channel& ch_;
};

class RemoteInterfaces final : public driver::InterfaceOps {
  public:
    explicit RemoteInterfaces(Channel& ch) : ch_(ch) {}

    Result<std::vector<InterfaceRef>> listAll(unsigned flags) override;
    Result<int> numOfInterfaces() override;
    Result<std::vector<std::string>> listInterfaces(int max) override;
    Result<int> numOfDefinedInterfaces() override;
    Result<std::vector<std::string>> listDefinedInterfaces(int max) override;
    Result<InterfaceRef> lookupByName(const std::string& name) override;
    Result<InterfaceRef> lookupByMac(const std::string& mac) override;
    Result<std::string> getXmlDesc(const InterfaceRef& iface, unsigned flags) override;
    Result<InterfaceRef> defineXml(const std::string& xml, unsigned flags) override;
    Status undefine(const InterfaceRef& iface) override;
    Status create(const InterfaceRef& iface, unsigned flags) override;
    Status destroy(const InterfaceRef& iface, unsigned flags) override;
    Result<bool> isActive(const InterfaceRef& iface) override;
    Status changeBegin(unsigned flags) override;
    Status changeCommit(unsigned flags) override;
    Status changeRollback(unsigned flags) override;

  private:
    Channel& ch_;
};

}  // namespace nodevirt::remote
