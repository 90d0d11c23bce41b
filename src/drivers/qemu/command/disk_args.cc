// Disks: each medium becomes two -blockdev nodes (the protocol node "libvirt-N-storage" for
// the file or block device, the format node "libvirt-N-format" for raw/qcow2), and the guest
// device (virtio-blk-pci, ide-hd/ide-cd on the PIIX3 IDE or the ICH9 AHCI, scsi-hd/scsi-cd on
// virtio-scsi) refers to the format node. An empty CD-ROM has a device and no nodes.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"
#include "drivers/qemu/command/hotplug_props.h"

namespace nodevirt::qemu::command {
namespace {

using conf::DiskBus;
using conf::DiskCache;
using conf::DiskDef;
using conf::DiskDevice;

struct CacheMode {
    bool given = false;  // an explicit cache mode (libvirt then spells out both flags)
    bool direct = false;
    bool no_flush = false;
    std::optional<bool> write_cache;
};

CacheMode cacheMode(const DiskDef& d) {
    DiskCache c = d.driver && d.driver->cache ? *d.driver->cache : DiskCache::kDefault;
    switch (c) {
        case DiskCache::kNone:
            return {true, true, false, true};
        case DiskCache::kWritethrough:
            return {true, false, false, false};
        case DiskCache::kWriteback:
            return {true, false, false, true};
        case DiskCache::kDirectsync:
            return {true, true, false, false};
        case DiskCache::kUnsafe:
            return {true, false, true, true};
        case DiskCache::kDefault:
            break;
    }
    return {};
}

void addCache(const CacheMode& m, OrderedJson& node) {
    if (m.given) node["cache"] = {{"direct", m.direct}, {"no-flush", m.no_flush}};
}

Status checkDisk(const DiskDef& d) {
    std::string_view dst = d.dst;
    if (d.type != conf::DiskType::kFile && d.type != conf::DiskType::kBlock)
        return fail(unsupported(fmt::format("disk '{}': disk type '{}' is not supported", dst,
                                            conf::kDiskTypes.name(d.type))));
    if (d.device == DiskDevice::kFloppy || d.device == DiskDevice::kLun)
        return fail(unsupported(fmt::format("disk '{}': device '{}' is not supported", dst,
                                            conf::kDiskDevices.name(d.device))));
    if (!d.bus) return fail(unsupported(fmt::format("disk '{}' has no bus", dst)));
    if (d.source.extra && (d.source.extra->protocol || d.source.extra->pool))
        return fail(
            unsupported(fmt::format("disk '{}': network and pool sources are not "
                                    "supported",
                                    dst)));
    if (!d.source.path && d.device != DiskDevice::kCdrom)
        return fail(unsupported(fmt::format("disk '{}' has no source", dst)));
    if (d.backing && !d.backing->terminated)
        return fail(unsupported(
            fmt::format("disk '{}': an explicit backing chain is not supported yet", dst)));
    if (d.driver && d.driver->name && *d.driver->name != "qemu")
        return fail(unsupported(
            fmt::format("disk '{}': driver name '{}' is not supported", dst, *d.driver->name)));
    return ok();
}

Result<std::string> formatDriver(const DiskDef& d) {
    std::string type = d.driver && d.driver->type ? *d.driver->type : "raw";
    if (type == "iso") type = "raw";
    if (type != "raw" && type != "qcow2")
        return fail(unsupported(
            fmt::format("disk '{}': format '{}' is not supported (raw or qcow2)", d.dst, type)));
    return type;
}

Status addBlockdevs(BuildState& s, const DiskDef& d, const std::string& node) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string format, formatDriver(d));
    CacheMode cache = cacheMode(d);
    bool readonly = d.readonly || d.device == DiskDevice::kCdrom;
    OrderedJson storage;
    storage["driver"] = d.type == conf::DiskType::kBlock ? "host_device" : "file";
    storage["filename"] = *d.source.path;
    storage["node-name"] = node + "-storage";
    addCache(cache, storage);
    storage["auto-read-only"] = true;
    // The protocol node always passes discards on; the guest-visible choice is the format
    // node's (libvirt does the same).
    storage["discard"] = "unmap";
    s.addJson("-blockdev", storage);
    OrderedJson fmt_node;
    fmt_node["node-name"] = node + "-format";
    fmt_node["read-only"] = readonly;
    if (d.driver && d.driver->discard == conf::DiskDiscard::kUnmap) fmt_node["discard"] = "unmap";
    addCache(cache, fmt_node);
    fmt_node["driver"] = format;
    fmt_node["file"] = node + "-storage";
    s.addJson("-blockdev", fmt_node);
    return ok();
}

Status placeOnBus(const BuildState& s, const DiskDef& d, OrderedJson& dev) {
    const conf::DriveAddress* a = d.info.drive();
    bool cd = d.device == DiskDevice::kCdrom;
    switch (*d.bus) {
        case DiskBus::kVirtio:
            if (cd)
                return fail(
                    unsupported(fmt::format("disk '{}': a CD-ROM cannot use the "
                                            "virtio bus",
                                            d.dst)));
            dev["driver"] = "virtio-blk-pci";
            addPciAddress(s, d.info, dev);
            return ok();
        case DiskBus::kIde:
            if (s.q35)
                return fail(unsupported(fmt::format(
                    "disk '{}': the q35 machine type has no IDE bus (use bus='sata')", d.dst)));
            if (!a || a->controller != 0 || a->bus > 1 || a->unit > 1)
                return fail(unsupported(
                    fmt::format("disk '{}' needs an IDE address on controller 0", d.dst)));
            dev["driver"] = cd ? "ide-cd" : "ide-hd";
            dev["bus"] = fmt::format("ide.{}", a->bus);
            dev["unit"] = a->unit;
            return ok();
        case DiskBus::kSata:
            if (!s.q35)
                return fail(unsupported(fmt::format(
                    "disk '{}': bus 'sata' needs the q35 machine type (use bus='ide')", d.dst)));
            if (!a || a->bus != 0 || a->unit > 5)
                return fail(unsupported(fmt::format("disk '{}' needs a SATA port 0-5", d.dst)));
            dev["driver"] = cd ? "ide-cd" : "ide-hd";
            dev["bus"] = a->controller == 0 ? fmt::format("ide.{}", a->unit)
                                            : fmt::format("sata{}.{}", a->controller, a->unit);
            return ok();
        case DiskBus::kScsi:
            if (!a) return fail(unsupported(fmt::format("disk '{}' needs a SCSI address", d.dst)));
            dev["driver"] = cd ? "scsi-cd" : "scsi-hd";
            dev["bus"] = fmt::format("scsi{}.0", a->controller);
            dev["channel"] = a->bus;
            dev["scsi-id"] = a->target;
            dev["lun"] = a->unit;
            dev["device_id"] =
                fmt::format("drive-scsi{}-{}-{}-{}", a->controller, a->bus, a->target, a->unit);
            return ok();
        default:
            return fail(unsupported(fmt::format("disk '{}': disk bus '{}' is not supported", d.dst,
                                                conf::kDiskBuses.name(*d.bus))));
    }
}

}  // namespace

Status addOneDisk(BuildState& s, const DiskDef& d, const std::string& node, uint32_t bootindex) {
    NODEVIRT_TRY(checkDisk(d));
    bool has_media = d.source.path.has_value();
    if (d.readonly && d.device == DiskDevice::kDisk &&
        (d.bus == DiskBus::kIde || d.bus == DiskBus::kSata))
        return fail(unsupported(
            fmt::format("disk '{}': read-only IDE/SATA hard disks are not supported", d.dst)));
    if (has_media) NODEVIRT_TRY(addBlockdevs(s, d, node));
    OrderedJson dev;
    NODEVIRT_TRY(placeOnBus(s, d, dev));
    if (has_media) dev["drive"] = node + "-format";
    dev["id"] = d.info.alias.value_or(d.dst);
    if (bootindex) dev["bootindex"] = bootindex;
    CacheMode cache = cacheMode(d);
    if (has_media && cache.write_cache) dev["write-cache"] = *cache.write_cache ? "on" : "off";
    if (d.serial) dev["serial"] = *d.serial;
    s.addJson("-device", dev);
    return ok();
}

Status addDiskArgs(BuildState& s, const BootIndexes& boot) {
    const auto& disks = s.def.devs().disks;
    // libvirt numbers the nodes down from the number of disks: the first disk has the
    // highest, and an empty CD-ROM keeps its number unused.
    for (size_t i = 0; i < disks.size(); ++i) {
        std::string node = fmt::format("libvirt-{}", disks.size() - i);
        NODEVIRT_TRY(addOneDisk(s, disks[i], node, boot.disks[i]));
    }
    return ok();
}

}  // namespace nodevirt::qemu::command

namespace nodevirt::qemu {

Result<DiskHotplugProps> diskHotplugProps(const conf::DomainDef& def, const conf::DiskDef& disk,
                                          const std::string& node) {
    // The disk's options are built exactly as for the command line, into a scratch argv.
    LaunchContext ctx;
    std::vector<std::string> argv;
    std::vector<std::string> links_down;
    command::BuildState s{def, ctx, command::isQ35Machine(def.os.machine), argv, links_down};
    NODEVIRT_TRY(command::addOneDisk(s, disk, disk.source.path ? node : std::string(), 0));
    DiskHotplugProps out;
    for (size_t i = 0; i + 1 < argv.size(); i += 2) {
        nlohmann::json value = nlohmann::json::parse(argv[i + 1]);
        if (argv[i] == "-blockdev") out.blockdevs.push_back(std::move(value));
        else out.device = std::move(value);
    }
    return out;
}

Status completeHotplugDefinition(conf::DomainDef& def) {
    command::assignAliases(def);
    return command::assignPciAddresses(def, command::isQ35Machine(def.os.machine));
}

}  // namespace nodevirt::qemu
