// Guest PCI addresses: keeps every <address type='pci'> the definition gives, then places the
// other PCI devices the way libvirt does. pc (i440fx): slot 1 is the PIIX3 (IDE 1.1, USB 1.2),
// the primary video takes slot 2, the rest take the next free slot of bus 0 in libvirt's device
// order. q35: 1f.0-1f.3 are the ICH9 (SATA at 1f.2), the primary video takes slot 1, and every
// other device sits alone behind a pcie-root-port (packed eight per slot from 0000:00:02.0);
// conventional PCI devices go behind one pcie-to-pci-bridge.
#include <fmt/format.h>

#include <array>
#include <functional>
#include <map>
#include <set>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

using conf::ControllerDef;
using conf::ControllerType;
using conf::PciAddress;

constexpr uint32_t kSlots = 32;
constexpr uint32_t kMaxBuses = 256;

enum class BusKind { kPciRoot, kPcieRoot, kRootPort, kPciBridge };
enum class Need { kPcie, kConventional };

struct Bus {
    BusKind kind = BusKind::kPciRoot;
    std::array<uint8_t, kSlots> used{};  // bit per function
};

std::string addressText(const PciAddress& a) {
    return fmt::format("{:04x}:{:02x}:{:02x}.{:x}", a.domain, a.bus, a.slot, a.function);
}

BusKind busKindOf(const ControllerDef& c) {
    std::string m = c.model.value_or("");
    if (m == "pcie-root") return BusKind::kPcieRoot;
    if (m == "pci-root") return BusKind::kPciRoot;
    if (m == "pcie-root-port" || m == "pcie-switch-downstream-port") return BusKind::kRootPort;
    return BusKind::kPciBridge;
}

class Allocator {
  public:
    Allocator(conf::DomainDef& def, bool q35) : def_(def), q35_(q35) {
        for (const auto& c : def.devs().controllers)
            if (c.type == ControllerType::kPci && c.index >= 0)
                buses_[static_cast<uint32_t>(c.index)] = Bus{busKindOf(c), {}};
    }

    Status reserve(const PciAddress& a, std::string_view what) {
        auto it = buses_.find(a.bus);
        if (a.domain != 0 || it == buses_.end())
            return fail(
                unsupported(fmt::format("{} has PCI address {} on a bus no PCI controller provides",
                                        what, addressText(a))));
        if (a.slot >= kSlots || a.function > 7)
            return fail(
                unsupported(fmt::format("{} has an invalid PCI address {}", what, addressText(a))));
        if (it->second.kind == BusKind::kRootPort && a.slot != 0)
            return fail(unsupported(
                fmt::format("{} has PCI address {}, but a pcie-root-port has only slot 0", what,
                            addressText(a))));
        uint8_t bit = static_cast<uint8_t>(1u << a.function);
        if (it->second.used[a.slot] & bit)
            return fail(unsupported(fmt::format("PCI address {} of {} is used by another device",
                                                addressText(a), what)));
        it->second.used[a.slot] |= bit;
        return ok();
    }

    // Reserves a fixed address when it is free (a built-in device QEMU always places there).
    void reserveBuiltin(uint32_t slot, uint32_t function) {
        buses_[0].used[slot] |= static_cast<uint8_t>(1u << function);
    }
    [[nodiscard]] bool slotFree(uint32_t slot) const {
        auto it = buses_.find(0);
        return it != buses_.end() && it->second.used[slot] == 0;
    }

    Result<PciAddress> next(Need need, std::string_view what) {
        if (!q35_) return nextOnBus(0, 1, what);
        if (need == Need::kConventional) {
            for (const auto& [index, bus] : buses_)
                if (bus.kind == BusKind::kPciBridge) return nextOnBus(index, 1, what);
            return fail(internalError("no pcie-to-pci-bridge was planned"));
        }
        std::optional<uint32_t> port = freeRootPort();
        if (!port) return fail(unsupported(fmt::format("no free pcie-root-port for {}", what)));
        buses_[*port].used[0] = 1;
        return PciAddress{0, *port, 0, 0, std::nullopt};
    }

    // q35, first phase: add the root ports (and the one bridge) the unplaced devices need,
    // in the order they are needed, plus one spare root port for hotplug when any were added
    // (what libvirt does). Bridges added here take their root port in the second phase.
    Status planQ35Buses(const std::vector<Need>& needs) {
        size_t free_ports = 0;
        bool have_bridge = false;
        for (const auto& [index, bus] : buses_) {
            if (bus.kind == BusKind::kRootPort && bus.used[0] == 0) ++free_ports;
            if (bus.kind == BusKind::kPciBridge) have_bridge = true;
        }
        bool added = false;
        auto needPort = [&]() -> Status {
            if (free_ports > 0) {
                --free_ports;
                return ok();
            }
            added = true;
            return addController("pcie-root-port", BusKind::kRootPort).map([](uint32_t) {});
        };
        for (Need need : needs) {
            if (need == Need::kPcie) {
                NODEVIRT_TRY(needPort());
            } else if (!have_bridge) {
                NODEVIRT_TRY(needPort());
                NODEVIRT_TRY(
                    addController("pcie-to-pci-bridge", BusKind::kPciBridge).map([](uint32_t) {}));
                have_bridge = added = true;
            }
        }
        if (added)
            NODEVIRT_TRY(addController("pcie-root-port", BusKind::kRootPort).map([](uint32_t) {}));
        return ok();
    }

    // q35, second phase: bridges without an address go into free root ports, by index.
    Status placeBridges() {
        for (auto& c : def_.mutDevs().controllers) {
            if (c.type != ControllerType::kPci || c.info.hasAddress() ||
                c.model.value_or("") != "pcie-to-pci-bridge")
                continue;
            std::optional<uint32_t> port = freeRootPort();
            if (!port) return fail(unsupported("no free pcie-root-port for a pcie-to-pci-bridge"));
            buses_[*port].used[0] = 1;
            c.info.address = PciAddress{0, *port, 0, 0, std::nullopt};
        }
        return ok();
    }

  private:
    std::optional<uint32_t> freeRootPort() const {
        for (const auto& [index, bus] : buses_)
            if (bus.kind == BusKind::kRootPort && bus.used[0] == 0) return index;
        return std::nullopt;
    }

    Result<PciAddress> nextOnBus(uint32_t bus, uint32_t first_slot, std::string_view what) {
        Bus& b = buses_[bus];
        for (uint32_t slot = first_slot; slot < kSlots; ++slot)
            if (b.used[slot] == 0) {
                b.used[slot] = 1;
                return PciAddress{0, bus, slot, 0, std::nullopt};
            }
        return fail(unsupported(fmt::format(
            "no free PCI slot for {} on bus {} (adding PCI bridges is not supported yet)", what,
            bus)));
    }

    // Root ports sit on pcie.0, eight functions of one slot each, from the first free slot.
    Result<PciAddress> nextRootPortAddress() {
        Bus& root = buses_[0];
        for (uint32_t slot = 1; slot < kSlots; ++slot) {
            if (root.used[slot] == 0xff) continue;
            bool ports_here = rootPortSlots_.count(slot) > 0;
            if (root.used[slot] != 0 && !ports_here) continue;
            for (uint32_t fn = 0; fn < 8; ++fn)
                if (!(root.used[slot] & (1u << fn))) {
                    root.used[slot] |= static_cast<uint8_t>(1u << fn);
                    rootPortSlots_.insert(slot);
                    std::optional<bool> multi;
                    if (fn == 0) multi = true;
                    return PciAddress{0, 0, slot, fn, multi};
                }
        }
        return fail(unsupported("no free slot on pcie.0 for another pcie-root-port"));
    }

    Result<uint32_t> addController(const std::string& model, BusKind kind) {
        uint32_t index = 0;
        for (const auto& c : def_.devs().controllers)
            if (c.type == ControllerType::kPci && c.index >= 0)
                index = std::max(index, static_cast<uint32_t>(c.index) + 1);
        if (index >= kMaxBuses) return fail(unsupported("too many PCI controllers"));
        ControllerDef c;
        c.type = ControllerType::kPci;
        c.index = static_cast<int32_t>(index);
        c.model = model;
        if (kind == BusKind::kRootPort) {
            NODEVIRT_ASSIGN_OR_RETURN(PciAddress a, nextRootPortAddress());
            c.model_name = "pcie-root-port";
            c.target = conf::PciControllerTarget{};
            c.target->chassis = index;
            c.target->port = (a.slot << 3) | a.function;
            c.info.address = a;
        } else {
            c.model_name = "pcie-pci-bridge";
        }
        conf::insertController(def_.mutDevs().controllers, std::move(c));
        buses_[index] = Bus{kind, {}};
        return index;
    }

    conf::DomainDef& def_;
    bool q35_;
    std::map<uint32_t, Bus> buses_;
    std::set<uint32_t> rootPortSlots_;
};

// One device that wants a PCI address, in libvirt's assignment order. The device is found
// again when its address is stored: placing a device may add controllers, which moves the
// controller list.
struct Wanted {
    std::function<conf::DeviceInfo&()> info;
    Need need;
    std::string what;
};

bool conventionalNet(const conf::InterfaceDef& n) {
    std::string m = n.model.value_or("");
    return m == "e1000" || m == "rtl8139" || m == "ne2k_pci" || m == "pcnet";
}

bool controllerWantsPci(const ControllerDef& c) {
    switch (c.type) {
        case ControllerType::kUsb:
            return c.model.value_or("") != "none";
        case ControllerType::kScsi:
        case ControllerType::kVirtioSerial:
            return true;
        case ControllerType::kSata:
        case ControllerType::kIde:
            return c.index != 0;
        default:
            return false;
    }
}

std::vector<Wanted> collectWanted(conf::DomainDef& def) {
    std::vector<Wanted> out;
    conf::DeviceList& d = def.mutDevs();
    auto want =
             [&](conf::DeviceInfo&info, Need need, std::string what) {
                 conf::DeviceInfo* p = &info;
                 if (!info.hasAddress()) out.push_back(Wanted{[p]() -> auto& { return *p;
             },
         need, what
});
};
for (auto& n : d.interfaces)
    want(n.info, conventionalNet(n) ? Need::kConventional : Need::kPcie, "an interface");
for (auto& c : d.controllers) {
    if (!controllerWantsPci(c) || c.info.hasAddress()) continue;
    ControllerType type = c.type;
    int32_t index = c.index;
    out.push_back(Wanted{
        [&d, type, index]() -> conf::DeviceInfo& {
            for (auto& x : d.controllers)
                if (x.type == type && x.index == index) return x.info;
            return d.controllers.front().info;  // not reached
        },
        Need::kPcie, fmt::format("controller {} {}", conf::kControllerTypes.name(type), index)});
}
for (auto& disk : d.disks)
    if (disk.bus == conf::DiskBus::kVirtio)
        want(disk.info, Need::kPcie, fmt::format("disk '{}'", disk.dst));
if (d.memballoon && d.memballoon->model != conf::MemballoonModel::kNone)
    want(d.memballoon->info, Need::kPcie, "the memory balloon");
for (auto& r : d.rngs) want(r.info, Need::kPcie, "an rng device");
for (auto& w : d.watchdogs)
    if (w.model == conf::WatchdogModel::kI6300esb)
        want(w.info, Need::kConventional, "the i6300esb watchdog");
for (size_t i = 1; i < d.videos.size(); ++i)
    if (d.videos[i].model != conf::VideoModel::kNone)
        want(d.videos[i].info, Need::kPcie, "a secondary video device");
for (auto& in : d.inputs)
    if (in.bus == conf::InputBus::kVirtio) want(in.info, Need::kPcie, "a virtio input device");
return out;
}

// Every device with a PCI address, for the reservation pass.
template <typename F>
void forEachInfo(conf::DomainDef& def, F&& f) {
    conf::DeviceList& d = def.mutDevs();
    for (auto& x : d.disks) f(x.info, fmt::format("disk '{}'", x.dst));
    for (auto& x : d.controllers)
        f(x.info, fmt::format("controller {} {}", conf::kControllerTypes.name(x.type), x.index));
    for (auto& x : d.interfaces) f(x.info, std::string("an interface"));
    for (auto& x : d.videos) f(x.info, std::string("a video device"));
    for (auto& x : d.inputs) f(x.info, std::string("an input device"));
    for (auto& x : d.rngs) f(x.info, std::string("an rng device"));
    for (auto& x : d.watchdogs) f(x.info, std::string("a watchdog"));
    for (auto& x : d.sounds) f(x.info, std::string("a sound device"));
    for (auto& x : d.hostdevs) f(x.info, std::string("a host device"));
    if (d.memballoon) f(d.memballoon->info, std::string("the memory balloon"));
}

Status placeBuiltins(conf::DomainDef& def, bool q35, Allocator& alloc) {
    if (!q35) {
        alloc.reserveBuiltin(0, 0);
        for (uint32_t fn = 0; fn < 4; ++fn) alloc.reserveBuiltin(1, fn);
    } else {
        alloc.reserveBuiltin(0, 0);
        for (uint32_t fn = 0; fn < 4; ++fn) alloc.reserveBuiltin(0x1f, fn);
    }
    conf::DeviceList& d = def.mutDevs();
    for (auto& c : d.controllers) {
        if (c.info.hasAddress() || c.index != 0) continue;
        if (!q35 && c.type == ControllerType::kIde) c.info.address = PciAddress{0, 0, 1, 1, {}};
        if (!q35 && c.type == ControllerType::kUsb && c.model.value_or("") == "piix3-uhci")
            c.info.address = PciAddress{0, 0, 1, 2, {}};
        if (q35 && c.type == ControllerType::kSata) c.info.address = PciAddress{0, 0, 0x1f, 2, {}};
    }
    if (!d.videos.empty() && !d.videos[0].info.hasAddress() &&
        d.videos[0].model != conf::VideoModel::kNone) {
        uint32_t slot = q35 ? 1 : 2;
        if (alloc.slotFree(slot)) {
            alloc.reserveBuiltin(slot, 0);
            d.videos[0].info.address = PciAddress{0, 0, slot, 0, {}};
        } else {
            NODEVIRT_ASSIGN_OR_RETURN(PciAddress a, alloc.next(Need::kPcie, "the primary video"));
            d.videos[0].info.address = a;
        }
    }
    return ok();
}

}  // namespace

Status assignPciAddresses(conf::DomainDef& def, bool q35) {
    Allocator alloc(def, q35);
    Status st = ok();
    // Addresses the XML gives, and those of built-in devices (the PIIX3/ICH9 functions are
    // reserved whole, so a given address there is an error except for the built-ins).
    forEachInfo(def, [&](conf::DeviceInfo& info, const std::string& what) {
        if (!st || !info.pci()) return;
        st = alloc.reserve(*info.pci(), what);
    });
    NODEVIRT_TRY(st);
    NODEVIRT_TRY(placeBuiltins(def, q35, alloc));
    if (q35) {
        std::vector<Need> needs;
        for (const Wanted& w : collectWanted(def)) needs.push_back(w.need);
        NODEVIRT_TRY(alloc.planQ35Buses(needs));
        NODEVIRT_TRY(alloc.placeBridges());
    }
    for (const Wanted& w : collectWanted(def)) {
        NODEVIRT_ASSIGN_OR_RETURN(PciAddress a, alloc.next(w.need, w.what));
        w.info().address = a;
    }
    return ok();
}

bool isQ35Machine(std::string_view machine) {
    return machine == "q35" || machine.rfind("pc-q35", 0) == 0;
}

std::string pciBusName(const BuildState& s, uint32_t bus) {
    if (bus == 0) return s.q35 ? "pcie.0" : "pci.0";
    return fmt::format("pci.{}", bus);
}

std::string pciAddrValue(const PciAddress& a) {
    if (a.function == 0) return fmt::format("0x{:x}", a.slot);
    return fmt::format("0x{:x}.0x{:x}", a.slot, a.function);
}

void addPciAddress(const BuildState& s, const conf::DeviceInfo& info, OrderedJson& dev) {
    const PciAddress* a = info.pci();
    if (!a) return;
    dev["bus"] = pciBusName(s, a->bus);
    if (a->multifunction) dev["multifunction"] = *a->multifunction;
    dev["addr"] = pciAddrValue(*a);
}

}  // namespace nodevirt::qemu::command
