#include "conf/domain/post_parse_devices.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

std::optional<ControllerType> controllerForBus(DiskBus bus) {
    switch (bus) {
        case DiskBus::kIde:
            return ControllerType::kIde;
        case DiskBus::kFdc:
            return ControllerType::kFdc;
        case DiskBus::kScsi:
            return ControllerType::kScsi;
        case DiskBus::kSata:
            return ControllerType::kSata;
        default:
            return std::nullopt;
    }
}

bool hasController(const std::vector<ControllerDef>& list, ControllerType type, int32_t index) {
    for (const auto& c : list)
        if (c.type == type && c.index == index) return true;
    return false;
}

void ensureController(DeviceList& devs, ControllerType type, int32_t index) {
    if (hasController(devs.controllers, type, index)) return;
    ControllerDef c;
    c.type = type;
    c.index = index;
    devs.controllers.push_back(std::move(c));
}

uint32_t roundUpPow2(uint32_t v) {
    uint32_t p = 1;
    while (p < v && p < (1u << 31)) p <<= 1;
    return p;
}

// A console that mirrors serial[0] (libvirt's "console compat" for the first serial port).
ChrDef consoleFromSerial(const ChrDef& serial) {
    ChrDef c = serial;
    c.kind = ChrKind::kConsole;
    c.target = ChrTarget{};
    c.target.type = "serial";
    c.target.port = serial.target.port;
    return c;
}

}  // namespace

Status applyDiskBus(DiskDef& d, const DomainPostParseProfile& profile) {
    if (d.bus) return ok();
    if (d.device == DiskDevice::kFloppy) {
        d.bus = DiskBus::kFdc;
        return ok();
    }
    for (const auto& [prefix, bus] : profile.disk_bus_prefixes) {
        if (str::startsWith(d.dst, prefix)) {
            d.bus = bus;
            return ok();
        }
    }
    d.bus = DiskBus::kIde;
    return ok();
}

Status assignDriveAddress(DiskDef& d) {
    if (d.info.hasAddress() || !d.bus || !controllerForBus(*d.bus)) return ok();
    int idx = diskNameToIndex(d.dst);
    if (idx < 0)
        return fail(xmlError(fmt::format("Unknown disk name '{}' and no address specified", d.dst),
                             ErrorDomain::kDomain));
    auto u = static_cast<uint32_t>(idx);
    DriveAddress a;
    switch (*d.bus) {
        case DiskBus::kIde:
            a = {u / 4, (u % 4) / 2, 0, u % 2};
            break;
        case DiskBus::kFdc:
            a = {u / 2, 0, 0, u % 2};
            break;
        case DiskBus::kScsi:
            a = {u / 7, 0, 0, u % 7};
            break;
        case DiskBus::kSata:
            a = {u / 6, 0, 0, u % 6};
            break;
        default:
            return ok();
    }
    d.info.address = a;
    return ok();
}

void assignControllerIndexes(std::vector<ControllerDef>& controllers) {
    for (auto& c : controllers) {
        if (c.index != ControllerDef::kIndexUnset) continue;
        int32_t idx = 0;
        while (hasController(controllers, c.type, idx)) ++idx;
        c.index = idx;
    }
}

Status addImplicitControllers(DeviceList& devs) {
    for (ControllerType type : {ControllerType::kScsi, ControllerType::kFdc, ControllerType::kIde,
                                ControllerType::kSata}) {
        int64_t max = -1;
        for (const auto& d : devs.disks) {
            const DriveAddress* a = d.info.drive();
            if (!a || !d.bus || controllerForBus(*d.bus) != type) continue;
            if (a->controller >= kMaxImplicitControllers)
                return fail(configUnsupported(
                    fmt::format("disk '{}' needs {} controller {}; at most {} are supported", d.dst,
                                kControllerTypes.name(type), a->controller,
                                kMaxImplicitControllers),
                    ErrorDomain::kDomain));
            max = std::max<int64_t>(max, a->controller);
        }
        for (int64_t i = 0; i <= max; ++i) ensureController(devs, type, static_cast<int32_t>(i));
    }
    auto virtioSerialIndex = [](const ChrDef& c) -> std::optional<int32_t> {
        if (!c.targetIs("virtio")) return std::nullopt;
        if (const auto* a = std::get_if<VirtioSerialAddress>(&c.info.address))
            return static_cast<int32_t>(std::min<uint32_t>(a->controller, INT32_MAX));
        return 0;
    };
    for (const auto* list : {&devs.channels, &devs.consoles})
        for (const auto& c : *list)
            if (auto idx = virtioSerialIndex(c))
                ensureController(devs, ControllerType::kVirtioSerial, *idx);
    return ok();
}

void applyInterfaceDefaults(InterfaceDef& n, size_t& generated,
                            const DomainPostParseProfile& profile) {
    if (!n.mac) n.mac = MacAddress::generate(profile.mac_prefix);
    if (!n.ifname && !profile.ifname_prefix.empty())
        n.ifname = fmt::format("{}{}", profile.ifname_prefix, generated++);
    if (n.extra && n.extra->virtualport && n.extra->virtualport->type == "openvswitch" &&
        !n.extra->virtualport->interfaceid)
        n.extra.mut().virtualport->interfaceid = Uuid::generate().toString();
}

void applyInputDefaults(InputDef& in, const DomainDef& def) {
    if (in.bus) return;
    switch (in.type) {
        case InputType::kTablet:
            in.bus = InputBus::kUsb;
            break;
        case InputType::kMouse:
        case InputType::kKeyboard:
            in.bus = def.isHvm() ? InputBus::kPs2 : InputBus::kXen;
            break;
        case InputType::kPassthrough:
            in.bus = InputBus::kVirtio;
            break;
        case InputType::kEvdev:
            break;
    }
}

void applyVideoModelDefaults(VideoDef& v, const DomainPostParseProfile& profile) {
    if (!v.model) v.model = profile.default_video;
    switch (*v.model) {
        case VideoModel::kVga:
            v.vram = roundUpPow2(v.vram.value_or(16384));
            break;
        case VideoModel::kCirrus:
        case VideoModel::kVmvga:
        case VideoModel::kBochs:
            if (!v.vram) v.vram = 16384;
            break;
        case VideoModel::kXen:
            if (!v.vram) v.vram = 4096;
            break;
        case VideoModel::kQxl:
            if (!v.ram) v.ram = 65536;
            if (!v.vram) v.vram = 65536;
            break;
        default:
            break;
    }
    if (!v.heads && *v.model != VideoModel::kNone) v.heads = 1;
}

Status applyVideoDefaults(DeviceList& devs, const DomainPostParseProfile& profile) {
    if (devs.videos.empty() && !devs.graphics.empty() && profile.add_video_for_graphics)
        devs.videos.emplace_back();
    for (auto& v : devs.videos) applyVideoModelDefaults(v, profile);
    auto& videos = devs.videos;
    if (videos.empty()) return ok();
    bool has_none = std::any_of(videos.begin(), videos.end(),
                                [](const VideoDef& v) { return v.model == VideoModel::kNone; });
    if (has_none && videos.size() > 1)
        return fail(configUnsupported(
            "a 'none' video type must be the only video device defined for the domain",
            ErrorDomain::kDomain));
    if (has_none) return ok();
    auto primary =
        std::find_if(videos.begin(), videos.end(), [](const VideoDef& v) { return v.primary; });
    if (primary == videos.end()) {
        videos.front().primary = true;
    } else if (primary != videos.begin()) {
        // libvirt keeps the primary adapter first.
        std::rotate(videos.begin(), primary, primary + 1);
    }
    return ok();
}

void applyChrDefaults(DeviceList& devs, bool hvm, const DomainPostParseProfile& profile) {
    for (auto* list : {&devs.serials, &devs.parallels}) {
        int32_t max = -1;
        for (auto& c : *list) {
            if (!c.target.port) c.target.port = max + 1;
            max = std::max(max, *c.target.port);
        }
    }
    // Console ports are their position as written, before the compat console below.
    for (size_t i = 0; i < devs.consoles.size(); ++i) {
        ChrDef& c = devs.consoles[i];
        if (!c.target.type) c.target.type = profile.default_console_target;
        c.target.port = static_cast<int32_t>(i);
    }
    bool first_is_serial = !devs.consoles.empty() && devs.consoles[0].targetIs("serial");
    if (first_is_serial && devs.serials.empty()) {
        // A serial console of a full-virtualization guest gets the serial port behind it.
        if (!hvm) return;
        ChrDef serial = devs.consoles[0];
        serial.kind = ChrKind::kSerial;
        serial.target = ChrTarget{};
        serial.target.port = devs.consoles[0].target.port;
        devs.serials.push_back(std::move(serial));
    } else if (first_is_serial) {
        devs.consoles[0] = consoleFromSerial(devs.serials[0]);
    } else if (!devs.serials.empty()) {
        devs.consoles.insert(devs.consoles.begin(), consoleFromSerial(devs.serials[0]));
    }
}

}  // namespace nodevirt::conf
