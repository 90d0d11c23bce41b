// TestState: everything one test "node" holds (host facts, domains, networks, storage, node
// devices, interfaces, secrets and the event bus). test:///default connections of a process
// share one TestState while any is open; each node-file connection gets its own.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/domain_obj_list.h"
#include "core/event_bus.h"
#include "core/object_list.h"
#include "driver/types.h"

namespace nodevirt::conf {
struct NetworkDef;
struct StoragePoolDef;
struct StorageVolDef;
struct NodeDeviceDef;
struct HostInterfaceDef;
struct SecretDef;
}  // namespace nodevirt::conf

namespace nodevirt::drivers::test {

// One NUMA cell of the fake host.
struct TestCell {
    uint64_t memory_kib = 0;
    uint64_t free = 0;  // summed by virNodeGetFreeMemory (libvirt reports these KiB as bytes)
    unsigned cpus = 0;
};

struct TestNode {
    NodeInfo info;
    std::vector<TestCell> cells;
    bool default_node = false;  // test:///default (built-in objects, two NUMA cells)
};

// A storage volume: definition plus its bytes (upload/download/wipe act on them).
struct TestVolume {
    std::shared_ptr<const conf::StorageVolDef> def;
    std::shared_ptr<std::string> data;  // shared with streams in flight
};

struct PoolExtra {
    std::vector<TestVolume> volumes;
};

struct NodeDeviceObj {
    std::string name;
    std::shared_ptr<const conf::NodeDeviceDef> def;
    bool active = true;
    bool persistent = false;
    bool autostart = false;
};

struct SecretObj {
    Uuid uuid;
    std::shared_ptr<const conf::SecretDef> def;
    std::optional<std::string> value;
};

class TestState {
public:
    TestState() = default;
    TestState(const TestState&) = delete;
    TestState& operator=(const TestState&) = delete;

    TestNode node;
    core::EventBus events;
    core::DomainObjList domains;
    core::ObjectList<conf::NetworkDef> networks;
    core::ObjectList<conf::StoragePoolDef, PoolExtra> pools;
    core::ObjectList<conf::HostInterfaceDef> interfaces;

    // Node devices and secrets are few and keyed differently (name / uuid + usage).
    std::mutex devices_mutex;
    std::vector<NodeDeviceObj> devices;
    std::mutex secrets_mutex;
    std::vector<SecretObj> secrets;

    // virInterfaceChangeBegin/Commit/Rollback: a saved copy of the interface list.
    std::mutex iface_txn_mutex;
    std::optional<core::ObjectList<conf::HostInterfaceDef>::Objects> iface_txn;

    // Counter used for generated names (vHBA scsi_hostN).
    std::atomic<int> next_scsi_host{12};
};

using TestStatePtr = std::shared_ptr<TestState>;

}  // namespace nodevirt::drivers::test
