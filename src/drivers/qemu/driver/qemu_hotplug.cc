// Device attach/detach of the QEMU driver. The persistent definition changes like any define
// (saved in the config dir); a running domain gets disks live: blockdev-add of the protocol
// and format nodes and device_add, with the very properties the command line would have
// (command/hotplug_props.h), and loses them with device_del, DEVICE_DELETED (bounded wait)
// and blockdev-del. The live definition and the status file follow each change.
#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "conf/domain/device_ops.h"
#include "conf/domain/domain_xml.h"
#include "driver/libvirt_constants.h"
#include "drivers/qemu/command/hotplug_props.h"
#include "drivers/qemu/command/post_parse_profile.h"
#include "drivers/qemu/driver/qemu_domain.h"
#include "drivers/qemu/driver/qemu_facets.h"
#include "util/logging.h"

namespace nodevirt::qemu {
namespace {

using std::chrono::milliseconds;

// libvirt waits this long for the guest to release a device.
constexpr milliseconds kUnplugWait{5000};
constexpr unsigned kModifyFlags = lv::kDomainAffectLive | lv::kDomainAffectConfig;

struct Impact {
    bool live = false;
    bool config = false;
};

Result<Impact> impactOf(const core::DomainView& v, unsigned flags) {
    Impact i{(flags & lv::kDomainAffectLive) != 0, (flags & lv::kDomainAffectConfig) != 0};
    if (!i.live && !i.config) (v.active() ? i.live : i.config) = true;
    if (i.live && !v.active()) {
        return fail(operationInvalid("domain is not running", ErrorDomain::kQemu));
    }
    if (i.config && !v.persistent()) {
        return fail(operationInvalid("cannot modify device on transient domain", ErrorDomain::kQemu));
    }
    return i;
}

std::string deviceName(const conf::DeviceDef& dev) {
    if (const auto* disk = std::get_if<conf::DiskDef>(&dev)) return fmt::format("disk '{}'", disk->dst);
    return fmt::format("device '{}'", conf::deviceElementName(dev));
}

// The QEMU error, with the device it was about in front.
Error aboutDevice(std::string_view device, Error e) {
    e.message = fmt::format("{}: {}", device, e.message);
    return e;
}

Result<conf::DeviceDef> parseDevice(const std::string& xml, const conf::DomainDef& context) {
    conf::DeviceParseOptions opts;
    opts.inactive = true;
    opts.profile = &qemuPostParseProfile();
    return conf::parseDeviceXml(xml, context, opts);
}

// Saves and publishes a new persistent definition.
Status publishConfig(QemuDriver& d, const core::JobGuard& job, std::shared_ptr<conf::DomainDef> def) {
    conf::DomainFormatOptions fo;
    fo.inactive = true;
    fo.secure = true;
    NODEVIRT_TRY(d.configDir().save(def->name, conf::formatDomainXml(*def, fo)));
    if (job->active()) job->setNextDef(job, std::move(def));
    else job->setDef(job, std::move(def));
    return ok();
}

// A node-name prefix no node of the running QEMU uses: one past the highest "libvirt-N" (the
// command line numbers its disks 1..n).
Result<std::string> freeNodeName(QemuDriver& d, const core::JobGuard& job, const conf::DomainDef& live) {
    NODEVIRT_ASSIGN_OR_RETURN(Json nodes, d.monitorCommand(job, "query-named-block-nodes", Json{{"flat", true}}));
    size_t highest = 0;
    for (const auto& disk : live.devs().disks)
        if (disk.source.path) ++highest;
    static const std::regex kNode("libvirt-([0-9]{1,9})-.*");
    if (nodes.is_array()) {
        for (const Json& n : nodes) {
            std::smatch m;
            std::string name = n.value("node-name", "");
            if (std::regex_match(name, m, kNode)) highest = std::max<size_t>(highest, std::stoul(m[1]));
        }
    }
    return fmt::format("libvirt-{}", highest + 1);
}

// The format node QEMU attached to the device `alias` (query-block's qdev is the device's id or
// its QOM path "/machine/peripheral/<id>/..."); empty when it has no medium.
Result<std::string> formatNodeOf(QemuDriver& d, const core::JobGuard& job, const std::string& alias) {
    NODEVIRT_ASSIGN_OR_RETURN(Json blocks, d.monitorCommand(job, "query-block"));
    const std::string path = "/machine/peripheral/" + alias;
    if (!blocks.is_array()) return std::string();
    for (const Json& b : blocks) {
        std::string qdev = b.value("qdev", "");
        bool match = qdev == alias || qdev == path || qdev.rfind(path + "/", 0) == 0;
        if (!match || !b.contains("inserted") || !b["inserted"].is_object()) continue;
        return b["inserted"].value("node-name", "");
    }
    return std::string();
}

// Removes block nodes again (hot-plug rollback, after unplug); failures are only logged.
void deleteNodes(QemuDriver& d, const core::JobGuard& job, const std::vector<std::string>& nodes) {
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
        if (auto r = d.monitorCommand(job, "blockdev-del", Json{{"node-name", *it}}); !r) {
            log::warn("QEMU driver: blockdev-del of {}: {}", *it, r.error().message);
        }
    }
}

Result<std::shared_ptr<conf::DomainDef>> attachDiskLive(QemuDriver& d, const core::JobGuard& job,
                                                        const conf::DeviceDef& dev) {
    const auto& disk = std::get<conf::DiskDef>(dev);
    std::string what = deviceName(dev);
    auto live = std::make_shared<conf::DomainDef>(*job->def());
    NODEVIRT_TRY(conf::addDevice(*live, dev));
    NODEVIRT_TRY(completeHotplugDefinition(*live));
    const conf::DiskDef* added = live->findDisk(disk.dst);
    if (!added) return fail(internalError(fmt::format("{} vanished from the live definition", what)));
    NODEVIRT_ASSIGN_OR_RETURN(std::string node, freeNodeName(d, job, *job->def()));
    NODEVIRT_ASSIGN_OR_RETURN(DiskHotplugProps props, diskHotplugProps(*live, *added, node));
    std::vector<std::string> made;
    for (const Json& blockdev : props.blockdevs) {
        if (auto r = d.monitorCommand(job, "blockdev-add", blockdev); !r) {
            deleteNodes(d, job, made);
            return fail(aboutDevice(what, r.error()));
        }
        made.push_back(blockdev.value("node-name", ""));
    }
    if (auto r = d.monitorCommand(job, "device_add", props.device); !r) {
        deleteNodes(d, job, made);
        return fail(aboutDevice(what, r.error()));
    }
    return live;
}

Result<std::shared_ptr<conf::DomainDef>> detachDiskLive(QemuDriver& d, const core::JobGuard& job,
                                                        const conf::DiskDef& disk) {
    std::string what = fmt::format("disk '{}'", disk.dst);
    if (!disk.info.alias) return fail(operationFailed(what + " has no alias, QEMU cannot name it"));
    const std::string& alias = *disk.info.alias;
    NODEVIRT_ASSIGN_OR_RETURN(std::string format_node, formatNodeOf(d, job, alias));
    d.deviceRemovals().expect(job->uuid(), alias);
    if (auto r = d.monitorCommand(job, "device_del", Json{{"id", alias}}); !r) {
        (void)d.deviceRemovals().wait(job->uuid(), alias, milliseconds(0));
        return fail(aboutDevice(what, r.error()));
    }
    milliseconds wait = std::min(kUnplugWait, d.options().command_timeout);
    if (!d.deviceRemovals().wait(job->uuid(), alias, wait)) {
        return fail(Error::make(ErrorCode::kOperationTimeout, ErrorDomain::kQemu,
                                fmt::format("{} (alias {}) was not released by the guest within {} ms; "
                                            "it stays in the live definition",
                                            what, alias, wait.count())));
    }
    std::vector<std::string> nodes;
    static const std::string kFormat = "-format";
    if (format_node.size() > kFormat.size() &&
        format_node.compare(format_node.size() - kFormat.size(), kFormat.size(), kFormat) == 0) {
        nodes.push_back(format_node.substr(0, format_node.size() - kFormat.size()) + "-storage");
    }
    if (!format_node.empty()) nodes.push_back(format_node);
    deleteNodes(d, job, nodes);  // format node first (reverse order), then its file
    auto live = std::make_shared<conf::DomainDef>(*job->def());
    auto& disks = live->mutDevs().disks;
    disks.erase(std::remove_if(disks.begin(), disks.end(),
                               [&](const conf::DiskDef& x) { return x.dst == disk.dst; }),
                disks.end());
    return live;
}

// conf::removeDevice; a missing disk is named as libvirt names it ("disk vdb not found").
Result<conf::DeviceDef> removeFrom(conf::DomainDef& def, const conf::DeviceDef& dev) {
    auto removed = conf::removeDevice(def, dev);
    const auto* disk = std::get_if<conf::DiskDef>(&dev);
    if (!removed && disk && removed.error().code == ErrorCode::kDeviceMissing) {
        return fail(Error::make(ErrorCode::kDeviceMissing, ErrorDomain::kQemu,
                                fmt::format("disk {} not found", disk->dst)));
    }
    return removed;
}

Error liveUnsupported(const conf::DeviceDef& dev, std::string_view op) {
    return configUnsupported(fmt::format("live {} of {} is not supported by the QEMU driver (disks only)",
                                         op, deviceName(dev)),
                             ErrorDomain::kQemu);
}

}  // namespace

Status QemuDomainDevices::attachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kModifyFlags, "qemuDomainAttachDeviceFlags"));
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, impactOf(v, flags));
    std::shared_ptr<conf::DomainDef> config;
    if (impact.config) {
        NODEVIRT_ASSIGN_OR_RETURN(conf::DeviceDef dev, parseDevice(xml, *v.inactiveDef()));
        config = std::make_shared<conf::DomainDef>(*v.inactiveDef());
        NODEVIRT_TRY(conf::addDevice(*config, dev));
        NODEVIRT_TRY(conf::validateDomainDef(*config));
    }
    if (impact.live) {
        NODEVIRT_ASSIGN_OR_RETURN(conf::DeviceDef dev, parseDevice(xml, *v.def));
        if (!std::holds_alternative<conf::DiskDef>(dev)) return fail(liveUnsupported(dev, "attach"));
        NODEVIRT_ASSIGN_OR_RETURN(auto live, attachDiskLive(d, job, dev));
        job->setDef(job, std::move(live));
        if (Status st = d.saveStatus(job); !st) log::warn("QEMU driver: {}", st.error().message);
    }
    if (config) NODEVIRT_TRY(publishConfig(d, job, std::move(config)));
    return ok();
}

Status QemuDomainDevices::detachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kModifyFlags, "qemuDomainDetachDeviceFlags"));
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, impactOf(v, flags));
    std::shared_ptr<conf::DomainDef> config;
    if (impact.config) {
        NODEVIRT_ASSIGN_OR_RETURN(conf::DeviceDef dev, parseDevice(xml, *v.inactiveDef()));
        config = std::make_shared<conf::DomainDef>(*v.inactiveDef());
        NODEVIRT_TRY(removeFrom(*config, dev));
    }
    if (impact.live) {
        NODEVIRT_ASSIGN_OR_RETURN(conf::DeviceDef dev, parseDevice(xml, *v.def));
        if (!std::holds_alternative<conf::DiskDef>(dev)) return fail(liveUnsupported(dev, "detach"));
        auto probe = std::make_shared<conf::DomainDef>(*v.def);
        NODEVIRT_ASSIGN_OR_RETURN(conf::DeviceDef found, removeFrom(*probe, dev));
        NODEVIRT_ASSIGN_OR_RETURN(auto live, detachDiskLive(d, job, std::get<conf::DiskDef>(found)));
        job->setDef(job, std::move(live));
        if (Status st = d.saveStatus(job); !st) log::warn("QEMU driver: {}", st.error().message);
    }
    if (config) NODEVIRT_TRY(publishConfig(d, job, std::move(config)));
    return ok();
}

Status QemuDomainDevices::detachDeviceAlias(const DomainRef& dom, const std::string& alias, unsigned flags) {
    NODEVIRT_TRY(checkQemuFlags(flags, kModifyFlags, "qemuDomainDetachDeviceAlias"));
    QemuDriver& d = ctx_.driver();
    NODEVIRT_ASSIGN_OR_RETURN(auto job, ctx_.beginJob(dom));
    core::DomainView v = job->view();
    NODEVIRT_ASSIGN_OR_RETURN(Impact impact, impactOf(v, flags));
    auto byAlias = [&](const conf::DomainDef& def) -> const conf::DiskDef* {
        for (const auto& disk : def.devs().disks)
            if (disk.info.alias == alias) return &disk;
        return nullptr;
    };
    auto missing = Error::make(ErrorCode::kDeviceMissing, ErrorDomain::kQemu,
                               fmt::format("no device found with alias {}", alias));
    std::shared_ptr<conf::DomainDef> config;
    if (impact.config) {
        const conf::DiskDef* disk = byAlias(*v.inactiveDef());
        if (!disk) return fail(missing);
        config = std::make_shared<conf::DomainDef>(*v.inactiveDef());
        NODEVIRT_TRY(conf::removeDevice(*config, conf::DeviceDef(*disk)));
    }
    if (impact.live) {
        const conf::DiskDef* disk = byAlias(*v.def);
        if (!disk) return fail(missing);
        NODEVIRT_ASSIGN_OR_RETURN(auto live, detachDiskLive(d, job, *disk));
        job->setDef(job, std::move(live));
        if (Status st = d.saveStatus(job); !st) log::warn("QEMU driver: {}", st.error().message);
    }
    if (config) NODEVIRT_TRY(publishConfig(d, job, std::move(config)));
    return ok();
}

}  // namespace nodevirt::qemu
