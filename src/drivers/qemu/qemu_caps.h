// QemuCaps: what one QEMU binary can do, as learned by probing it over QMP (version,
// commands and their arguments, events, machine types, CPU models, KVM, device types and
// properties). A plain value: built by the probe, stored in the cache file, queried by the
// driver when it builds a command line.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/qemu/qmp_client.h"
#include "util/result.h"

namespace nodevirt::qemu {

struct QemuVersion {
    int major = 0;
    int minor = 0;
    int micro = 0;
    std::string package;

    // libvirt's numbering: 7.2.22 -> 7002022.
    [[nodiscard]] unsigned number() const {
        return static_cast<unsigned>(major) * 1000000u + static_cast<unsigned>(minor) * 1000u +
               static_cast<unsigned>(micro);
    }
};

struct QemuMachine {
    std::string name;   // "pc-q35-7.2"
    std::string alias;  // "q35"; empty if none
    bool is_default = false;
    int max_cpus = 0;
    bool deprecated = false;
    bool hotpluggable_cpus = false;
    std::string default_cpu_type;  // "qemu64-x86_64-cpu"
    std::string default_ram_id;    // "pc.ram"
};

struct QemuCpuModel {
    std::string name;       // "qemu64"
    std::string type_name;  // "qemu64-x86_64-cpu"
    std::string alias_of;   // "qemu64-v1"; empty if none
    bool migration_safe = false;
    bool is_static = false;
    bool deprecated = false;
    std::vector<std::string> unavailable_features;  // with the probed accelerator
};

struct QemuCaps {
    std::string binary;  // the path that was probed
    std::string accel;   // "kvm" or "tcg": the accelerator the probe ran with
    QemuVersion version;
    std::vector<std::string> qmp_capabilities;  // from the greeting ("oob")
    std::set<std::string> commands;
    std::set<std::string> events;
    // Command -> names of its arguments (from query-qmp-schema).
    std::map<std::string, std::set<std::string>> command_arguments;
    std::vector<QemuMachine> machines;
    std::vector<QemuCpuModel> cpu_models;
    bool kvm_present = false;
    bool kvm_enabled = false;
    std::set<std::string> device_types;  // instantiable device types (qom-list-types)
    std::map<std::string, std::set<std::string>> device_properties;  // for the devices we use

    [[nodiscard]] bool hasCommand(std::string_view name) const;
    [[nodiscard]] bool hasEvent(std::string_view name) const;
    [[nodiscard]] bool hasCommandArgument(std::string_view command, std::string_view arg) const;
    // By canonical name or alias ("q35" finds pc-q35-7.2); null if unknown.
    [[nodiscard]] const QemuMachine* findMachine(std::string_view name_or_alias) const;
    [[nodiscard]] std::optional<std::string> canonicalMachine(std::string_view name_or_alias) const;
    [[nodiscard]] const QemuMachine* defaultMachine() const;
    [[nodiscard]] const QemuCpuModel* findCpuModel(std::string_view name) const;
    // KVM can run guests: the probe used it and QEMU reported it enabled.
    [[nodiscard]] bool kvmUsable() const { return accel == "kvm" && kvm_enabled; }
    [[nodiscard]] bool hasDevice(std::string_view type) const;
    // Only answers for the devices whose properties were probed (kProbedDevices).
    [[nodiscard]] bool deviceHasProperty(std::string_view type, std::string_view prop) const;

    // The cache file form, and back. fromJson() is lenient about unknown members but fails on
    // a missing or mistyped field, so a damaged cache means a new probe, never bad data.
    [[nodiscard]] Json toJson() const;
    static Result<QemuCaps> fromJson(const Json& j);
};

// Devices whose properties the probe asks for with device-list-properties.
extern const std::vector<std::string_view> kProbedDevices;

// Builders from raw QMP replies (shared by the probe and by tests).
Status parseVersion(const Json& reply, QemuCaps& caps);
Status parseCommands(const Json& reply, QemuCaps& caps);
Status parseSchema(const Json& reply, QemuCaps& caps);
Status parseMachines(const Json& reply, QemuCaps& caps);
Status parseCpuDefinitions(const Json& reply, QemuCaps& caps);
Status parseKvm(const Json& reply, QemuCaps& caps);
Status parseDeviceTypes(const Json& reply, QemuCaps& caps);
Status parseDeviceProperties(const std::string& device, const Json& reply, QemuCaps& caps);

}  // namespace nodevirt::qemu
