// Where a device sits on its guest bus (<address type='pci' .../> and friends) plus the
// per-device info libvirt prints around it: boot order, user alias, ACPI index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "conf/domain/format_context.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

struct PciAddress {
    uint32_t domain = 0;
    uint32_t bus = 0;
    uint32_t slot = 0;
    uint32_t function = 0;
    std::optional<bool> multifunction;  // on/off
    friend bool operator==(const PciAddress&, const PciAddress&) = default;
};
struct DriveAddress {
    uint32_t controller = 0;
    uint32_t bus = 0;
    uint32_t target = 0;
    uint32_t unit = 0;
    friend bool operator==(const DriveAddress&, const DriveAddress&) = default;
};
struct VirtioSerialAddress {
    uint32_t controller = 0;
    uint32_t bus = 0;
    uint32_t port = 0;
    friend bool operator==(const VirtioSerialAddress&, const VirtioSerialAddress&) = default;
};
struct CcidAddress {
    uint32_t controller = 0;
    uint32_t slot = 0;
    friend bool operator==(const CcidAddress&, const CcidAddress&) = default;
};
struct UsbAddress {
    uint32_t bus = 0;
    std::string port;  // "1" or a hub path "1.2.3"; empty when not given
    friend bool operator==(const UsbAddress&, const UsbAddress&) = default;
};
struct SpaprVioAddress {
    std::optional<uint64_t> reg;
    friend bool operator==(const SpaprVioAddress&, const SpaprVioAddress&) = default;
};
struct CcwAddress {
    uint32_t cssid = 0;
    uint32_t ssid = 0;
    uint32_t devno = 0;
    friend bool operator==(const CcwAddress&, const CcwAddress&) = default;
};
struct IsaAddress {
    uint32_t iobase = 0;
    uint32_t irq = 0;
    friend bool operator==(const IsaAddress&, const IsaAddress&) = default;
};
struct DimmAddress {
    uint32_t slot = 0;
    uint64_t base = 0;
    friend bool operator==(const DimmAddress&, const DimmAddress&) = default;
};
// Address types that carry no fields.
enum class BareAddress : uint8_t { kVirtioS390, kVirtioMmio, kUnassigned };

using DeviceAddress =
    std::variant<std::monostate, PciAddress, DriveAddress, VirtioSerialAddress, CcidAddress,
                 UsbAddress, SpaprVioAddress, CcwAddress, IsaAddress, DimmAddress, BareAddress>;

// <rom> of PCI devices.
struct RomInfo {
    std::optional<bool> enabled;  // yes/no
    std::optional<bool> bar;      // on/off
    std::optional<std::string> file;
    friend bool operator==(const RomInfo&, const RomInfo&) = default;
};

// Per-device information shared by every device class.
struct DeviceInfo {
    DeviceAddress address;
    std::optional<std::string> alias;  // user aliases only ("ua-…") survive an inactive parse
    std::optional<uint32_t> boot_order;
    std::optional<uint32_t> acpi_index;
    std::optional<uint32_t> master_startport;  // USB companion controllers
    std::optional<RomInfo> rom;
    friend bool operator==(const DeviceInfo&, const DeviceInfo&) = default;

    [[nodiscard]] bool hasAddress() const { return address.index() != 0; }
    [[nodiscard]] const PciAddress* pci() const { return std::get_if<PciAddress>(&address); }
    [[nodiscard]] const DriveAddress* drive() const { return std::get_if<DriveAddress>(&address); }
};

// Parses <address> from `parent` into `info.address` (absent element: left empty).
Status parseDeviceAddress(Elem& parent, DeviceAddress& address);
// Parses <address>, <alias>, <acpi>, <master>, <rom>, and, when `allow_boot`, <boot order=…/>.
Status parseDeviceInfo(Elem& parent, DeviceInfo& info, bool allow_boot);

void formatDeviceAddress(xml::Writer& w, const DeviceAddress& address);
// Writes boot, alias, master, rom, acpi, address in libvirt's order.
void formatDeviceInfo(xml::Writer& w, const DeviceInfo& info, const FormatCtx& fc);

}  // namespace nodevirt::conf
