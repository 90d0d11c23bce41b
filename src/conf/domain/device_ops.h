// Operations on the device list of a definition that attach-device, detach-device and
// update-device need: enumerate, add (in libvirt's insertion order), find, remove, replace.
#pragma once

#include <optional>
#include <vector>

#include "conf/domain/domain_def.h"

namespace nodevirt::conf {

// All devices in the order libvirt prints them.
std::vector<DeviceDef> collectDevices(const DeviceList& list);

// Adds a device to the definition. Fails like libvirt when it would clash with an existing
// one (same disk target, same controller type and index, a second watchdog, …).
Status addDevice(DomainDef& def, DeviceDef device);

// Finds the device `match` designates: disks by target, interfaces by MAC address,
// controllers by type and index, character devices by kind and target port, hostdevs by
// source, other classes by value. Returns its index within its class list.
std::optional<size_t> findDevice(const DomainDef& def, const DeviceDef& match);

// Removes and returns the device `match` designates (kDeviceMissing error when none).
Result<DeviceDef> removeDevice(DomainDef& def, const DeviceDef& match);

// Replaces the device `device` designates with `device` itself (update-device).
Status replaceDevice(DomainDef& def, DeviceDef device);

}  // namespace nodevirt::conf
