// prepareLiveDefinition's device steps: the devices a pc/q35 machine brings or libvirt adds
// (PCI root, IDE or SATA, USB, memory balloon, PS/2 inputs for graphics), defaults QEMU
// needs spelled out (serial target model, video model), TAP names from the launch context, and
// the device aliases libvirt gives (virtio-disk0, net0, serial0, video0, balloon0, ...).
#include <fmt/format.h>

#include <charconv>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

using conf::ControllerDef;
using conf::ControllerType;

bool hasController(const conf::DeviceList& d, ControllerType type, int32_t index) {
    for (const auto& c : d.controllers)
        if (c.type == type && c.index == index) return true;
    return false;
}

void ensureController(conf::DeviceList& d, ControllerType type, int32_t index,
                      std::optional<std::string> model) {
    if (hasController(d, type, index)) return;
    ControllerDef c;
    c.type = type;
    c.index = index;
    c.model = std::move(model);
    conf::insertController(d.controllers, std::move(c));
}

void addDefaultInputs(conf::DeviceList& d) {
    if (d.graphics.empty()) return;
    auto has = [&](conf::InputType t) {
        for (const auto& in : d.inputs)
            if (in.type == t && in.bus == conf::InputBus::kPs2) return true;
        return false;
    };
    for (conf::InputType t : {conf::InputType::kMouse, conf::InputType::kKeyboard}) {
        if (has(t)) continue;
        conf::InputDef in;
        in.type = t;
        in.bus = conf::InputBus::kPs2;
        d.inputs.push_back(std::move(in));
    }
}

// USB devices without an address take the ports of USB bus 0 in order, as libvirt does.
void assignUsbPorts(conf::DeviceList& d) {
    uint32_t used = 0;
    for (const auto& in : d.inputs)
        if (const auto* a = std::get_if<conf::UsbAddress>(&in.info.address))
            if (uint32_t port = 0; !a->port.empty()) {
                std::from_chars(a->port.data(), a->port.data() + a->port.size(), port);
                used = std::max(used, port);
            }
    for (auto& in : d.inputs)
        if (in.bus == conf::InputBus::kUsb && !in.info.hasAddress())
            in.info.address = conf::UsbAddress{0, std::to_string(++used)};
}

// A listening unix socket without a path gets one in the domain's run directory.
void defaultSocketPaths(conf::DeviceList& d, const LaunchContext& ctx) {
    for (auto* list : {&d.serials, &d.consoles}) {
        for (size_t i = 0; i < list->size(); ++i) {
            conf::ChrDef& c = (*list)[i];
            if (c.type != conf::ChrType::kUnix || c.source.path || ctx.domain_run_dir.empty())
                continue;
            c.source.bind = true;
            c.source.path =
                fmt::format("{}/{}{}.sock", ctx.domain_run_dir, conf::kChrKinds.name(c.kind), i);
        }
    }
}

Status applyTaps(conf::DomainDef& def, const LaunchContext& ctx) {
    conf::DeviceList& d = def.mutDevs();
    for (const TapHandle& tap : ctx.taps) {
        if (tap.interface_index >= d.interfaces.size())
            return fail(
                internalError(fmt::format("TAP '{}' names interface {}, which does not exist",
                                          tap.ifname, tap.interface_index)));
        if (!tap.ifname.empty()) d.interfaces[tap.interface_index].ifname = tap.ifname;
    }
    return ok();
}

}  // namespace

Status addDefaultDevices(conf::DomainDef& def, const LaunchContext& ctx, bool q35) {
    conf::DeviceList& d = def.mutDevs();
    ensureController(d, ControllerType::kPci, 0, std::string(q35 ? "pcie-root" : "pci-root"));
    for (auto& c : d.controllers) {
        if (c.type != ControllerType::kPci || c.index != 0) continue;
        std::string_view want = q35 ? "pcie-root" : "pci-root";
        if (c.model && *c.model != want)
            return fail(unsupported(fmt::format("PCI controller 0 must be '{}' on machine '{}'",
                                                want, def.os.machine)));
        c.model = std::string(want);
    }
    if (q35)
        ensureController(d, ControllerType::kSata, 0, std::nullopt);
    else
        ensureController(d, ControllerType::kIde, 0, std::nullopt);
    bool has_usb = false;
    for (auto& c : d.controllers) {
        if (c.type != ControllerType::kUsb) continue;
        has_usb = true;
        if (!c.model) c.model = std::string(q35 ? "qemu-xhci" : "piix3-uhci");
    }
    if (!has_usb) ensureController(d, ControllerType::kUsb, 0, q35 ? "qemu-xhci" : "piix3-uhci");
    if (!d.memballoon) d.memballoon = conf::MemballoonDef{};
    addDefaultInputs(d);
    for (auto& v : d.videos)
        if (!v.model) v.model = conf::VideoModel::kCirrus;
    for (auto& s : d.serials) {
        if (!s.target.type) s.target.type = "isa-serial";
        if (!s.target.model && *s.target.type == "isa-serial") s.target.model = "isa-serial";
    }
    if (!d.consoles.empty() && d.consoles[0].targetIs("serial") && !d.serials.empty()) {
        d.consoles[0].type = d.serials[0].type;
        d.consoles[0].source = d.serials[0].source;
    }
    for (auto& c : d.controllers)
        if (c.type == ControllerType::kScsi && !c.model) c.model = std::string("virtio-scsi");
    assignUsbPorts(d);
    defaultSocketPaths(d, ctx);
    return applyTaps(def, ctx);
}

namespace {

std::string diskAlias(const conf::DiskDef& disk, size_t position) {
    const conf::DriveAddress* a = disk.info.drive();
    int index = conf::diskNameToIndex(disk.dst);
    size_t idx = index >= 0 ? static_cast<size_t>(index) : position;
    switch (disk.bus.value_or(conf::DiskBus::kVirtio)) {
        case conf::DiskBus::kVirtio:
            return fmt::format("virtio-disk{}", idx);
        case conf::DiskBus::kIde:
            if (a) return fmt::format("ide{}-{}-{}", a->controller, a->bus, a->unit);
            break;
        case conf::DiskBus::kSata:
            if (a) return fmt::format("sata{}-{}-{}", a->controller, a->bus, a->unit);
            break;
        case conf::DiskBus::kScsi:
            if (a) return fmt::format("scsi{}-{}-{}-{}", a->controller, a->bus, a->target, a->unit);
            break;
        case conf::DiskBus::kFdc:
            if (a) return fmt::format("fdc{}-{}-{}", a->controller, a->bus, a->unit);
            break;
        case conf::DiskBus::kUsb:
            return fmt::format("usb-disk{}", idx);
        default:
            break;
    }
    return fmt::format("disk{}", idx);
}

std::string controllerAlias(const ControllerDef& c, bool q35) {
    switch (c.type) {
        case ControllerType::kPci:
            if (c.index == 0) return c.model.value_or("") == "pcie-root" ? "pcie.0" : "pci.0";
            return fmt::format("pci.{}", c.index);
        case ControllerType::kUsb:
            return c.index == 0 ? "usb" : fmt::format("usb{}", c.index);
        case ControllerType::kIde:
            return c.index == 0 ? "ide" : fmt::format("ide{}", c.index);
        case ControllerType::kSata:
            // The ICH9's own AHCI bus is called "ide" in QEMU.
            return q35 && c.index == 0 ? "ide" : fmt::format("sata{}", c.index);
        default:
            return fmt::format("{}{}", conf::kControllerTypes.name(c.type), c.index);
    }
}

// A user alias ("ua-...") stays; anything else is replaced by the generated one.
void setAlias(conf::DeviceInfo& info, std::string alias) {
    if (info.alias && info.alias->rfind("ua-", 0) == 0) return;
    info.alias = std::move(alias);
}

}  // namespace

void assignAliases(conf::DomainDef& def) {
    bool q35 = isQ35Machine(def.os.machine);
    conf::DeviceList& d = def.mutDevs();
    for (size_t i = 0; i < d.disks.size(); ++i) setAlias(d.disks[i].info, diskAlias(d.disks[i], i));
    for (auto& c : d.controllers) setAlias(c.info, controllerAlias(c, q35));
    for (size_t i = 0; i < d.interfaces.size(); ++i)
        setAlias(d.interfaces[i].info, fmt::format("net{}", i));
    for (size_t i = 0; i < d.serials.size(); ++i)
        setAlias(d.serials[i].info, fmt::format("serial{}", i));
    for (size_t i = 0; i < d.consoles.size(); ++i) {
        // The first console of serial type is serial0 itself.
        bool same = i == 0 && d.consoles[0].targetIs("serial") && !d.serials.empty();
        setAlias(d.consoles[i].info,
                 same ? d.serials[0].info.alias.value_or("serial0") : fmt::format("console{}", i));
    }
    for (size_t i = 0; i < d.inputs.size(); ++i)
        setAlias(d.inputs[i].info, fmt::format("input{}", i));
    for (size_t i = 0; i < d.videos.size(); ++i)
        setAlias(d.videos[i].info, fmt::format("video{}", i));
    for (size_t i = 0; i < d.watchdogs.size(); ++i)
        setAlias(d.watchdogs[i].info, fmt::format("watchdog{}", i));
    for (size_t i = 0; i < d.rngs.size(); ++i) setAlias(d.rngs[i].info, fmt::format("rng{}", i));
    if (d.memballoon && d.memballoon->model != conf::MemballoonModel::kNone)
        setAlias(d.memballoon->info, "balloon0");
}

}  // namespace nodevirt::qemu::command
