// DomainDef: the value type for one <domain> document. Sections every domain has are held
// inline; rarely used ones sit in Box<> sections so that a minimal definition costs a few
// hundred bytes (the daemon keeps thousands of them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/box.h"
#include "conf/domain/clock.h"
#include "conf/domain/cpu.h"
#include "conf/domain/cpu_set.h"
#include "conf/domain/devices.h"
#include "conf/domain/features.h"
#include "conf/domain/metadata.h"
#include "conf/domain/os.h"
#include "conf/domain/seclabel.h"
#include "conf/domain/tuning.h"
#include "util/uuid.h"

namespace nodevirt::conf {

enum class VirtType : uint8_t {
    kQemu,
    kKqemu,
    kKvm,
    kXen,
    kLxc,
    kUml,
    kOpenvz,
    kTest,
    kVmware,
    kHyperv,
    kVbox,
    kPhyp,
    kParallels,
    kBhyve,
    kVz,
    kNone
};
inline constexpr auto kVirtTypes =
    makeEnumTable<VirtType>("qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
                            "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "none");

enum class LifecycleAction : uint8_t {
    kDestroy,
    kRestart,
    kRenameRestart,
    kPreserve,
    kCoredumpDestroy,
    kCoredumpRestart
};
inline constexpr auto kLifecycleActions = makeEnumTable<LifecycleAction>(
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart");

enum class LockFailureAction : uint8_t { kPoweroff, kRestart, kPause, kIgnore };
inline constexpr auto kLockFailureActions =
    makeEnumTable<LockFailureAction>("poweroff", "restart", "pause", "ignore");

enum class VcpuPlacement : uint8_t { kStatic, kAuto };
inline constexpr auto kVcpuPlacements = makeEnumTable<VcpuPlacement>("static", "auto");

struct VcpuDef {
    uint32_t max = 1;
    std::optional<uint32_t> current;
    VcpuPlacement placement = VcpuPlacement::kStatic;
    friend bool operator==(const VcpuDef&, const VcpuDef&) = default;
};

struct MaxMemoryDef {
    uint64_t kib = 0;
    uint32_t slots = 0;
    friend bool operator==(const MaxMemoryDef&, const MaxMemoryDef&) = default;
};

struct PmDef {
    std::optional<bool> suspend_to_mem;  // enabled='yes|no'
    std::optional<bool> suspend_to_disk;
    friend bool operator==(const PmDef&, const PmDef&) = default;
};

// Sections most domains never use.
struct DomainExtras {
    std::optional<Uuid> genid;
    bool genid_requested = false;  // <genid/> without a value: generated at define
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<MetadataDef> metadata;
    std::optional<MaxMemoryDef> max_memory;
    std::optional<CpuSet> vcpu_cpuset;
    BlkioTune blkiotune;
    MemTune memtune;
    IothreadsDef iothreads;
    CpuTune cputune;
    NumaTune numatune;
    ResourceDef resource;
    std::optional<std::string> bootloader;
    std::optional<std::string> bootloader_args;
    FeaturesDef features;
    std::optional<CpuDef> cpu;
    std::optional<LockFailureAction> on_lockfailure;
    PmDef pm;
    std::vector<SecLabelDef> seclabels;
    friend bool operator==(const DomainExtras&, const DomainExtras&) = default;
};

struct DomainDef {
    VirtType virt_type = VirtType::kTest;
    LifecycleAction on_poweroff = LifecycleAction::kDestroy;
    LifecycleAction on_reboot = LifecycleAction::kRestart;
    LifecycleAction on_crash = LifecycleAction::kDestroy;
    int32_t id = -1;  // live only: the running domain's id
    std::string name;
    Uuid uuid;
    uint64_t memory_kib = 0;   // <memory>: maximum initial memory
    uint64_t current_kib = 0;  // <currentMemory>
    VcpuDef vcpu;
    OsDef os;
    ClockDef clock;
    Box<DomainExtras> extras;
    Box<DeviceList> devices;
    friend bool operator==(const DomainDef&, const DomainDef&) = default;

    // Convenience accessors over the boxed sections.
    [[nodiscard]] const DeviceList& devs() const;
    DeviceList& mutDevs() { return devices.mut(); }
    [[nodiscard]] const DomainExtras& ext() const;
    DomainExtras& mutExt() { return extras.mut(); }
    [[nodiscard]] bool isHvm() const { return os.type == OsType::kHvm; }

    // Helpers used by drivers.
    [[nodiscard]] uint32_t vcpusCurrent() const { return vcpu.current.value_or(vcpu.max); }
    [[nodiscard]] const DiskDef* findDisk(std::string_view target) const;
    [[nodiscard]] std::optional<size_t> findDiskIndex(std::string_view target_or_source) const;
    [[nodiscard]] const InterfaceDef* findInterface(const MacAddress& mac) const;
    [[nodiscard]] std::optional<size_t> findInterfaceIndex(std::string_view mac_or_ifname) const;
    [[nodiscard]] const ControllerDef* findController(ControllerType type, int32_t index) const;
    [[nodiscard]] size_t deviceCount() const;
};

}  // namespace nodevirt::conf
