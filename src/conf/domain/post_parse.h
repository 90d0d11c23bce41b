// Post-parse: the defaults a driver fills in after parsing (libvirt's PostParse callbacks).
// Generic rules live in post_parse.cc; what differs between drivers is data in a
// DomainPostParseProfile, plus an optional hook for anything a table cannot express.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/domain/domain_def.h"

namespace nodevirt::conf {

struct DomainPostParseProfile {
    std::string name;  // driver name, for messages
    // Architecture used when <type arch> is absent.
    Arch default_arch = Arch::kX86_64;
    // Machine type used when <type machine> is absent, if any.
    std::optional<std::string> default_machine;
    // Model of <video/> without a model, and of the video added for graphics.
    VideoModel default_video = VideoModel::kCirrus;
    bool add_video_for_graphics = true;
    // Disk bus implied by the target name when <target bus> is absent, first match wins.
    std::vector<std::pair<std::string, DiskBus>> disk_bus_prefixes;
    // Add the IDE/SCSI/FDC/SATA/virtio-serial controllers that devices refer to.
    bool add_implicit_controllers = true;
    // Assign guest PCI addresses to devices without one (QEMU does; the test driver does not).
    bool assign_pci_addresses = false;
    // Interface <target dev> given to interfaces without one: prefix + index ("testnet0").
    // Empty: leave unset.
    std::string ifname_prefix;
    std::array<uint8_t, 3> mac_prefix{0x52, 0x54, 0x00};
    // Console target type for a console without one on an hvm guest.
    std::string default_console_target = "serial";
    // Runs after the generic rules (driver-specific tweaks).
    std::function<Status(DomainDef&)> domain_hook;
};

// The profile matching libvirt 9.0's test driver (test:///default): the oracle of the
// golden tests.
const DomainPostParseProfile& testDriverPostParseProfile();

// Applies generic defaults and the profile to a freshly parsed definition.
Status postParseDomain(DomainDef& def, const DomainPostParseProfile& profile);
// Defaults for one device about to be attached to `context`.
Status postParseDevice(DeviceDef& dev, const DomainDef& context,
                       const DomainPostParseProfile& profile);

}  // namespace nodevirt::conf
