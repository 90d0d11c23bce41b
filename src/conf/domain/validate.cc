// validateDomainDef: checks across sections that libvirt makes on every define.
#include <fmt/format.h>

#include "conf/domain/domain_xml.h"

namespace nodevirt::conf {
namespace {

Status checkBootOrders(const DomainDef& def) {
    const DeviceList& d = def.devs();
    std::vector<uint32_t> seen;
    auto check = [&](const auto& list) -> Status {
        for (const auto& dev : list) {
            if (!dev.info.boot_order) continue;
            if (def.os.nboot > 0)
                return fail(configUnsupported(
                    "per-device boot elements cannot be used together with os/boot elements",
                    ErrorDomain::kDomain));
            if (std::find(seen.begin(), seen.end(), *dev.info.boot_order) != seen.end())
                return fail(
                    configUnsupported(fmt::format("boot order '{}' used for more than one device",
                                                  *dev.info.boot_order),
                                      ErrorDomain::kDomain));
            seen.push_back(*dev.info.boot_order);
        }
        return ok();
    };
    NODEVIRT_TRY(check(d.disks));
    NODEVIRT_TRY(check(d.interfaces));
    NODEVIRT_TRY(check(d.hostdevs));
    return check(d.filesystems);
}

Status checkDisks(const DeviceList& d) {
    for (size_t i = 0; i < d.disks.size(); ++i) {
        const DiskDef& a = d.disks[i];
        for (size_t j = i + 1; j < d.disks.size(); ++j) {
            const DiskDef& b = d.disks[j];
            if (a.dst == b.dst)
                return fail(xmlError(
                    fmt::format("target '{}' duplicated for disk sources '{}' and '{}'", a.dst,
                                a.source.path.value_or(""), b.source.path.value_or("")),
                    ErrorDomain::kDomain));
            const DriveAddress* da = a.info.drive();
            const DriveAddress* db = b.info.drive();
            if (da && db && *da == *db && a.bus == b.bus)
                return fail(configUnsupported(
                    fmt::format("Found duplicate drive address for disk with target name '{}' "
                                "controller='{}' "
                                "bus='{}' target='{}' unit='{}'",
                                a.dst, da->controller, da->bus, da->target, da->unit),
                    ErrorDomain::kDomain));
        }
    }
    return ok();
}

Status checkControllers(const DeviceList& d) {
    for (size_t i = 0; i < d.controllers.size(); ++i) {
        for (size_t j = i + 1; j < d.controllers.size(); ++j) {
            const ControllerDef& a = d.controllers[i];
            const ControllerDef& b = d.controllers[j];
            // USB companion controllers share the index of their master.
            bool companions = a.type == ControllerType::kUsb &&
                              (a.info.master_startport || b.info.master_startport);
            if (a.type == b.type && a.index == b.index && a.index != ControllerDef::kIndexUnset &&
                !companions)
                return fail(xmlError(fmt::format("Multiple '{}' controllers with index '{}'",
                                                 kControllerTypes.name(a.type), a.index),
                                     ErrorDomain::kDomain));
        }
    }
    return ok();
}

Status checkNuma(const DomainDef& def) {
    if (!def.extras || !def.extras->cpu) return ok();
    for (const auto& cell : def.extras->cpu->cells)
        if (cell.cpus && !cell.cpus->empty() && cell.cpus->last() >= def.vcpu.max)
            return fail(internalError("CPU IDs in <numa> exceed the <vcpu> count"));
    return ok();
}

}  // namespace

Status validateDomainDef(const DomainDef& def) {
    if (def.vcpu.current && *def.vcpu.current > def.vcpu.max)
        return fail(configUnsupported("maximum vCPU count must not be less than current vCPU count",
                                      ErrorDomain::kDomain));
    NODEVIRT_TRY(checkBootOrders(def));
    NODEVIRT_TRY(checkDisks(def.devs()));
    NODEVIRT_TRY(checkControllers(def.devs()));
    NODEVIRT_TRY(checkNuma(def));
    const auto& consoles = def.devs().consoles;
    for (size_t i = 1; i < consoles.size(); ++i)
        if (consoles[i].targetIs("serial"))
            return fail(configUnsupported("Only the first console can be a serial port",
                                          ErrorDomain::kDomain));
    return ok();
}

}  // namespace nodevirt::conf
