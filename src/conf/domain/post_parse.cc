#include "conf/domain/post_parse.h"

#include <fmt/format.h>

#include "conf/domain/post_parse_devices.h"

namespace nodevirt::conf {
namespace {

bool anyDeviceBootOrder(const DeviceList& d) {
    auto has = [](const auto& list) {
        for (const auto& dev : list)
            if (dev.info.boot_order) return true;
        return false;
    };
    return has(d.disks) || has(d.interfaces) || has(d.hostdevs) || has(d.filesystems);
}

void applyOsDefaults(DomainDef& def, const DomainPostParseProfile& profile) {
    if (!def.os.arch) def.os.arch = profile.default_arch;
    if (def.os.machine.empty() && profile.default_machine)
        def.os.machine = *profile.default_machine;
    if (def.isHvm() && def.os.nboot == 0 && !anyDeviceBootOrder(def.devs()))
        def.os.addBoot(BootDev::kHd);
    if (def.os.extra) {
        const OsExtra& x = *def.os.extra;
        if (x.loader && x.loader->path && !x.loader->type)
            def.os.extra.mut().loader->type = LoaderType::kRom;
    }
}

Status applyGeneralDefaults(DomainDef& def) {
    if (def.current_kib == 0 || def.current_kib > def.memory_kib) def.current_kib = def.memory_kib;
    if (def.vcpu.current && *def.vcpu.current > def.vcpu.max)
        return fail(configUnsupported("maximum vCPU count must not be less than current vCPU count",
                                      ErrorDomain::kDomain));
    if (def.vcpu.current == def.vcpu.max) def.vcpu.current.reset();
    if (def.extras && def.extras->genid_requested) {
        DomainExtras& x = def.mutExt();
        x.genid = Uuid::generate();
        x.genid_requested = false;
    }
    return ok();
}

Status applyDeviceDefaults(DomainDef& def, const DomainPostParseProfile& profile) {
    DeviceList& devs = def.mutDevs();
    for (auto& d : devs.disks) {
        NODEVIRT_TRY(applyDiskBus(d, profile));
        NODEVIRT_TRY(assignDriveAddress(d));
    }
    assignControllerIndexes(devs.controllers);
    applyChrDefaults(devs, def.isHvm(), profile);
    if (profile.add_implicit_controllers) NODEVIRT_TRY(addImplicitControllers(devs));
    size_t generated = 0;
    for (auto& n : devs.interfaces) applyInterfaceDefaults(n, generated, profile);
    for (auto& in : devs.inputs) applyInputDefaults(in, def);
    NODEVIRT_TRY(applyVideoDefaults(devs, profile));
    return ok();
}

}  // namespace

Status postParseDomain(DomainDef& def, const DomainPostParseProfile& profile) {
    applyOsDefaults(def, profile);
    NODEVIRT_TRY(applyGeneralDefaults(def));
    if (def.devices) NODEVIRT_TRY(applyDeviceDefaults(def, profile));
    if (def.devices && def.devices->empty()) def.devices.reset();
    if (profile.domain_hook) NODEVIRT_TRY(profile.domain_hook(def));
    return ok();
}

Status postParseDevice(DeviceDef& dev, const DomainDef& context,
                       const DomainPostParseProfile& profile) {
    if (auto* disk = std::get_if<DiskDef>(&dev)) {
        NODEVIRT_TRY(applyDiskBus(*disk, profile));
        NODEVIRT_TRY(assignDriveAddress(*disk));
    } else if (auto* net = std::get_if<InterfaceDef>(&dev)) {
        size_t generated = 0;
        for (const auto& n : context.devs().interfaces)
            if (n.ifname && n.ifname->rfind(profile.ifname_prefix, 0) == 0) ++generated;
        applyInterfaceDefaults(*net, generated, profile);
    } else if (auto* input = std::get_if<InputDef>(&dev)) {
        applyInputDefaults(*input, context);
    } else if (auto* video = std::get_if<VideoDef>(&dev)) {
        applyVideoModelDefaults(*video, profile);
    } else if (auto* chr = std::get_if<ChrDef>(&dev)) {
        const DeviceList& devs = context.devs();
        if (chr->kind == ChrKind::kConsole && !chr->target.type)
            chr->target.type = profile.default_console_target;
        if ((chr->kind == ChrKind::kSerial || chr->kind == ChrKind::kParallel) &&
            !chr->target.port) {
            const auto& list = chr->kind == ChrKind::kSerial ? devs.serials : devs.parallels;
            int32_t max = -1;
            for (const auto& c : list) max = std::max(max, c.target.port.value_or(-1));
            chr->target.port = max + 1;
        }
    } else if (auto* ctrl = std::get_if<ControllerDef>(&dev)) {
        if (ctrl->index == ControllerDef::kIndexUnset) {
            int32_t idx = 0;
            while (context.findController(ctrl->type, idx)) ++idx;
            ctrl->index = idx;
        }
    }
    return ok();
}

const DomainPostParseProfile& testDriverPostParseProfile() {
    static const DomainPostParseProfile kProfile = [] {
        DomainPostParseProfile p;
        p.name = "test";
        p.default_arch = Arch::kI686;
        p.default_video = VideoModel::kCirrus;
        p.add_video_for_graphics = true;
        p.disk_bus_prefixes = {{"hd", DiskBus::kIde},
                               {"sd", DiskBus::kScsi},
                               {"vd", DiskBus::kVirtio},
                               {"xvd", DiskBus::kXen},
                               {"ubd", DiskBus::kUml}};
        p.add_implicit_controllers = true;
        p.assign_pci_addresses = false;
        p.ifname_prefix = "testnet";
        p.default_console_target = "serial";
        return p;
    }();
    return kProfile;
}

}  // namespace nodevirt::conf
