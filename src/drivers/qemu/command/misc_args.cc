// Small devices: watchdog (i6300esb on PCI, ib700 on ISA, with the action QEMU takes when it
// fires), the virtio memory balloon, and virtio RNGs with their host-side rng object.
#include <fmt/format.h>

#include "drivers/qemu/command/argv_parts.h"

namespace nodevirt::qemu::command {
namespace {

Result<std::string_view> watchdogAction(conf::WatchdogAction a) {
    switch (a) {
        case conf::WatchdogAction::kReset:
            return std::string_view("reset");
        case conf::WatchdogAction::kShutdown:
            return std::string_view("shutdown");
        case conf::WatchdogAction::kPoweroff:
            return std::string_view("poweroff");
        case conf::WatchdogAction::kPause:
            return std::string_view("pause");
        case conf::WatchdogAction::kNone:
            return std::string_view("none");
        case conf::WatchdogAction::kInjectNmi:
            return std::string_view("inject-nmi");
        case conf::WatchdogAction::kDump:
            break;
    }
    return fail(unsupported("watchdog action 'dump' is not supported"));
}

Status addWatchdogs(BuildState& s) {
    const auto& dogs = s.def.devs().watchdogs;
    if (dogs.size() > 1) return fail(unsupported("only one watchdog is supported"));
    for (const auto& w : dogs) {
        OrderedJson dev;
        switch (w.model) {
            case conf::WatchdogModel::kI6300esb:
                dev["driver"] = "i6300esb";
                break;
            case conf::WatchdogModel::kIb700:
                dev["driver"] = "ib700";
                break;
            default:
                return fail(unsupported(fmt::format("watchdog model '{}' is not supported",
                                                    conf::kWatchdogModels.name(w.model))));
        }
        dev["id"] = w.info.alias.value_or("watchdog0");
        addPciAddress(s, w.info, dev);
        s.addJson("-device", dev);
        NODEVIRT_ASSIGN_OR_RETURN(std::string_view action, watchdogAction(w.action));
        s.add("-watchdog-action", std::string(action));
    }
    return ok();
}

Status addBalloon(BuildState& s) {
    const auto& balloon = s.def.devs().memballoon;
    if (!balloon || balloon->model == conf::MemballoonModel::kNone) return ok();
    OrderedJson dev;
    switch (balloon->model) {
        case conf::MemballoonModel::kVirtio:
            dev["driver"] = "virtio-balloon-pci";
            break;
        case conf::MemballoonModel::kVirtioTransitional:
            dev["driver"] = "virtio-balloon-pci-transitional";
            break;
        case conf::MemballoonModel::kVirtioNonTransitional:
            dev["driver"] = "virtio-balloon-pci-non-transitional";
            break;
        default:
            return fail(unsupported(fmt::format("memballoon model '{}' is not supported",
                                                conf::kMemballoonModels.name(balloon->model))));
    }
    dev["id"] = balloon->info.alias.value_or("balloon0");
    if (balloon->autodeflate) dev["deflate-on-oom"] = *balloon->autodeflate;
    if (balloon->free_page_reporting) dev["free-page-reporting"] = *balloon->free_page_reporting;
    addPciAddress(s, balloon->info, dev);
    s.addJson("-device", dev);
    return ok();
}

Status addRngs(BuildState& s) {
    const auto& rngs = s.def.devs().rngs;
    for (size_t i = 0; i < rngs.size(); ++i) {
        const conf::RngDef& r = rngs[i];
        std::string alias = r.info.alias.value_or(fmt::format("rng{}", i));
        std::string obj_id = "obj" + alias;
        OrderedJson obj;
        switch (r.backend) {
            case conf::RngBackend::kRandom:
                obj["qom-type"] = "rng-random";
                obj["id"] = obj_id;
                obj["filename"] = r.random_path.empty() ? "/dev/random" : r.random_path;
                break;
            case conf::RngBackend::kBuiltin:
                obj["qom-type"] = "rng-builtin";
                obj["id"] = obj_id;
                break;
            case conf::RngBackend::kEgd:
                return fail(unsupported("rng backend 'egd' is not supported"));
        }
        if (r.model != conf::RngModel::kVirtio)
            return fail(unsupported(
                fmt::format("rng model '{}' is not supported", conf::kRngModels.name(r.model))));
        s.addJson("-object", obj);
        OrderedJson dev;
        dev["driver"] = "virtio-rng-pci";
        dev["rng"] = obj_id;
        dev["id"] = alias;
        if (r.rate_bytes) {
            dev["max-bytes"] = *r.rate_bytes;
            dev["period"] = r.rate_period.value_or(1000);
        }
        addPciAddress(s, r.info, dev);
        s.addJson("-device", dev);
    }
    return ok();
}

}  // namespace

Status addMiscArgs(BuildState& s) {
    const conf::DeviceList& d = s.def.devs();
    if (!d.sounds.empty()) return fail(unsupported("sound devices are not supported"));
    if (!d.hostdevs.empty()) return fail(unsupported("host devices are not supported"));
    if (!d.filesystems.empty()) return fail(unsupported("filesystems are not supported"));
    if (!d.tpms.empty()) return fail(unsupported("TPM devices are not supported"));
    if (!d.panics.empty()) return fail(unsupported("panic devices are not supported"));
    if (d.vsock) return fail(unsupported("vsock devices are not supported"));
    NODEVIRT_TRY(addWatchdogs(s));
    NODEVIRT_TRY(addBalloon(s));
    return addRngs(s);
}

}  // namespace nodevirt::qemu::command
