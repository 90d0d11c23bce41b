// The <devices> section of a domain: one list per device class, in the order libvirt prints
// the classes, plus DeviceDef, the one-device value used by attach/detach/update.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "conf/domain/chardev.h"
#include "conf/domain/controller.h"
#include "conf/domain/disk.h"
#include "conf/domain/filesystem.h"
#include "conf/domain/graphics.h"
#include "conf/domain/hostdev.h"
#include "conf/domain/input.h"
#include "conf/domain/interface.h"
#include "conf/domain/rng.h"
#include "conf/domain/simple_devices.h"
#include "conf/domain/video.h"

namespace nodevirt::conf {

struct DeviceList {
    std::optional<std::string> emulator;
    std::vector<DiskDef> disks;
    std::vector<ControllerDef> controllers;
    std::vector<FilesystemDef> filesystems;
    std::vector<InterfaceDef> interfaces;
    std::vector<ChrDef> serials;
    std::vector<ChrDef> parallels;
    std::vector<ChrDef> consoles;
    std::vector<ChrDef> channels;
    std::vector<InputDef> inputs;
    std::vector<TpmDef> tpms;
    std::vector<GraphicsDef> graphics;
    std::vector<SoundDef> sounds;
    std::vector<VideoDef> videos;
    std::vector<HostdevDef> hostdevs;
    std::vector<WatchdogDef> watchdogs;
    std::optional<MemballoonDef> memballoon;
    std::vector<RngDef> rngs;
    std::vector<PanicDef> panics;
    std::optional<VsockDef> vsock;
    friend bool operator==(const DeviceList&, const DeviceList&) = default;

    [[nodiscard]] bool empty() const { return *this == DeviceList{}; }
};

// One device of any class (serial, parallel, console and channel share ChrDef).
using DeviceDef = std::variant<DiskDef, ControllerDef, FilesystemDef, InterfaceDef, ChrDef,
                               InputDef, TpmDef, GraphicsDef, SoundDef, VideoDef, HostdevDef,
                               WatchdogDef, MemballoonDef, RngDef, PanicDef, VsockDef>;

// The XML element name of a device ("disk", "interface", "serial", …).
std::string_view deviceElementName(const DeviceDef& dev);

// Parses one device element by name into `list` (appending, or inserting where libvirt
// inserts: disks and controllers keep their bus order). Unknown names are left to the caller.
Status parseDeviceInto(Elem& e, DeviceList& list, bool& known);
Result<DeviceDef> parseDevice(Elem& e);
void formatDevice(xml::Writer& w, const DeviceDef& dev, const FormatCtx& fc);
void formatDevices(xml::Writer& w, const DeviceList& list, const FormatCtx& fc);

// libvirt's insertion rules.
void insertDisk(std::vector<DiskDef>& disks, DiskDef disk);
void insertController(std::vector<ControllerDef>& controllers, ControllerDef controller);

}  // namespace nodevirt::conf
