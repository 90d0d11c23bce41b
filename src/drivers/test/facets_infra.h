// Test-driver facets for the host-side objects: virtual networks (networks.cc), storage pools
// and volumes (storage.cc, storage_volumes.cc), node devices (node_devices.cc), secrets
// (secrets.cc) and host interfaces (interfaces.cc).
#pragma once

#include "driver/connection.h"
#include "drivers/test/test_context.h"

namespace nodevirt::drivers::test {

using namespace nodevirt::driver;  // NOLINT: facet signatures use the driver's types

class TestNetworks : public NetworkOps {
public:
    explicit TestNetworks(TestContext& ctx) : ctx_(ctx) {}
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

private:
    TestContext& ctx_;
};

class TestStorage : public StorageOps {
public:
    explicit TestStorage(TestContext& ctx) : ctx_(ctx) {}
    // storage.cc: pools
    Result<std::vector<StoragePoolRef>> listAllPools(unsigned flags) override;
    Result<int> numOfPools() override;
    Result<std::vector<std::string>> listPools(int max) override;
    Result<int> numOfDefinedPools() override;
    Result<std::vector<std::string>> listDefinedPools(int max) override;
    Result<std::string> findPoolSources(const std::string& type, const std::optional<std::string>& spec,
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

    // storage_volumes.cc
    Result<int> numOfVolumes(const StoragePoolRef& pool) override;
    Result<std::vector<std::string>> listVolumes(const StoragePoolRef& pool, int max) override;
    Result<std::vector<StorageVolRef>> listAllVolumes(const StoragePoolRef& pool, unsigned flags) override;
    Result<StorageVolRef> lookupVolByName(const StoragePoolRef& pool, const std::string& name) override;
    Result<StorageVolRef> lookupVolByKey(const std::string& key) override;
    Result<StorageVolRef> lookupVolByPath(const std::string& path) override;
    Result<StorageVolRef> createVolXml(const StoragePoolRef& pool, const std::string& xml,
                                       unsigned flags) override;
    Result<StorageVolRef> createVolXmlFrom(const StoragePoolRef& pool, const std::string& xml,
                                           const StorageVolRef& clone_from, unsigned flags) override;
    Status deleteVol(const StorageVolRef& vol, unsigned flags) override;
    Status wipeVol(const StorageVolRef& vol, unsigned algorithm, unsigned flags) override;
    Status resizeVol(const StorageVolRef& vol, uint64_t capacity, unsigned flags) override;
    Result<StorageVolInfo> getVolInfo(const StorageVolRef& vol, unsigned flags) override;
    Result<std::string> getVolXmlDesc(const StorageVolRef& vol, unsigned flags) override;
    Result<std::string> getVolPath(const StorageVolRef& vol) override;
    Result<DataStreamPtr> downloadVol(const StorageVolRef& vol, uint64_t offset, uint64_t length,
                                      unsigned flags) override;
    Result<DataStreamPtr> uploadVol(const StorageVolRef& vol, uint64_t offset, uint64_t length,
                                    unsigned flags) override;

private:
    TestContext& ctx_;
};

class TestNodeDevices : public NodeDeviceOps {
public:
    explicit TestNodeDevices(TestContext& ctx) : ctx_(ctx) {}
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
    Result<bool> isActive(const NodeDeviceRef& dev) override;
    Result<bool> isPersistent(const NodeDeviceRef& dev) override;

private:
    TestContext& ctx_;
};

class TestSecrets : public SecretOps {
public:
    explicit TestSecrets(TestContext& ctx) : ctx_(ctx) {}
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
    TestContext& ctx_;
};

class TestInterfaces : public InterfaceOps {
public:
    explicit TestInterfaces(TestContext& ctx) : ctx_(ctx) {}
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
    TestContext& ctx_;
};

}  // namespace nodevirt::drivers::test
