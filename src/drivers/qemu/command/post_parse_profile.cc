#include "drivers/qemu/command/post_parse_profile.h"

namespace nodevirt::qemu {

const conf::DomainPostParseProfile& qemuPostParseProfile() {
    static const conf::DomainPostParseProfile kProfile = [] {
        conf::DomainPostParseProfile p;
        p.name = "QEMU";
        p.default_arch = conf::Arch::kX86_64;
        p.default_machine = "pc";
        p.default_video = conf::VideoModel::kCirrus;
        p.add_video_for_graphics = true;
        p.disk_bus_prefixes = {{"hd", conf::DiskBus::kIde},
                               {"sd", conf::DiskBus::kScsi},
                               {"vd", conf::DiskBus::kVirtio},
                               {"xvd", conf::DiskBus::kXen},
                               {"ubd", conf::DiskBus::kUml}};
        p.add_implicit_controllers = true;
        // PCI addresses, aliases and TAP names are given at start by prepareLiveDefinition.
        p.assign_pci_addresses = false;
        p.default_console_target = "serial";
        return p;
    }();
    return kProfile;
}

}  // namespace nodevirt::qemu
