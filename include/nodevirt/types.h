// Public value types shared by the client API and the drivers: info structs and typed
// parameters. Units follow libvirt's API (memory in KiB, cpu time in ns) because the same
// values travel unchanged over libvirt's wire protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nodevirt {

// virDomainState
enum class DomainState : int {
    kNoState = 0,
    kRunning = 1,
    kBlocked = 2,
    kPaused = 3,
    kShutdown = 4,
    kShutoff = 5,
    kCrashed = 6,
    kPmSuspended = 7,
};

struct DomainStateReason {
    DomainState state = DomainState::kNoState;
    int reason = 0;  // virDomain<State>Reason value for `state`
};

struct DomainInfo {
    DomainState state = DomainState::kNoState;
    uint64_t max_mem_kib = 0;
    uint64_t memory_kib = 0;
    uint32_t nr_virt_cpu = 0;
    uint64_t cpu_time_ns = 0;
};

struct NodeInfo {
    std::string model;  // at most 31 characters on the wire
    uint64_t memory_kib = 0;
    uint32_t cpus = 0;
    uint32_t mhz = 0;
    uint32_t nodes = 0;
    uint32_t sockets = 0;
    uint32_t cores = 0;
    uint32_t threads = 0;
};

struct SecurityModel {
    std::string model;
    std::string doi;
};

struct SecurityLabel {
    std::string label;
    bool enforcing = false;
};

struct VcpuInfo {
    uint32_t number = 0;
    int state = 0;  // virVcpuState
    uint64_t cpu_time_ns = 0;
    int cpu = -1;
};

struct BlockStats {
    int64_t rd_req = -1, rd_bytes = -1, wr_req = -1, wr_bytes = -1, errs = -1;
};

struct InterfaceStats {
    int64_t rx_bytes = -1, rx_packets = -1, rx_errs = -1, rx_drop = -1;
    int64_t tx_bytes = -1, tx_packets = -1, tx_errs = -1, tx_drop = -1;
};

struct MemoryStat {
    int tag = 0;  // virDomainMemoryStatTags
    uint64_t value = 0;
};

struct BlockInfo {
    uint64_t capacity = 0, allocation = 0, physical = 0;
};

struct StoragePoolInfo {
    int state = 0;  // virStoragePoolState
    uint64_t capacity = 0, allocation = 0, available = 0;
};

struct StorageVolInfo {
    int type = 0;  // virStorageVolType
    uint64_t capacity = 0, allocation = 0;
};

struct NetworkDhcpLease {
    std::string iface;
    int64_t expiry_time = 0;
    int type = 0;  // virIPAddrType
    std::optional<std::string> mac, iaid;
    std::string ipaddr;
    unsigned prefix = 0;
    std::optional<std::string> hostname, clientid;
};

struct DomainInterfaceAddress {
    int type = 0;
    std::string addr;
    unsigned prefix = 0;
};
struct DomainInterface {
    std::string name;
    std::optional<std::string> hwaddr;
    std::vector<DomainInterfaceAddress> addrs;
};

struct JobInfo {
    int type = 0;  // virDomainJobType
    uint64_t time_elapsed = 0, time_remaining = 0;
    uint64_t data_total = 0, data_processed = 0, data_remaining = 0;
    uint64_t mem_total = 0, mem_processed = 0, mem_remaining = 0;
    uint64_t file_total = 0, file_processed = 0, file_remaining = 0;
};

// virTypedParameterType
enum class TypedParamType : int {
    kInt = 1,
    kUint = 2,
    kLlong = 3,
    kUllong = 4,
    kDouble = 5,
    kBoolean = 6,
    kString = 7,
};

// A named, typed value (scheduler/memory/block parameters, stats, migration params).
// The variant's alternative order matches TypedParamType - 1.
struct TypedParam {
    std::string field;
    std::variant<int32_t, uint32_t, int64_t, uint64_t, double, bool, std::string> value;

    [[nodiscard]] TypedParamType type() const { return static_cast<TypedParamType>(value.index() + 1); }
};
using TypedParams = std::vector<TypedParam>;

}  // namespace nodevirt
