// nodevirt::Connection: an open connection to one hypervisor driver on one node, in-process
// (test:///default) or through a daemon (qemu:///system, test+unix:///default?socket=S).
// A Connection is a cheap copyable handle; copies and every object handle obtained from it
// share one state, which lives until the last of them is gone. All methods are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nodevirt/domain.h"
#include "nodevirt/events.h"
#include "nodevirt/fwd.h"
#include "nodevirt/interface.h"
#include "nodevirt/network.h"
#include "nodevirt/node_device.h"
#include "nodevirt/result.h"
#include "nodevirt/secret.h"
#include "nodevirt/storage.h"
#include "nodevirt/types.h"
#include "nodevirt/uuid.h"

namespace nodevirt {

// Flags of Connection::open; values equal virConnectFlags.
enum class OpenFlags : unsigned {
    kNone = 0,
    kReadOnly = 1,  // VIR_CONNECT_RO: every mutating call fails with VIR_ERR_OPERATION_DENIED
};
constexpr OpenFlags operator|(OpenFlags a, OpenFlags b) {
    return static_cast<OpenFlags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool hasFlag(OpenFlags set, OpenFlags f) {
    return (static_cast<unsigned>(set) & static_cast<unsigned>(f)) != 0;
}

class Connection {
  public:
    Connection() = default;  // not connected; every call fails with VIR_ERR_INVALID_CONN

    // Opens `uri`. An empty uri means $NODEVIRT_DEFAULT_URI, else $LIBVIRT_DEFAULT_URI, else
    // libvirt's default (qemu:///system for root, qemu:///session otherwise).
    static Result<Connection> open(std::string_view uri, OpenFlags flags = OpenFlags::kNone);
    static Result<Connection> openReadOnly(std::string_view uri) {
        return open(uri, OpenFlags::kReadOnly);
    }

    // Drops this handle's reference (virConnectClose). The driver connection closes when the
    // last Connection and object handle sharing it is gone. This handle becomes invalid.
    void close();
    [[nodiscard]] bool isValid() const { return state_ != nullptr; }
    explicit operator bool() const { return isValid(); }
    [[nodiscard]] bool isReadOnly() const;

    // --- connection and node (virConnect* / virNode*)
    [[nodiscard]] Result<std::string> type() const;
    [[nodiscard]] Result<uint64_t> version() const;  // major * 1,000,000 + minor * 1,000 + micro
    [[nodiscard]] Result<uint64_t> libVersion() const;
    [[nodiscard]] Result<std::string> hostname() const;
    [[nodiscard]] Result<std::string> uri() const;
    [[nodiscard]] Result<std::string> sysinfo(unsigned flags = 0) const;
    [[nodiscard]] Result<int> maxVcpus(const std::optional<std::string>& type = std::nullopt) const;
    [[nodiscard]] Result<std::string> capabilities() const;
    [[nodiscard]] Result<std::string> domainCapabilities(const std::optional<std::string>& emulator,
                                                         const std::optional<std::string>& arch,
                                                         const std::optional<std::string>& machine,
                                                         const std::optional<std::string>& virttype,
                                                         unsigned flags = 0) const;
    [[nodiscard]] Result<NodeInfo> nodeInfo() const;
    [[nodiscard]] Result<uint64_t> nodeFreeMemory() const;  // bytes
    [[nodiscard]] Result<std::vector<uint64_t>> nodeCellsFreeMemory(int start_cell,
                                                                    int max_cells) const;
    [[nodiscard]] Result<TypedParams> nodeCpuStats(int cpu, unsigned flags = 0) const;
    [[nodiscard]] Result<TypedParams> nodeMemoryStats(int cell, unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<bool>> nodeCpuMap(unsigned flags = 0) const;
    [[nodiscard]] Result<SecurityModel> nodeSecurityModel() const;
    [[nodiscard]] Result<bool> isSecure() const;
    [[nodiscard]] Result<bool> isEncrypted() const;
    [[nodiscard]] Result<int> compareCpu(const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> baselineCpu(const std::vector<std::string>& xml_cpus,
                                                  unsigned flags = 0) const;

    // --- domains
    [[nodiscard]] Result<std::vector<Domain>> listAllDomains(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numOfDomains() const;
    [[nodiscard]] Result<std::vector<int>> listDomainIds(int max) const;
    [[nodiscard]] Result<int> numOfDefinedDomains() const;
    [[nodiscard]] Result<std::vector<std::string>> listDefinedDomains(int max) const;
    [[nodiscard]] Result<Domain> lookupDomainById(int id) const;
    [[nodiscard]] Result<Domain> lookupDomainByName(const std::string& name) const;
    [[nodiscard]] Result<Domain> lookupDomainByUuid(const Uuid& uuid) const;
    [[nodiscard]] Result<Domain> lookupDomainByUuidString(std::string_view uuid) const;
    [[nodiscard]] Result<Domain> defineDomainXml(const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Result<Domain> createDomainXml(const std::string& xml, unsigned flags = 0) const;
    [[nodiscard]] Status restoreDomain(const std::string& path,
                                       const std::optional<std::string>& dxml = std::nullopt,
                                       unsigned flags = 0) const;
    [[nodiscard]] Result<std::string> saveImageXmlDesc(const std::string& path,
                                                       unsigned flags = 0) const;
    [[nodiscard]] Status saveImageDefineXml(const std::string& path, const std::string& xml,
                                            unsigned flags = 0) const;
    // Bulk statistics: `stats` is a mask of lv::kDomainStatsXxx; flags filter domains.
    [[nodiscard]] Result<std::vector<DomainStatsRecord>> getAllDomainStats(
        unsigned stats, unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<DomainStatsRecord>> domainListGetStats(
        const std::vector<Domain>& domains, unsigned stats, unsigned flags = 0) const;

    // --- networks
    [[nodiscard]] Result<std::vector<Network>> listAllNetworks(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numOfNetworks() const;
    [[nodiscard]] Result<std::vector<std::string>> listNetworks(int max) const;
    [[nodiscard]] Result<int> numOfDefinedNetworks() const;
    [[nodiscard]] Result<std::vector<std::string>> listDefinedNetworks(int max) const;
    [[nodiscard]] Result<Network> lookupNetworkByName(const std::string& name) const;
    [[nodiscard]] Result<Network> lookupNetworkByUuid(const Uuid& uuid) const;
    [[nodiscard]] Result<Network> lookupNetworkByUuidString(std::string_view uuid) const;
    [[nodiscard]] Result<Network> defineNetworkXml(const std::string& xml,
                                                   unsigned flags = 0) const;
    [[nodiscard]] Result<Network> createNetworkXml(const std::string& xml,
                                                   unsigned flags = 0) const;

    // --- storage
    [[nodiscard]] Result<std::vector<StoragePool>> listAllStoragePools(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numOfStoragePools() const;
    [[nodiscard]] Result<std::vector<std::string>> listStoragePools(int max) const;
    [[nodiscard]] Result<int> numOfDefinedStoragePools() const;
    [[nodiscard]] Result<std::vector<std::string>> listDefinedStoragePools(int max) const;
    [[nodiscard]] Result<std::string> findStoragePoolSources(
        const std::string& type, const std::optional<std::string>& spec = std::nullopt,
        unsigned flags = 0) const;
    [[nodiscard]] Result<StoragePool> lookupStoragePoolByName(const std::string& name) const;
    [[nodiscard]] Result<StoragePool> lookupStoragePoolByUuid(const Uuid& uuid) const;
    [[nodiscard]] Result<StoragePool> lookupStoragePoolByUuidString(std::string_view uuid) const;
    [[nodiscard]] Result<StoragePool> lookupStoragePoolByTargetPath(const std::string& path) const;
    [[nodiscard]] Result<StoragePool> defineStoragePoolXml(const std::string& xml,
                                                           unsigned flags = 0) const;
    [[nodiscard]] Result<StoragePool> createStoragePoolXml(const std::string& xml,
                                                           unsigned flags = 0) const;
    [[nodiscard]] Result<StorageVolume> lookupStorageVolumeByKey(const std::string& key) const;
    [[nodiscard]] Result<StorageVolume> lookupStorageVolumeByPath(const std::string& path) const;

    // --- node devices
    [[nodiscard]] Result<std::vector<NodeDevice>> listAllNodeDevices(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numOfNodeDevices(const std::optional<std::string>& cap = std::nullopt,
                                               unsigned flags = 0) const;
    [[nodiscard]] Result<std::vector<std::string>> listNodeDevices(
        const std::optional<std::string>& cap, int max, unsigned flags = 0) const;
    [[nodiscard]] Result<NodeDevice> lookupNodeDeviceByName(const std::string& name) const;
    [[nodiscard]] Result<NodeDevice> lookupScsiHostByWwn(const std::string& wwnn,
                                                         const std::string& wwpn,
                                                         unsigned flags = 0) const;
    [[nodiscard]] Result<NodeDevice> createNodeDeviceXml(const std::string& xml,
                                                         unsigned flags = 0) const;
    [[nodiscard]] Result<NodeDevice> defineNodeDeviceXml(const std::string& xml,
                                                         unsigned flags = 0) const;

    // --- secrets
    [[nodiscard]] Result<std::vector<Secret>> listAllSecrets(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numOfSecrets() const;
    [[nodiscard]] Result<std::vector<std::string>> listSecrets(int max) const;
    [[nodiscard]] Result<Secret> lookupSecretByUuid(const Uuid& uuid) const;
    [[nodiscard]] Result<Secret> lookupSecretByUuidString(std::string_view uuid) const;
    [[nodiscard]] Result<Secret> lookupSecretByUsage(int usage_type,
                                                     const std::string& usage_id) const;
    [[nodiscard]] Result<Secret> defineSecretXml(const std::string& xml, unsigned flags = 0) const;

    // --- host interfaces
    [[nodiscard]] Result<std::vector<Interface>> listAllInterfaces(unsigned flags = 0) const;
    [[nodiscard]] Result<int> numOfInterfaces() const;
    [[nodiscard]] Result<std::vector<std::string>> listInterfaces(int max) const;
    [[nodiscard]] Result<int> numOfDefinedInterfaces() const;
    [[nodiscard]] Result<std::vector<std::string>> listDefinedInterfaces(int max) const;
    [[nodiscard]] Result<Interface> lookupInterfaceByName(const std::string& name) const;
    [[nodiscard]] Result<Interface> lookupInterfaceByMac(const std::string& mac) const;
    [[nodiscard]] Result<Interface> defineInterfaceXml(const std::string& xml,
                                                       unsigned flags = 0) const;
    [[nodiscard]] Status interfaceChangeBegin(unsigned flags = 0) const;
    [[nodiscard]] Status interfaceChangeCommit(unsigned flags = 0) const;
    [[nodiscard]] Status interfaceChangeRollback(unsigned flags = 0) const;

    // --- events: each register returns a callback id unique within this connection. After
    // deregister returns, the callback is not running and will not be called again (unless
    // deregister is called from that callback itself, which is allowed).
    [[nodiscard]] Result<int> registerDomainEvent(int event_id, const std::optional<Domain>& domain,
                                                  DomainEventCallback cb) const;
    [[nodiscard]] Status deregisterDomainEvent(int callback_id) const;
    [[nodiscard]] Result<int> registerNetworkEvent(int event_id,
                                                   const std::optional<Network>& network,
                                                   NetworkEventCallback cb) const;
    [[nodiscard]] Status deregisterNetworkEvent(int callback_id) const;
    [[nodiscard]] Result<int> registerStoragePoolEvent(int event_id,
                                                       const std::optional<StoragePool>& pool,
                                                       StoragePoolEventCallback cb) const;
    [[nodiscard]] Status deregisterStoragePoolEvent(int callback_id) const;
    [[nodiscard]] Result<int> registerNodeDeviceEvent(int event_id,
                                                      const std::optional<NodeDevice>& device,
                                                      NodeDeviceEventCallback cb) const;
    [[nodiscard]] Status deregisterNodeDeviceEvent(int callback_id) const;
    [[nodiscard]] Result<int> registerSecretEvent(int event_id, const std::optional<Secret>& secret,
                                                  SecretEventCallback cb) const;
    [[nodiscard]] Status deregisterSecretEvent(int callback_id) const;
    // One close callback per connection, run on the dispatch thread when a remote connection
    // ends unexpectedly. In-process connections never close on their own.
    [[nodiscard]] Status registerCloseCallback(CloseCallback cb) const;
    [[nodiscard]] Status deregisterCloseCallback() const;

  private:
    friend struct detail::HandleAccess;
    explicit Connection(std::shared_ptr<detail::ConnectionState> state)
        : state_(std::move(state)) {}
    std::shared_ptr<detail::ConnectionState> state_;
};

}  // namespace nodevirt
