#include "conf/domain/devices.h"

#include <fmt/format.h>

namespace nodevirt::conf {
namespace {

template <typename T>
Status append(std::vector<T>& list, Result<T> parsed, const Elem& e) {
    if (!parsed) return fail(std::move(parsed).error());
    if (list.size() >= kMaxDevicesPerClass)
        return fail(e.error(
            fmt::format("too many <{}> devices (at most {})", e.name(), kMaxDevicesPerClass)));
    list.push_back(std::move(*parsed));
    return ok();
}

struct FormatVisitor {
    xml::Writer& w;
    const FormatCtx& fc;
    void operator()(const DiskDef& d) const { formatDisk(w, d, fc); }
    void operator()(const ControllerDef& d) const { formatController(w, d, fc); }
    void operator()(const FilesystemDef& d) const { formatFilesystem(w, d, fc); }
    void operator()(const InterfaceDef& d) const { formatInterface(w, d, fc); }
    void operator()(const ChrDef& d) const { formatChr(w, d, fc); }
    void operator()(const InputDef& d) const { formatInput(w, d, fc); }
    void operator()(const TpmDef& d) const { formatTpm(w, d, fc); }
    void operator()(const GraphicsDef& d) const { formatGraphics(w, d, fc); }
    void operator()(const SoundDef& d) const { formatSound(w, d, fc); }
    void operator()(const VideoDef& d) const { formatVideo(w, d, fc); }
    void operator()(const HostdevDef& d) const { formatHostdev(w, d, fc); }
    void operator()(const WatchdogDef& d) const { formatWatchdog(w, d, fc); }
    void operator()(const MemballoonDef& d) const { formatMemballoon(w, d, fc); }
    void operator()(const RngDef& d) const { formatRng(w, d, fc); }
    void operator()(const PanicDef& d) const { formatPanic(w, d, fc); }
    void operator()(const VsockDef& d) const { formatVsock(w, d, fc); }
};

}  // namespace

std::string_view deviceElementName(const DeviceDef& dev) {
    struct Visitor {
        std::string_view operator()(const DiskDef&) const { return "disk"; }
        std::string_view operator()(const ControllerDef&) const { return "controller"; }
        std::string_view operator()(const FilesystemDef&) const { return "filesystem"; }
        std::string_view operator()(const InterfaceDef&) const { return "interface"; }
        std::string_view operator()(const ChrDef& c) const { return kChrKinds.name(c.kind); }
        std::string_view operator()(const InputDef&) const { return "input"; }
        std::string_view operator()(const TpmDef&) const { return "tpm"; }
        std::string_view operator()(const GraphicsDef&) const { return "graphics"; }
        std::string_view operator()(const SoundDef&) const { return "sound"; }
        std::string_view operator()(const VideoDef&) const { return "video"; }
        std::string_view operator()(const HostdevDef&) const { return "hostdev"; }
        std::string_view operator()(const WatchdogDef&) const { return "watchdog"; }
        std::string_view operator()(const MemballoonDef&) const { return "memballoon"; }
        std::string_view operator()(const RngDef&) const { return "rng"; }
        std::string_view operator()(const PanicDef&) const { return "panic"; }
        std::string_view operator()(const VsockDef&) const { return "vsock"; }
    };
    return std::visit(Visitor{}, dev);
}

Result<DeviceDef> parseDevice(Elem& e) {
    std::string_view n = e.name();
    auto wrap = [](auto r) -> Result<DeviceDef> {
        if (!r) return fail(std::move(r).error());
        return DeviceDef(std::move(*r));
    };
    if (n == "disk") return wrap(parseDisk(e));
    if (n == "controller") return wrap(parseController(e));
    if (n == "filesystem") return wrap(parseFilesystem(e));
    if (n == "interface") return wrap(parseInterface(e));
    if (n == "serial") return wrap(parseChr(e, ChrKind::kSerial));
    if (n == "parallel") return wrap(parseChr(e, ChrKind::kParallel));
    if (n == "console") return wrap(parseChr(e, ChrKind::kConsole));
    if (n == "channel") return wrap(parseChr(e, ChrKind::kChannel));
    if (n == "input") return wrap(parseInput(e));
    if (n == "tpm") return wrap(parseTpm(e));
    if (n == "graphics") return wrap(parseGraphics(e));
    if (n == "sound") return wrap(parseSound(e));
    if (n == "video") return wrap(parseVideo(e));
    if (n == "hostdev") return wrap(parseHostdev(e));
    if (n == "watchdog") return wrap(parseWatchdog(e));
    if (n == "memballoon") return wrap(parseMemballoon(e));
    if (n == "rng") return wrap(parseRng(e));
    if (n == "panic") return wrap(parsePanic(e));
    if (n == "vsock") return wrap(parseVsock(e));
    return fail(Error::make(ErrorCode::kXmlError, ErrorDomain::kDomain,
                            fmt::format("unknown device type '{}' (line {})", n, e.node().line())));
}

Status parseDeviceInto(Elem& e, DeviceList& list, bool& known) {
    known = true;
    std::string_view n = e.name();
    if (n == "disk") {
        NODEVIRT_ASSIGN_OR_RETURN(DiskDef d, parseDisk(e));
        if (list.disks.size() >= kMaxDevicesPerClass) return fail(e.error("too many disks"));
        insertDisk(list.disks, std::move(d));
        return ok();
    }
    if (n == "controller") {
        NODEVIRT_ASSIGN_OR_RETURN(ControllerDef c, parseController(e));
        if (list.controllers.size() >= kMaxDevicesPerClass)
            return fail(e.error("too many controllers"));
        insertController(list.controllers, std::move(c));
        return ok();
    }
    if (n == "filesystem") return append(list.filesystems, parseFilesystem(e), e);
    if (n == "interface") return append(list.interfaces, parseInterface(e), e);
    if (n == "serial") return append(list.serials, parseChr(e, ChrKind::kSerial), e);
    if (n == "parallel") return append(list.parallels, parseChr(e, ChrKind::kParallel), e);
    if (n == "console") return append(list.consoles, parseChr(e, ChrKind::kConsole), e);
    if (n == "channel") return append(list.channels, parseChr(e, ChrKind::kChannel), e);
    if (n == "input") return append(list.inputs, parseInput(e), e);
    if (n == "tpm") return append(list.tpms, parseTpm(e), e);
    if (n == "graphics") return append(list.graphics, parseGraphics(e), e);
    if (n == "sound") return append(list.sounds, parseSound(e), e);
    if (n == "video") return append(list.videos, parseVideo(e), e);
    if (n == "hostdev") return append(list.hostdevs, parseHostdev(e), e);
    if (n == "rng") return append(list.rngs, parseRng(e), e);
    if (n == "panic") return append(list.panics, parsePanic(e), e);
    if (n == "watchdog") {
        if (!list.watchdogs.empty())
            return fail(internalError("only a single watchdog device is supported"));
        return append(list.watchdogs, parseWatchdog(e), e);
    }
    if (n == "memballoon") {
        NODEVIRT_ASSIGN_OR_RETURN(list.memballoon, parseMemballoon(e));
        return ok();
    }
    if (n == "vsock") {
        if (list.vsock) return fail(e.error("only a single vsock device is supported"));
        NODEVIRT_ASSIGN_OR_RETURN(list.vsock, parseVsock(e));
        return ok();
    }
    known = false;
    return ok();
}

void formatDevice(xml::Writer& w, const DeviceDef& dev, const FormatCtx& fc) {
    std::visit(FormatVisitor{w, fc}, dev);
}

void formatDevices(xml::Writer& w, const DeviceList& l, const FormatCtx& fc) {
    if (l.empty()) {
        w.raw("<devices>\n</devices>");
        return;
    }
    w.open("devices");
    if (l.emulator) w.textElement("emulator", *l.emulator);
    for (const auto& d : l.disks) formatDisk(w, d, fc);
    for (const auto& d : l.controllers) formatController(w, d, fc);
    for (const auto& d : l.filesystems) formatFilesystem(w, d, fc);
    for (const auto& d : l.interfaces) formatInterface(w, d, fc);
    for (const auto& d : l.serials) formatChr(w, d, fc);
    for (const auto& d : l.parallels) formatChr(w, d, fc);
    for (const auto& d : l.consoles) formatChr(w, d, fc);
    for (const auto& d : l.channels) formatChr(w, d, fc);
    for (const auto& d : l.inputs) formatInput(w, d, fc);
    for (const auto& d : l.tpms) formatTpm(w, d, fc);
    for (const auto& d : l.graphics) formatGraphics(w, d, fc);
    for (const auto& d : l.sounds) formatSound(w, d, fc);
    for (const auto& d : l.videos) formatVideo(w, d, fc);
    for (const auto& d : l.hostdevs) formatHostdev(w, d, fc);
    for (const auto& d : l.watchdogs) formatWatchdog(w, d, fc);
    if (l.memballoon) formatMemballoon(w, *l.memballoon, fc);
    for (const auto& d : l.rngs) formatRng(w, d, fc);
    for (const auto& d : l.panics) formatPanic(w, d, fc);
    if (l.vsock) formatVsock(w, *l.vsock, fc);
    w.close();
}

void insertDisk(std::vector<DiskDef>& disks, DiskDef disk) {
    // Like libvirt: keep disks on one bus together and ordered by their name index.
    int new_index = diskNameToIndex(disk.dst);
    ptrdiff_t insert_at = -1;
    for (ptrdiff_t i = static_cast<ptrdiff_t>(disks.size()) - 1; i >= 0; --i) {
        const DiskDef& cur = disks[static_cast<size_t>(i)];
        if (cur.bus != disk.bus) continue;
        if (diskNameToIndex(cur.dst) > new_index)
            insert_at = i;
        else if (insert_at == -1)
            insert_at = i + 1;
    }
    if (insert_at < 0) insert_at = static_cast<ptrdiff_t>(disks.size());
    disks.insert(disks.begin() + insert_at, std::move(disk));
}

void insertController(std::vector<ControllerDef>& controllers, ControllerDef c) {
    // Like libvirt: controllers of a type stay ordered by index; one without an index goes
    // after the last controller of its type.
    ptrdiff_t insert_at = -1;
    for (ptrdiff_t i = static_cast<ptrdiff_t>(controllers.size()) - 1; i >= 0; --i) {
        const ControllerDef& cur = controllers[static_cast<size_t>(i)];
        if (cur.type != c.type) continue;
        if (c.index == ControllerDef::kIndexUnset) {
            insert_at = i + 1;
            break;
        }
        if (cur.index > c.index)
            insert_at = i;
        else if (insert_at == -1)
            insert_at = i + 1;
    }
    if (insert_at < 0) insert_at = static_cast<ptrdiff_t>(controllers.size());
    controllers.insert(controllers.begin() + insert_at, std::move(c));
}

}  // namespace nodevirt::conf
