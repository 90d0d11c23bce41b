// Types that cross the driver boundary: object references as clients name them (the
// public info/param types come from nodevirt/types.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "nodevirt/types.h"
#include "util/uuid.h"

namespace nodevirt::driver {

// The public value types are used unchanged inside the drivers.
using nodevirt::BlockInfo;
using nodevirt::BlockStats;
using nodevirt::DomainInfo;
using nodevirt::DomainInterface;
using nodevirt::DomainInterfaceAddress;
using nodevirt::DomainState;
using nodevirt::DomainStateReason;
using nodevirt::InterfaceStats;
using nodevirt::JobInfo;
using nodevirt::MemoryStat;
using nodevirt::NetworkDhcpLease;
using nodevirt::NodeInfo;
using nodevirt::SecurityLabel;
using nodevirt::SecurityModel;
using nodevirt::StoragePoolInfo;
using nodevirt::StorageVolInfo;
using nodevirt::TypedParam;
using nodevirt::TypedParams;
using nodevirt::TypedParamType;
using nodevirt::VcpuInfo;

// References: what a client holds for an object. Drivers resolve by uuid (name for devices).
struct DomainRef {
    std::string name;
    Uuid uuid;
    int id = -1;  // -1 while inactive
};
struct NetworkRef {
    std::string name;
    Uuid uuid;
};
struct NetworkPortRef {
    NetworkRef net;
    Uuid uuid;
};
struct StoragePoolRef {
    std::string name;
    Uuid uuid;
};
struct StorageVolRef {
    std::string pool;
    std::string name;
    std::string key;
};
struct NodeDeviceRef {
    std::string name;
};
struct SecretRef {
    Uuid uuid;
    int usage_type = 0;
    std::string usage_id;
};
struct InterfaceRef {
    std::string name;
    std::string mac;
};
struct DomainSnapshotRef {
    std::string name;
    DomainRef domain;
};

struct DomainStatsRecord {
    DomainRef dom;
    TypedParams params;
};

}  // namespace nodevirt::driver
