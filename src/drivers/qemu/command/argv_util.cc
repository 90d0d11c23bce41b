// Helpers shared by the per-device-class builders: keyval escaping and boot indexes.
#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {

std::string escapeKeyval(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        out += c;
        if (c == ',') out += ',';
    }
    return out;
}

// Per-device <boot order> wins; otherwise each <os><boot dev> entry becomes the bootindex of
// the first device of its kind, in list order (how libvirt maps the legacy list for QEMU).
BootIndexes computeBootIndexes(const conf::DomainDef& def) {
    const conf::DeviceList& d = def.devs();
    BootIndexes out;
    out.disks.assign(d.disks.size(), 0);
    out.interfaces.assign(d.interfaces.size(), 0);
    bool per_device = false;
    for (size_t i = 0; i < d.disks.size(); ++i)
        if (d.disks[i].info.boot_order) {
            out.disks[i] = *d.disks[i].info.boot_order;
            per_device = true;
        }
    for (size_t i = 0; i < d.interfaces.size(); ++i)
        if (d.interfaces[i].info.boot_order) {
            out.interfaces[i] = *d.interfaces[i].info.boot_order;
            per_device = true;
        }
    if (per_device) return out;
    uint32_t next = 1;
    auto firstDisk = [&](conf::DiskDevice kind) {
        for (size_t i = 0; i < d.disks.size(); ++i)
            if (d.disks[i].device == kind && out.disks[i] == 0) {
                out.disks[i] = next++;
                return;
            }
    };
    for (uint8_t b = 0; b < def.os.nboot; ++b) {
        switch (def.os.boot[b]) {
            case conf::BootDev::kHd:
                firstDisk(conf::DiskDevice::kDisk);
                break;
            case conf::BootDev::kCdrom:
                firstDisk(conf::DiskDevice::kCdrom);
                break;
            case conf::BootDev::kFd:
                firstDisk(conf::DiskDevice::kFloppy);
                break;
            case conf::BootDev::kNetwork:
                if (!d.interfaces.empty() && out.interfaces[0] == 0) out.interfaces[0] = next++;
                break;
        }
    }
    return out;
}

}  // namespace nodevirt::qemu::command
