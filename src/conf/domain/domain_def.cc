#include "conf/domain/domain_def.h"

namespace nodevirt::conf {
namespace {

const DeviceList kNoDevices;
const DomainExtras kNoExtras;

}  // namespace

const DeviceList& DomainDef::devs() const { return devices ? *devices : kNoDevices; }

const DomainExtras& DomainDef::ext() const { return extras ? *extras : kNoExtras; }

const DiskDef* DomainDef::findDisk(std::string_view target) const {
    for (const auto& d : devs().disks)
        if (d.dst == target) return &d;
    return nullptr;
}

std::optional<size_t> DomainDef::findDiskIndex(std::string_view target_or_source) const {
    const auto& disks = devs().disks;
    for (size_t i = 0; i < disks.size(); ++i)
        if (disks[i].dst == target_or_source) return i;
    for (size_t i = 0; i < disks.size(); ++i)
        if (disks[i].source.path && *disks[i].source.path == target_or_source) return i;
    return std::nullopt;
}

const InterfaceDef* DomainDef::findInterface(const MacAddress& mac) const {
    for (const auto& n : devs().interfaces)
        if (n.mac && *n.mac == mac) return &n;
    return nullptr;
}

std::optional<size_t> DomainDef::findInterfaceIndex(std::string_view mac_or_ifname) const {
    const auto& nets = devs().interfaces;
    auto mac = MacAddress::parse(mac_or_ifname);
    for (size_t i = 0; i < nets.size(); ++i) {
        if (mac && nets[i].mac && *nets[i].mac == *mac) return i;
        if (!mac && nets[i].ifname && *nets[i].ifname == mac_or_ifname) return i;
    }
    return std::nullopt;
}

const ControllerDef* DomainDef::findController(ControllerType type, int32_t index) const {
    for (const auto& c : devs().controllers)
        if (c.type == type && c.index == index) return &c;
    return nullptr;
}

size_t DomainDef::deviceCount() const {
    const DeviceList& l = devs();
    return l.disks.size() + l.controllers.size() + l.filesystems.size() + l.interfaces.size() +
           l.serials.size() + l.parallels.size() + l.consoles.size() + l.channels.size() +
           l.inputs.size() + l.tpms.size() + l.graphics.size() + l.sounds.size() + l.videos.size() +
           l.hostdevs.size() + l.watchdogs.size() + (l.memballoon ? 1 : 0) + l.rngs.size() +
           l.panics.size() + (l.vsock ? 1 : 0);
}

}  // namespace nodevirt::conf
