// What hot-plug sends to QEMU, from the same code that writes the command line: the -blockdev
// and -device JSON of one disk as objects for blockdev-add / device_add, and the completion of
// a live definition that just gained a device (alias, PCI address), as at start.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/result.h"

namespace nodevirt::conf {
struct DomainDef;
struct DiskDef;
}  // namespace nodevirt::conf

namespace nodevirt::qemu {

struct DiskHotplugProps {
    std::vector<nlohmann::json> blockdevs;  // storage node, then format node; empty: no medium
    nlohmann::json device;                  // device_add arguments ("driver", "id", "drive", …)
};

// `disk` must already be part of `def` (the live definition) with its alias and address;
// `node` is the node-name prefix ("libvirt-4" gives libvirt-4-storage / libvirt-4-format).
Result<DiskHotplugProps> diskHotplugProps(const conf::DomainDef& def, const conf::DiskDef& disk,
                                          const std::string& node);

// Aliases and missing PCI addresses of a live definition after a device was added
// (the same steps prepareLiveDefinition takes; given addresses are kept).
Status completeHotplugDefinition(conf::DomainDef& def);

}  // namespace nodevirt::qemu
