// <disk>: a guest block device: its source (see disk_source.h), driver options, target bus
// and name, I/O limits and flags, and its address on the guest bus.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/device_address.h"
#include "conf/domain/disk_source.h"

namespace nodevirt::conf {

enum class DiskDevice : uint8_t { kDisk, kCdrom, kFloppy, kLun };
inline constexpr auto kDiskDevices = makeEnumTable<DiskDevice>("disk", "cdrom", "floppy", "lun");

enum class DiskBus : uint8_t { kIde, kFdc, kScsi, kVirtio, kXen, kUsb, kUml, kSata, kSd };
inline constexpr auto kDiskBuses =
    makeEnumTable<DiskBus>("ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

enum class DiskCache : uint8_t { kDefault, kNone, kWritethrough, kWriteback, kDirectsync, kUnsafe };
inline constexpr auto kDiskCaches = makeEnumTable<DiskCache>("default", "none", "writethrough",
                                                             "writeback", "directsync", "unsafe");
enum class DiskErrorPolicy : uint8_t { kStop, kReport, kIgnore, kEnospace };
inline constexpr auto kDiskErrorPolicies =
    makeEnumTable<DiskErrorPolicy>("stop", "report", "ignore", "enospace");
enum class DiskIo : uint8_t { kNative, kThreads, kIoUring };
inline constexpr auto kDiskIos = makeEnumTable<DiskIo>("native", "threads", "io_uring");
enum class DiskDiscard : uint8_t { kUnmap, kIgnore };
inline constexpr auto kDiskDiscards = makeEnumTable<DiskDiscard>("unmap", "ignore");
enum class DetectZeroes : uint8_t { kOff, kOn, kUnmap };
inline constexpr auto kDetectZeroes = makeEnumTable<DetectZeroes>("off", "on", "unmap");
enum class DiskTray : uint8_t { kClosed, kOpen };
inline constexpr auto kDiskTrays = makeEnumTable<DiskTray>("closed", "open");
enum class DiskSnapshot : uint8_t { kNo, kInternal, kExternal, kManual };
inline constexpr auto kDiskSnapshots =
    makeEnumTable<DiskSnapshot>("no", "internal", "external", "manual");
enum class DiskModel : uint8_t { kVirtio, kVirtioTransitional, kVirtioNonTransitional };
inline constexpr auto kDiskModels =
    makeEnumTable<DiskModel>("virtio", "virtio-transitional", "virtio-non-transitional");

struct DiskDriver {
    std::optional<std::string> name;
    std::optional<std::string> type;
    std::optional<DiskCache> cache;
    std::optional<DiskErrorPolicy> error_policy;
    std::optional<DiskErrorPolicy> rerror_policy;
    std::optional<DiskIo> io;
    std::optional<bool> ioeventfd;     // on/off
    std::optional<bool> event_idx;     // on/off
    std::optional<bool> copy_on_read;  // on/off
    std::optional<DiskDiscard> discard;
    std::optional<uint32_t> iothread;
    std::optional<DetectZeroes> detect_zeroes;
    std::optional<uint32_t> queues;
    friend bool operator==(const DiskDriver&, const DiskDriver&) = default;
};

// <iotune> limits, in libvirt's print order.
enum class IoTuneField : uint8_t {
    kTotalBytesSec,
    kReadBytesSec,
    kWriteBytesSec,
    kTotalIopsSec,
    kReadIopsSec,
    kWriteIopsSec,
    kTotalBytesSecMax,
    kReadBytesSecMax,
    kWriteBytesSecMax,
    kTotalIopsSecMax,
    kReadIopsSecMax,
    kWriteIopsSecMax,
    kSizeIopsSec,
    kTotalBytesSecMaxLength,
    kReadBytesSecMaxLength,
    kWriteBytesSecMaxLength,
    kTotalIopsSecMaxLength,
    kReadIopsSecMaxLength,
    kWriteIopsSecMaxLength,
    kCount
};
inline constexpr auto kIoTuneFields = makeEnumTable<IoTuneField>(
    "total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec",
    "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
    "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "size_iops_sec",
    "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
    "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length");

struct DiskIoTune {
    std::array<uint64_t, static_cast<size_t>(IoTuneField::kCount)> values{};  // 0 = not set
    std::optional<std::string> group_name;
    friend bool operator==(const DiskIoTune&, const DiskIoTune&) = default;
};

struct DiskEncryption {
    std::string format;
    std::vector<SecretRef> secrets;
    friend bool operator==(const DiskEncryption&, const DiskEncryption&) = default;
};

struct DiskGeometry {
    uint32_t cyls = 0;
    uint32_t heads = 0;
    uint32_t secs = 0;
    std::optional<std::string> trans;
    friend bool operator==(const DiskGeometry&, const DiskGeometry&) = default;
};

struct DiskBlockIo {
    std::optional<uint32_t> logical_block_size;
    std::optional<uint32_t> physical_block_size;
    friend bool operator==(const DiskBlockIo&, const DiskBlockIo&) = default;
};

// Options few disks use.
struct DiskExtra {
    std::optional<DiskModel> model;
    std::optional<bool> rawio;  // yes/no
    std::optional<DiskSnapshot> snapshot;
    std::optional<DiskGeometry> geometry;
    std::optional<DiskBlockIo> blockio;
    std::optional<DiskIoTune> iotune;
    std::optional<uint32_t> rotation_rate;
    std::optional<std::string> wwn;
    std::optional<std::string> vendor;
    std::optional<std::string> product;
    std::optional<DiskEncryption> encryption;
    friend bool operator==(const DiskExtra&, const DiskExtra&) = default;
};

struct DiskDef {
    DiskType type = DiskType::kFile;
    DiskDevice device = DiskDevice::kDisk;
    std::optional<DiskBus> bus;  // filled by post-parse from the target name when absent
    std::optional<DiskTray> tray;
    std::optional<bool> removable;  // on/off
    bool readonly = false;
    bool shareable = false;
    bool transient = false;
    std::string dst;  // target dev
    std::optional<DiskDriver> driver;
    DiskSource source;
    Box<BackingStore> backing;
    std::optional<std::string> serial;
    Box<DiskExtra> extra;
    DeviceInfo info;
    friend bool operator==(const DiskDef&, const DiskDef&) = default;
};

Result<DiskDef> parseDisk(Elem& e);
void formatDisk(xml::Writer& w, const DiskDef& d, const FormatCtx& fc);

// libvirt's disk name index: "sda" → 0, "vdb" → 1, "hdaa" → 26; -1 when the name is not
// <known prefix><letters>[<digits>].
int diskNameToIndex(std::string_view dst);
// The bus a target name implies (hd → ide, sd → scsi, vd → virtio, xvd → xen, ubd → uml).
std::optional<DiskBus> diskBusFromName(std::string_view dst);

}  // namespace nodevirt::conf
