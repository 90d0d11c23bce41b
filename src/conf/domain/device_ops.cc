#include "conf/domain/device_ops.h"

#include <fmt/format.h>

#include <type_traits>

namespace nodevirt::conf {
namespace {

Error missing(std::string_view what) {
    return Error::make(ErrorCode::kDeviceMissing, ErrorDomain::kDomain, what);
}

std::vector<ChrDef>& chrList(DeviceList& l, ChrKind kind) {
    switch (kind) {
        case ChrKind::kParallel:
            return l.parallels;
        case ChrKind::kSerial:
            return l.serials;
        case ChrKind::kConsole:
            return l.consoles;
        case ChrKind::kChannel:
            return l.channels;
    }
    return l.serials;
}

const std::vector<ChrDef>& chrList(const DeviceList& l, ChrKind kind) {
    switch (kind) {
        case ChrKind::kParallel:
            return l.parallels;
        case ChrKind::kSerial:
            return l.serials;
        case ChrKind::kConsole:
            return l.consoles;
        case ChrKind::kChannel:
            return l.channels;
    }
    return l.serials;
}

// Index of the element of `list` that `match` designates according to `same`.
template <typename T, typename Pred>
std::optional<size_t> indexOf(const std::vector<T>& list, Pred same) {
    for (size_t i = 0; i < list.size(); ++i)
        if (same(list[i])) return i;
    return std::nullopt;
}

bool sameChr(const ChrDef& a, const ChrDef& b) {
    if (a.kind == ChrKind::kChannel)
        return a.target.name == b.target.name && a.target.type == b.target.type;
    return !b.target.port || a.target.port == b.target.port;
}

bool sameHostdev(const HostdevDef& a, const HostdevDef& b) {
    if (a.type != b.type) return false;
    if (a.type == HostdevType::kPci)
        return a.pci.domain == b.pci.domain && a.pci.bus == b.pci.bus && a.pci.slot == b.pci.slot &&
               a.pci.function == b.pci.function;
    return a.vendor == b.vendor && a.product == b.product && a.usb_bus == b.usb_bus &&
           a.usb_device == b.usb_device;
}

bool sameInterface(const InterfaceDef& existing, const InterfaceDef& match) {
    if (match.mac) return existing.mac == match.mac;
    return true;  // without a MAC, the only interface (checked by the caller) matches
}

}  // namespace

std::vector<DeviceDef> collectDevices(const DeviceList& l) {
    std::vector<DeviceDef> out;
    auto add = [&](const auto& list) {
        for (const auto& d : list) out.emplace_back(d);
    };
    add(l.disks);
    add(l.controllers);
    add(l.filesystems);
    add(l.interfaces);
    add(l.serials);
    add(l.parallels);
    add(l.consoles);
    add(l.channels);
    add(l.inputs);
    add(l.tpms);
    add(l.graphics);
    add(l.sounds);
    add(l.videos);
    add(l.hostdevs);
    add(l.watchdogs);
    if (l.memballoon) out.emplace_back(*l.memballoon);
    add(l.rngs);
    add(l.panics);
    if (l.vsock) out.emplace_back(*l.vsock);
    return out;
}

std::optional<size_t> findDevice(const DomainDef& def, const DeviceDef& match) {
    const DeviceList& l = def.devs();
    if (const auto* d = std::get_if<DiskDef>(&match))
        return indexOf(l.disks, [&](const DiskDef& x) { return x.dst == d->dst; });
    if (const auto* n = std::get_if<InterfaceDef>(&match)) {
        if (!n->mac && l.interfaces.size() != 1) return std::nullopt;
        return indexOf(l.interfaces, [&](const InterfaceDef& x) { return sameInterface(x, *n); });
    }
    if (const auto* c = std::get_if<ControllerDef>(&match))
        return indexOf(l.controllers, [&](const ControllerDef& x) {
            return x.type == c->type && x.index == c->index;
        });
    if (const auto* c = std::get_if<ChrDef>(&match))
        return indexOf(chrList(l, c->kind), [&](const ChrDef& x) { return sameChr(x, *c); });
    if (const auto* h = std::get_if<HostdevDef>(&match))
        return indexOf(l.hostdevs, [&](const HostdevDef& x) { return sameHostdev(x, *h); });
    if (const auto* f = std::get_if<FilesystemDef>(&match))
        return indexOf(l.filesystems,
                       [&](const FilesystemDef& x) { return x.target == f->target; });
    if (const auto* g = std::get_if<GraphicsDef>(&match))
        return indexOf(l.graphics, [&](const GraphicsDef& x) { return x.type == g->type; });
    if (const auto* v = std::get_if<InputDef>(&match))
        return indexOf(l.inputs,
                       [&](const InputDef& x) { return x.type == v->type && x.bus == v->bus; });
    if (const auto* v = std::get_if<VideoDef>(&match))
        return indexOf(l.videos, [&](const VideoDef& x) { return x.model == v->model; });
    if (const auto* s = std::get_if<SoundDef>(&match))
        return indexOf(l.sounds, [&](const SoundDef& x) { return x.model == s->model; });
    if (const auto* r = std::get_if<RngDef>(&match))
        return indexOf(l.rngs, [&](const RngDef& x) {
            return x.model == r->model && x.backend == r->backend;
        });
    if (const auto* t = std::get_if<TpmDef>(&match))
        return indexOf(l.tpms, [&](const TpmDef& x) { return x.backend == t->backend; });
    if (const auto* p = std::get_if<PanicDef>(&match))
        return indexOf(l.panics, [&](const PanicDef& x) { return x.model == p->model; });
    if (std::holds_alternative<WatchdogDef>(match))
        return l.watchdogs.empty() ? std::nullopt : std::optional<size_t>(0);
    if (std::holds_alternative<MemballoonDef>(match))
        return l.memballoon ? std::optional<size_t>(0) : std::nullopt;
    if (std::holds_alternative<VsockDef>(match))
        return l.vsock ? std::optional<size_t>(0) : std::nullopt;
    return std::nullopt;
}

Status addDevice(DomainDef& def, DeviceDef device) {
    DeviceList& l = def.mutDevs();
    if (auto* d = std::get_if<DiskDef>(&device)) {
        if (def.findDisk(d->dst))
            return fail(operationFailed(fmt::format("target {} already exists", d->dst),
                                        ErrorDomain::kDomain));
        insertDisk(l.disks, std::move(*d));
    } else if (auto* c = std::get_if<ControllerDef>(&device)) {
        if (findDevice(def, device))
            return fail(
                operationFailed(fmt::format("controller index='{}' already exists", c->index),
                                ErrorDomain::kDomain));
        insertController(l.controllers, std::move(*c));
    } else if (auto* n = std::get_if<InterfaceDef>(&device)) {
        l.interfaces.push_back(std::move(*n));
    } else if (auto* ch = std::get_if<ChrDef>(&device)) {
        chrList(l, ch->kind).push_back(std::move(*ch));
    } else if (auto* w = std::get_if<WatchdogDef>(&device)) {
        if (!l.watchdogs.empty())
            return fail(operationInvalid("domain already has a watchdog", ErrorDomain::kDomain));
        l.watchdogs.push_back(std::move(*w));
    } else if (auto* m = std::get_if<MemballoonDef>(&device)) {
        if (l.memballoon)
            return fail(operationInvalid("domain already has a memballoon", ErrorDomain::kDomain));
        l.memballoon = std::move(*m);
    } else if (auto* v = std::get_if<VsockDef>(&device)) {
        if (l.vsock)
            return fail(
                operationInvalid("domain already has a vsock device", ErrorDomain::kDomain));
        l.vsock = std::move(*v);
    } else {
        std::visit(
            [&](auto&& dev) {
                using T = std::decay_t<decltype(dev)>;
                if constexpr (std::is_same_v<T, FilesystemDef>)
                    l.filesystems.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, InputDef>)
                    l.inputs.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, TpmDef>)
                    l.tpms.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, GraphicsDef>)
                    l.graphics.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, SoundDef>)
                    l.sounds.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, VideoDef>)
                    l.videos.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, HostdevDef>)
                    l.hostdevs.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, RngDef>)
                    l.rngs.push_back(std::move(dev));
                else if constexpr (std::is_same_v<T, PanicDef>)
                    l.panics.push_back(std::move(dev));
            },
            std::move(device));
    }
    return ok();
}

Result<DeviceDef> removeDevice(DomainDef& def, const DeviceDef& match) {
    auto idx = findDevice(def, match);
    if (!idx)
        return fail(missing(fmt::format("matching {} device not found", deviceElementName(match))));
    DeviceList& l = def.mutDevs();
    auto take = [&](auto& list) -> DeviceDef {
        DeviceDef out(std::move(list[*idx]));
        list.erase(list.begin() + static_cast<ptrdiff_t>(*idx));
        return out;
    };
    if (std::holds_alternative<DiskDef>(match)) return take(l.disks);
    if (std::holds_alternative<InterfaceDef>(match)) return take(l.interfaces);
    if (std::holds_alternative<ControllerDef>(match)) return take(l.controllers);
    if (const auto* c = std::get_if<ChrDef>(&match)) return take(chrList(l, c->kind));
    if (std::holds_alternative<HostdevDef>(match)) return take(l.hostdevs);
    if (std::holds_alternative<FilesystemDef>(match)) return take(l.filesystems);
    if (std::holds_alternative<GraphicsDef>(match)) return take(l.graphics);
    if (std::holds_alternative<InputDef>(match)) return take(l.inputs);
    if (std::holds_alternative<VideoDef>(match)) return take(l.videos);
    if (std::holds_alternative<SoundDef>(match)) return take(l.sounds);
    if (std::holds_alternative<RngDef>(match)) return take(l.rngs);
    if (std::holds_alternative<TpmDef>(match)) return take(l.tpms);
    if (std::holds_alternative<PanicDef>(match)) return take(l.panics);
    if (std::holds_alternative<WatchdogDef>(match)) return take(l.watchdogs);
    if (std::holds_alternative<MemballoonDef>(match)) {
        DeviceDef out(std::move(*l.memballoon));
        l.memballoon.reset();
        return out;
    }
    DeviceDef out(std::move(*l.vsock));
    l.vsock.reset();
    return out;
}

Status replaceDevice(DomainDef& def, DeviceDef device) {
    auto idx = findDevice(def, device);
    if (!idx)
        return fail(
            missing(fmt::format("matching {} device not found", deviceElementName(device))));
    DeviceList& l = def.mutDevs();
    std::visit(
        [&](auto&& dev) {
            using T = std::decay_t<decltype(dev)>;
            if constexpr (std::is_same_v<T, DiskDef>)
                l.disks[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, ControllerDef>)
                l.controllers[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, FilesystemDef>)
                l.filesystems[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, InterfaceDef>)
                l.interfaces[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, ChrDef>)
                chrList(l, dev.kind)[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, InputDef>)
                l.inputs[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, TpmDef>)
                l.tpms[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, GraphicsDef>)
                l.graphics[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, SoundDef>)
                l.sounds[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, VideoDef>)
                l.videos[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, HostdevDef>)
                l.hostdevs[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, WatchdogDef>)
                l.watchdogs[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, MemballoonDef>)
                l.memballoon = std::move(dev);
            else if constexpr (std::is_same_v<T, RngDef>)
                l.rngs[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, PanicDef>)
                l.panics[*idx] = std::move(dev);
            else if constexpr (std::is_same_v<T, VsockDef>)
                l.vsock = std::move(dev);
        },
        std::move(device));
    return ok();
}

}  // namespace nodevirt::conf
