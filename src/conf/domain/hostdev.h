// <hostdev>: a host PCI or USB device assigned to the guest (subsystem mode).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class HostdevType : uint8_t { kUsb, kPci };
inline constexpr auto kHostdevTypes = makeEnumTable<HostdevType>("usb", "pci");

struct HostdevDef {
    HostdevType type = HostdevType::kPci;
    bool managed = false;
    std::optional<std::string> driver_name;     // pci: kvm, vfio, xen
    PciAddress pci;                             // pci source
    std::optional<std::string> startup_policy;  // usb
    std::optional<uint32_t> vendor;             // usb
    std::optional<uint32_t> product;
    std::optional<uint32_t> usb_bus;
    std::optional<uint32_t> usb_device;
    DeviceInfo info;
    friend bool operator==(const HostdevDef&, const HostdevDef&) = default;
};

Result<HostdevDef> parseHostdev(Elem& e);
void formatHostdev(xml::Writer& w, const HostdevDef& h, const FormatCtx& fc);

}  // namespace nodevirt::conf
