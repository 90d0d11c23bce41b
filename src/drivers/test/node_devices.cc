// NodeDeviceOps of the test driver: the node's device list with capability filters and the
// mocked vHBA creation of libvirt's test driver (a copy of scsi_host11 under a new name).
// Listing also accepts VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE/INACTIVE, which virsh 9.0 always
// sends but libvirt 9.0's test driver rejects (a deliberate improvement, see README.md).
#include <fmt/format.h>

#include "conf/node_device/node_device_xml.h"
#include "core/event_bus.h"
#include "driver/libvirt_constants.h"
#include "drivers/test/facets_infra.h"

namespace nodevirt::drivers::test {
namespace {

Error noDevice(std::string_view name) {
    return testError(ErrorCode::kNoNodeDevice, fmt::format("no node device with matching name '{}'", name));
}

// Capability names a device answers to, including the sub-capabilities of SCSI hosts
// (fc_host, vports) that libvirt matches in filters.
std::vector<std::string> capNames(const conf::NodeDeviceDef& def, bool with_sub) {
    std::vector<std::string> out;
    for (const auto& cap : def.caps) {
        out.emplace_back(conf::nodeDevCapName(cap));
        if (!with_sub) continue;
        if (const auto* h = std::get_if<conf::NodeDevCapScsiHost>(&cap)) {
            if (h->fc_host) out.emplace_back("fc_host");
            if (h->vport_ops) out.emplace_back("vports");
        }
        if (const auto* p = std::get_if<conf::NodeDevCapPci>(&cap)) {
            if (p->has_mdev_types) out.emplace_back("mdev_types");
        }
    }
    return out;
}

struct CapBit {
    unsigned bit;
    std::string_view name;
};
constexpr CapBit kCapBits[] = {
    {lv::kConnectListNodeDevicesCapSystem, "system"},       {lv::kConnectListNodeDevicesCapPciDev, "pci"},
    {lv::kConnectListNodeDevicesCapUsbDev, "usb_device"},   {lv::kConnectListNodeDevicesCapUsbInterface, "usb"},
    {lv::kConnectListNodeDevicesCapNet, "net"},             {lv::kConnectListNodeDevicesCapScsiHost, "scsi_host"},
    {lv::kConnectListNodeDevicesCapScsiTarget, "scsi_target"}, {lv::kConnectListNodeDevicesCapScsi, "scsi"},
    {lv::kConnectListNodeDevicesCapStorage, "storage"},     {lv::kConnectListNodeDevicesCapFcHost, "fc_host"},
    {lv::kConnectListNodeDevicesCapVports, "vports"},       {lv::kConnectListNodeDevicesCapScsiGeneric, "scsi_generic"},
    {lv::kConnectListNodeDevicesCapDrm, "drm"},             {lv::kConnectListNodeDevicesCapMdevTypes, "mdev_types"},
    {lv::kConnectListNodeDevicesCapMdev, "mdev"},           {lv::kConnectListNodeDevicesCapCcwDev, "ccw"},
    {lv::kConnectListNodeDevicesCapCssDev, "css"},          {lv::kConnectListNodeDevicesCapVdpa, "vdpa"},
    {lv::kConnectListNodeDevicesCapApCard, "ap_card"},      {lv::kConnectListNodeDevicesCapApQueue, "ap_queue"},
    {lv::kConnectListNodeDevicesCapApMatrix, "ap_matrix"},  {lv::kConnectListNodeDevicesCapVpd, "vpd"},
};

constexpr unsigned kActiveBits = lv::kConnectListNodeDevicesActive | lv::kConnectListNodeDevicesInactive;

bool matchesCaps(const NodeDeviceObj& d, unsigned flags) {
    unsigned caps = flags & ~kActiveBits;
    if (!caps) return true;
    std::vector<std::string> names = capNames(*d.def, true);
    for (const auto& cb : kCapBits) {
        if (!(caps & cb.bit)) continue;
        if (std::find(names.begin(), names.end(), cb.name) != names.end()) return true;
    }
    return false;
}

bool matchesActive(const NodeDeviceObj& d, unsigned flags) {
    bool want_active = flags & lv::kConnectListNodeDevicesActive;
    bool want_inactive = flags & lv::kConnectListNodeDevicesInactive;
    return want_active == want_inactive || d.active == want_active;
}

bool hasCap(const NodeDeviceObj& d, const std::optional<std::string>& cap) {
    if (!cap) return true;
    auto names = capNames(*d.def, true);
    return std::find(names.begin(), names.end(), *cap) != names.end();
}

void deviceEvent(core::PendingEvents& ev, const std::string& name, unsigned event) {
    driver::NodeDeviceEvent e;
    e.event_id = static_cast<int>(lv::kNodeDeviceEventIdLifecycle);
    e.dev.name = name;
    e.event = static_cast<int>(event);
    ev.add(std::move(e));
}

const conf::NodeDevCapScsiHost* fcHost(const conf::NodeDeviceDef& def) {
    for (const auto& cap : def.caps) {
        if (const auto* h = std::get_if<conf::NodeDevCapScsiHost>(&cap); h && h->fc_host) return h;
    }
    return nullptr;
}

}  // namespace

Result<std::vector<NodeDeviceRef>> TestNodeDevices::listAll(unsigned flags) {
    unsigned caps = 0;
    for (const auto& cb : kCapBits) caps |= cb.bit;
    NODEVIRT_TRY(checkFlags(flags, caps | kActiveBits, "testConnectListAllNodeDevices"));
    std::lock_guard lock(ctx_.state().devices_mutex);
    std::vector<NodeDeviceRef> out;
    for (const auto& d : ctx_.state().devices) {
        if (matchesActive(d, flags) && matchesCaps(d, flags)) out.push_back({d.name});
    }
    return out;
}

Result<int> TestNodeDevices::numOfDevices(const std::optional<std::string>& cap, unsigned flags) {
    NODEVIRT_ASSIGN_OR_RETURN(auto names, listDevices(cap, INT32_MAX, flags));
    return static_cast<int>(names.size());
}

Result<std::vector<std::string>> TestNodeDevices::listDevices(const std::optional<std::string>& cap, int max,
                                                              unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testNodeNumOfDevices"));
    std::lock_guard lock(ctx_.state().devices_mutex);
    std::vector<std::string> out;
    for (const auto& d : ctx_.state().devices) {
        if (static_cast<int>(out.size()) >= max) break;
        if (hasCap(d, cap)) out.push_back(d.name);
    }
    return out;
}

Result<NodeDeviceRef> TestNodeDevices::lookupByName(const std::string& name) {
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        if (d.name == name) return NodeDeviceRef{d.name};
    }
    return fail(noDevice(name));
}

Result<NodeDeviceRef> TestNodeDevices::lookupScsiHostByWwn(const std::string& wwnn, const std::string& wwpn,
                                                           unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testNodeDeviceLookupSCSIHostByWWN"));
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        const auto* h = fcHost(*d.def);
        if (h && h->wwnn == wwnn && h->wwpn == wwpn) return NodeDeviceRef{d.name};
    }
    return fail(testError(ErrorCode::kNoNodeDevice,
                          fmt::format("no node device for SCSI host with wwnn '{}' and wwpn '{}'", wwnn, wwpn)));
}

Result<std::string> TestNodeDevices::getXmlDesc(const NodeDeviceRef& dev, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, 0, "testNodeDeviceGetXMLDesc"));
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        if (d.name == dev.name) return conf::formatNodeDeviceXml(*d.def, 0);
    }
    return fail(noDevice(dev.name));
}

Result<std::optional<std::string>> TestNodeDevices::getParent(const NodeDeviceRef& dev) {
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        if (d.name == dev.name) return d.def->parent;
    }
    return fail(noDevice(dev.name));
}

Result<std::vector<std::string>> TestNodeDevices::listCaps(const NodeDeviceRef& dev) {
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        if (d.name == dev.name) return capNames(*d.def, false);
    }
    return fail(noDevice(dev.name));
}

Result<NodeDeviceRef> TestNodeDevices::createXml(const std::string& xml, unsigned flags) {
    NODEVIRT_TRY(checkFlags(flags, lv::kNodeDeviceCreateXmlValidate, "testNodeDeviceCreateXML"));
    conf::ParseOptions opts;
    opts.validate = flags & lv::kNodeDeviceCreateXmlValidate;
    opts.new_device = true;
    NODEVIRT_ASSIGN_OR_RETURN(auto req, conf::parseNodeDeviceXml(xml, opts));
    const conf::NodeDevCapScsiHost* want = fcHost(*req);
    if (!want || want->wwnn.empty() || want->wwpn.empty()) {
        return fail(testError(ErrorCode::kInvalidArg, "Device is not a fibre channel HBA"));
    }
    core::PendingEvents ev(ctx_.state().events);
    std::lock_guard lock(ctx_.state().devices_mutex);
    auto& devs = ctx_.state().devices;
    auto find = [&](std::string_view name) -> const NodeDeviceObj* {
        for (const auto& d : devs) {
            if (d.name == name) return &d;
        }
        return nullptr;
    };
    std::string parent;
    if (req->parent) {
        if (!find(*req->parent)) {
            return fail(testError(ErrorCode::kInternalError, "Could not find parent device for 'new device'"));
        }
        parent = *req->parent;
    } else {
        for (const auto& d : devs) {
            for (const auto& cap : d.def->caps) {
                if (const auto* h = std::get_if<conf::NodeDevCapScsiHost>(&cap); h && h->vport_ops && parent.empty())
                    parent = d.name;
            }
        }
    }
    // libvirt mocks the new vHBA as a copy of scsi_host11 with the requested WWNs.
    const NodeDeviceObj* model = find("scsi_host11");
    auto def = std::make_shared<conf::NodeDeviceDef>(model ? *model->def : *req);
    std::string name = fmt::format("scsi_host{}", ctx_.state().next_scsi_host.load());
    while (find(name)) name = fmt::format("scsi_host{}", ++ctx_.state().next_scsi_host);
    def->name = name;
    def->parent = parent.empty() ? std::nullopt : std::optional<std::string>(parent);
    for (auto& cap : def->caps) {
        if (auto* h = std::get_if<conf::NodeDevCapScsiHost>(&cap); h && h->fc_host) {
            h->wwnn = want->wwnn;
            h->wwpn = want->wwpn;
        }
    }
    devs.push_back({name, std::move(def), true, false, false});
    deviceEvent(ev, name, lv::kNodeDeviceEventCreated);
    return NodeDeviceRef{name};
}

Status TestNodeDevices::destroy(const NodeDeviceRef& dev) {
    core::PendingEvents ev(ctx_.state().events);
    std::lock_guard lock(ctx_.state().devices_mutex);
    auto& devs = ctx_.state().devices;
    auto it = std::find_if(devs.begin(), devs.end(), [&](const NodeDeviceObj& d) { return d.name == dev.name; });
    if (it == devs.end()) return fail(noDevice(dev.name));
    // Like libvirt's test driver: only a fibre channel HBA goes away; others are left alone.
    if (!fcHost(*it->def)) return ok();
    if (it->def->parent) {
        std::string parent = *it->def->parent;
        bool has_parent = std::any_of(devs.begin(), devs.end(), [&](const NodeDeviceObj& d) { return d.name == parent; });
        if (!has_parent) {
            return fail(testError(ErrorCode::kInternalError, fmt::format("cannot find parent '{}' definition", parent)));
        }
    }
    deviceEvent(ev, it->name, lv::kNodeDeviceEventDeleted);
    devs.erase(it);
    return ok();
}

Result<bool> TestNodeDevices::isActive(const NodeDeviceRef& dev) {
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        if (d.name == dev.name) return d.active;
    }
    return fail(noDevice(dev.name));
}

Result<bool> TestNodeDevices::isPersistent(const NodeDeviceRef& dev) {
    std::lock_guard lock(ctx_.state().devices_mutex);
    for (const auto& d : ctx_.state().devices) {
        if (d.name == dev.name) return d.persistent;
    }
    return fail(noDevice(dev.name));
}

}  // namespace nodevirt::drivers::test
