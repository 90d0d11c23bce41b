// Internal: per-device-class post-parse steps used by post_parse.cc (domain defaults) and by
// postParseDevice (attach/update of a single device).
#pragma once

#include "conf/domain/post_parse.h"

namespace nodevirt::conf {

Status applyDiskBus(DiskDef& disk, const DomainPostParseProfile& profile);
// Drive address for an IDE/FDC/SCSI/SATA disk without an address.
Status assignDriveAddress(DiskDef& disk);
// Adds the controllers that disks, consoles and channels refer to (at most
// kMaxImplicitControllers of a type; a disk needing more is an error).
inline constexpr int64_t kMaxImplicitControllers = 256;
Status addImplicitControllers(DeviceList& devs);
void assignControllerIndexes(std::vector<ControllerDef>& controllers);
// `generated` counts the target names generated so far in this domain (the next suffix).
void applyInterfaceDefaults(InterfaceDef& net, size_t& generated,
                            const DomainPostParseProfile& profile);
void applyInputDefaults(InputDef& input, const DomainDef& def);
Status applyVideoDefaults(DeviceList& devs, const DomainPostParseProfile& profile);
void applyChrDefaults(DeviceList& devs, bool hvm, const DomainPostParseProfile& profile);
void applyVideoModelDefaults(VideoDef& video, const DomainPostParseProfile& profile);

}  // namespace nodevirt::conf
