// <controller>: guest buses that other devices attach to (IDE, SCSI, SATA, USB, PCI,
// virtio-serial, …), with model, index and per-type options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class ControllerType : uint8_t {
    kIde,
    kFdc,
    kScsi,
    kSata,
    kVirtioSerial,
    kCcid,
    kUsb,
    kPci,
    kXenbus,
    kIsa
};
inline constexpr auto kControllerTypes = makeEnumTable<ControllerType>(
    "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus", "isa");

struct ControllerDriver {
    std::optional<uint32_t> queues;
    std::optional<uint32_t> cmd_per_lun;
    std::optional<uint32_t> max_sectors;
    std::optional<bool> ioeventfd;  // on/off
    std::optional<uint32_t> iothread;
    friend bool operator==(const ControllerDriver&, const ControllerDriver&) = default;
};

// <target> of PCI controllers.
struct PciControllerTarget {
    std::optional<uint32_t> chassis_nr;
    std::optional<uint32_t> chassis;
    std::optional<uint32_t> port;
    std::optional<uint32_t> bus_nr;
    std::optional<uint32_t> index;
    std::optional<bool> hotplug;  // on/off
    std::optional<uint32_t> numa_node;
    friend bool operator==(const PciControllerTarget&, const PciControllerTarget&) = default;
};

struct ControllerDef {
    static constexpr int32_t kIndexUnset = -1;

    ControllerType type = ControllerType::kIde;
    int32_t index = kIndexUnset;                 // assigned by post-parse when not given
    std::optional<std::string> model;            // validated against the type's model table
    std::optional<uint32_t> ports;               // usb, virtio-serial
    std::optional<uint32_t> vectors;             // virtio-serial
    std::optional<uint32_t> max_grant_frames;    // xenbus
    std::optional<uint32_t> max_event_channels;  // xenbus
    std::optional<std::string> model_name;       // pci <model name=…/>
    std::optional<ControllerDriver> driver;
    std::optional<PciControllerTarget> target;
    DeviceInfo info;
    friend bool operator==(const ControllerDef&, const ControllerDef&) = default;
};

Result<ControllerDef> parseController(Elem& e);
void formatController(xml::Writer& w, const ControllerDef& c, const FormatCtx& fc);

}  // namespace nodevirt::conf
