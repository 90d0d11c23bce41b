// DomainDeviceOps of the test driver: attach, detach and update devices on the live and/or
// persistent definition. libvirt 9.0's test driver refuses these calls ("not supported");
// nodevirt implements them on the in-memory definitions (a deliberate improvement, see
// README.md). Devices are identified as libvirt does: disks by target, interfaces by MAC,
// controllers by type and index, other classes by their whole definition.
#include <fmt/format.h>

#include "conf/domain/domain_def.h"
#include "conf/domain/post_parse.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/domain_common.h"
#include "drivers/test/domain_impact.h"
#include "drivers/test/facets.h"

namespace nodevirt::drivers::test {
namespace {

Error missing(std::string_view what) { return Error::make(ErrorCode::kDeviceMissing, ErrorDomain::kDomain, what); }

Error unsupportedClass(const conf::DeviceDef& dev, std::string_view op) {
    return Error::make(ErrorCode::kOperationUnsupported, ErrorDomain::kDomain,
                       fmt::format("{} of device '{}' is not supported", op, conf::deviceElementName(dev)));
}

// The list of the device's class, or nullptr for the single-instance classes.
std::vector<conf::ChrDef>* chrList(conf::DeviceList& l, std::string_view element) {
    if (element == "serial") return &l.serials;
    if (element == "parallel") return &l.parallels;
    if (element == "console") return &l.consoles;
    if (element == "channel") return &l.channels;
    return nullptr;
}

Status addDevice(conf::DomainDef& def, const conf::DeviceDef& dev) {
    conf::DeviceList& l = def.mutDevs();
    return std::visit(
        [&](const auto& d) -> Status {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, conf::DiskDef>) {
                if (def.findDisk(d.dst)) {
                    return fail(operationFailed(fmt::format("target {} already exists", d.dst), ErrorDomain::kDomain));
                }
                conf::insertDisk(l.disks, d);
            } else if constexpr (std::is_same_v<T, conf::ControllerDef>) {
                if (def.findController(d.type, d.index)) {
                    return fail(operationFailed("target controller already exists", ErrorDomain::kDomain));
                }
                conf::insertController(l.controllers, d);
            } else if constexpr (std::is_same_v<T, conf::InterfaceDef>) {
                if (d.mac && def.findInterface(*d.mac)) {
                    return fail(operationFailed(fmt::format("interface with MAC {} already exists", d.mac->toString()),
                                                ErrorDomain::kDomain));
                }
                l.interfaces.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::ChrDef>) {
                chrList(l, conf::deviceElementName(dev))->push_back(d);
            } else if constexpr (std::is_same_v<T, conf::FilesystemDef>) {
                l.filesystems.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::InputDef>) {
                l.inputs.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::TpmDef>) {
                l.tpms.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::GraphicsDef>) {
                l.graphics.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::SoundDef>) {
                l.sounds.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::VideoDef>) {
                l.videos.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::HostdevDef>) {
                l.hostdevs.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::WatchdogDef>) {
                l.watchdogs.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::RngDef>) {
                l.rngs.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::PanicDef>) {
                l.panics.push_back(d);
            } else if constexpr (std::is_same_v<T, conf::MemballoonDef>) {
                if (l.memballoon) return fail(operationFailed("domain already has a memballoon device", ErrorDomain::kDomain));
                l.memballoon = d;
            } else {
                if (l.vsock) return fail(operationFailed("domain already has a vsock device", ErrorDomain::kDomain));
                l.vsock = d;
            }
            return ok();
        },
        dev);
}

// Removes (or, with `replacement`, replaces) the device matching `dev`.
template <typename T, typename Same>
Status removeFrom(std::vector<T>& v, const Same& same, const conf::DeviceDef* replacement, std::string_view what) {
    auto it = std::find_if(v.begin(), v.end(), same);
    if (it == v.end()) return fail(missing(what));
    if (replacement) *it = std::get<T>(*replacement);
    else v.erase(it);
    return ok();
}

Status removeDevice(conf::DomainDef& def, const conf::DeviceDef& dev, const conf::DeviceDef* replacement) {
    conf::DeviceList& l = def.mutDevs();
    return std::visit(
        [&](const auto& d) -> Status {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, conf::DiskDef>) {
                return removeFrom(l.disks, [&](const conf::DiskDef& x) { return x.dst == d.dst; }, replacement,
                                  fmt::format("no target device {}", d.dst));
            } else if constexpr (std::is_same_v<T, conf::ControllerDef>) {
                return removeFrom(l.controllers,
                                  [&](const conf::ControllerDef& x) { return x.type == d.type && x.index == d.index; },
                                  replacement, "controller not found");
            } else if constexpr (std::is_same_v<T, conf::InterfaceDef>) {
                return removeFrom(l.interfaces,
                                  [&](const conf::InterfaceDef& x) { return !d.mac || (x.mac && *x.mac == *d.mac); },
                                  replacement,
                                  fmt::format("no device matching MAC address {} found",
                                              d.mac ? d.mac->toString() : std::string("?")));
            } else if constexpr (std::is_same_v<T, conf::ChrDef>) {
                return removeFrom(*chrList(l, conf::deviceElementName(dev)),
                                  [&](const conf::ChrDef& x) { return x == d; }, replacement,
                                  "matching character device not found");
            } else if constexpr (std::is_same_v<T, conf::MemballoonDef> || std::is_same_v<T, conf::VsockDef>) {
                return fail(unsupportedClass(dev, replacement ? "update" : "detach"));
            } else {
                std::vector<T>* list = nullptr;
                if constexpr (std::is_same_v<T, conf::FilesystemDef>) list = &l.filesystems;
                if constexpr (std::is_same_v<T, conf::InputDef>) list = &l.inputs;
                if constexpr (std::is_same_v<T, conf::TpmDef>) list = &l.tpms;
                if constexpr (std::is_same_v<T, conf::GraphicsDef>) list = &l.graphics;
                if constexpr (std::is_same_v<T, conf::SoundDef>) list = &l.sounds;
                if constexpr (std::is_same_v<T, conf::VideoDef>) list = &l.videos;
                if constexpr (std::is_same_v<T, conf::HostdevDef>) list = &l.hostdevs;
                if constexpr (std::is_same_v<T, conf::WatchdogDef>) list = &l.watchdogs;
                if constexpr (std::is_same_v<T, conf::RngDef>) list = &l.rngs;
                if constexpr (std::is_same_v<T, conf::PanicDef>) list = &l.panics;
                // Graphics are updated by type (passwords, listen addresses change).
                if constexpr (std::is_same_v<T, conf::GraphicsDef>) {
                    if (replacement) {
                        return removeFrom(*list, [&](const conf::GraphicsDef& x) { return x.type == d.type; },
                                          replacement, "cannot find existing graphics device to modify");
                    }
                }
                return removeFrom(*list, [&](const T& x) { return x == d; }, replacement,
                                  fmt::format("matching {} device not found", conf::deviceElementName(dev)));
            }
        },
        dev);
}

enum class Op { kAttach, kDetach, kUpdate };

Status changeDevice(TestContext& ctx, const DomainRef& dom, const std::string& xml, unsigned flags, Op op,
                    std::string_view function) {
    using namespace lv;
    unsigned allowed = kDomainDeviceModifyLive | kDomainDeviceModifyConfig;
    if (op == Op::kUpdate) allowed |= kDomainDeviceModifyForce;
    NODEVIRT_TRY(checkFlags(flags, allowed, function));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx.state(), dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, defsImpact(v, flags & (kDomainAffectLive | kDomainAffectConfig)));
    conf::DeviceParseOptions opts;
    opts.inactive = true;
    opts.profile = &conf::testDriverPostParseProfile();
    auto apply = [&](const core::DomainDefPtr& base) -> Result<std::shared_ptr<conf::DomainDef>> {
        NODEVIRT_ASSIGN_OR_RETURN(conf::DeviceDef dev, conf::parseDeviceXml(xml, *base, opts));
        auto def = copyDef(base);
        if (op == Op::kAttach) NODEVIRT_TRY(addDevice(*def, dev));
        else if (op == Op::kDetach) NODEVIRT_TRY(removeDevice(*def, dev, nullptr));
        else NODEVIRT_TRY(removeDevice(*def, dev, &dev));
        NODEVIRT_TRY(conf::validateDomainDef(*def));
        return def;
    };
    std::shared_ptr<conf::DomainDef> live, config;
    if (impact.config) {
        NODEVIRT_ASSIGN_OR_RETURN(config, apply(v.inactiveDef()));
    }
    if (impact.live) {
        NODEVIRT_ASSIGN_OR_RETURN(live, apply(v.def));
    }
    if (live) job->setDef(job, std::move(live));
    if (config) Impact::publishConfig(job, std::move(config));
    return ok();
}

}  // namespace

Status TestDomainDevices::attachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    return changeDevice(ctx_, dom, xml, flags, Op::kAttach, "testDomainAttachDeviceFlags");
}

Status TestDomainDevices::detachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    return changeDevice(ctx_, dom, xml, flags, Op::kDetach, "testDomainDetachDeviceFlags");
}

Status TestDomainDevices::updateDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    return changeDevice(ctx_, dom, xml, flags, Op::kUpdate, "testDomainUpdateDeviceFlags");
}

Status TestDomainDevices::detachDeviceAlias(const DomainRef& dom, const std::string& alias, unsigned flags) {
    using namespace lv;
    NODEVIRT_TRY(checkFlags(flags, kDomainAffectLive | kDomainAffectConfig, "testDomainDetachDeviceAlias"));
    NODEVIRT_ASSIGN_OR_RETURN(auto job, beginDomainJob(ctx_.state(), dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, defsImpact(v, flags));
    auto drop = [&](const core::DomainDefPtr& base) -> Result<std::shared_ptr<conf::DomainDef>> {
        auto def = copyDef(base);
        conf::DeviceList& l = def->mutDevs();
        auto byAlias = [&](const auto& d) { return d.info.alias && *d.info.alias == alias; };
        bool found = false;
        auto erase = [&](auto& vec) {
            if (found) return;
            auto it = std::find_if(vec.begin(), vec.end(), byAlias);
            if (it != vec.end()) {
                vec.erase(it);
                found = true;
            }
        };
        erase(l.disks);
        erase(l.interfaces);
        erase(l.controllers);
        erase(l.hostdevs);
        erase(l.filesystems);
        if (!found) return fail(missing(fmt::format("no device found with alias {}", alias)));
        return def;
    };
    std::shared_ptr<conf::DomainDef> live, config;
    if (impact.config) {
        NODEVIRT_ASSIGN_OR_RETURN(config, drop(v.inactiveDef()));
    }
    if (impact.live) {
        NODEVIRT_ASSIGN_OR_RETURN(live, drop(v.def));
    }
    if (live) job->setDef(job, std::move(live));
    if (config) Impact::publishConfig(job, std::move(config));
    return ok();
}

}  // namespace nodevirt::drivers::test
