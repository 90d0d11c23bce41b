// nodedev-list: the node's devices, optionally by capability or as a tree.
#include <strings.h>

#include <algorithm>

#include <fmt/format.h>

#include "cli/command_util.h"
#include "cli/commands/nodedev/nodedev_commands.h"
#include "cli/commands/snapshot/snapshot_tree.h"
#include "cli/json_output.h"
#include "nodevirt/constants.h"

namespace nodevirt::cli {
namespace {

struct Cap {
    std::string_view name;
    unsigned flag;
};

constexpr Cap kCaps[] = {
    {"system", lv::kConnectListNodeDevicesCapSystem},
    {"pci", lv::kConnectListNodeDevicesCapPciDev},
    {"usb_device", lv::kConnectListNodeDevicesCapUsbDev},
    {"usb", lv::kConnectListNodeDevicesCapUsbInterface},
    {"net", lv::kConnectListNodeDevicesCapNet},
    {"scsi_host", lv::kConnectListNodeDevicesCapScsiHost},
    {"scsi_target", lv::kConnectListNodeDevicesCapScsiTarget},
    {"scsi", lv::kConnectListNodeDevicesCapScsi},
    {"storage", lv::kConnectListNodeDevicesCapStorage},
    {"fc_host", lv::kConnectListNodeDevicesCapFcHost},
    {"vports", lv::kConnectListNodeDevicesCapVports},
    {"scsi_generic", lv::kConnectListNodeDevicesCapScsiGeneric},
    {"drm", lv::kConnectListNodeDevicesCapDrm},
    {"mdev_types", lv::kConnectListNodeDevicesCapMdevTypes},
    {"mdev", lv::kConnectListNodeDevicesCapMdev},
    {"ccw", lv::kConnectListNodeDevicesCapCcwDev},
    {"css", lv::kConnectListNodeDevicesCapCssDev},
    {"vdpa", lv::kConnectListNodeDevicesCapVdpa},
    {"ap_card", lv::kConnectListNodeDevicesCapApCard},
    {"ap_queue", lv::kConnectListNodeDevicesCapApQueue},
    {"ap_matrix", lv::kConnectListNodeDevicesCapApMatrix},
    {"vpd", lv::kConnectListNodeDevicesCapVpd},
};

constexpr unsigned kListActive = 1u << 31;    // VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE
constexpr unsigned kListInactive = 1u << 30;  // VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE

std::optional<unsigned> listFlags(Context& ctx, const ParsedCommand& cmd) {
    unsigned flags = 0;
    if (cmd.has("all")) {
        flags = kListActive | kListInactive;
    } else if (cmd.has("inactive")) {
        flags = kListInactive;
    } else {
        flags = kListActive;
    }
    if (const std::string* caps = cmd.raw("cap")) {
        size_t start = 0;
        while (start <= caps->size()) {
            size_t end = caps->find(',', start);
            if (end == std::string::npos) end = caps->size();
            const std::string name = caps->substr(start, end - start);
            auto it = std::find_if(std::begin(kCaps), std::end(kCaps), [&](const Cap& c) { return c.name == name; });
            if (it == std::end(kCaps)) {
                ctx.error("Invalid capability type");
                return std::nullopt;
            }
            flags |= it->flag;
            start = end + 1;
        }
    }
    return flags;
}

bool run(Context& ctx, const ParsedCommand& cmd) {
    if (!checkExclusive(ctx, cmd, "tree", "cap") || !checkExclusive(ctx, cmd, "inactive", "all")) return false;
    auto flags = listFlags(ctx, cmd);
    if (!flags) return false;
    auto devs = ctx.conn().listAllNodeDevices(*flags);
    if (!devs) return failWith(ctx, devs.error(), "Failed to list node devices");
    std::sort(devs->begin(), devs->end(), [](const NodeDevice& a, const NodeDevice& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    if (wantJson(ctx, cmd)) {
        auto arr = nlohmann::ordered_json::array();
        for (const NodeDevice& d : *devs) {
            auto parent = d.parent();
            arr.push_back({{"name", d.name()},
                           {"parent", parent && *parent ? nlohmann::ordered_json(**parent) : nullptr}});
        }
        printJson(ctx, {{"devices", arr}});
        return true;
    }
    if (!cmd.has("tree")) {
        std::string out;
        for (const NodeDevice& d : *devs) out += d.name() + "\n";
        ctx.print(out);
        return true;
    }
    std::vector<std::string> names;
    for (const NodeDevice& d : *devs) names.push_back(d.name());
    std::vector<std::optional<size_t>> parents(names.size());
    for (size_t i = 0; i < devs->size(); ++i) {
        auto parent = (*devs)[i].parent();
        if (!parent || !*parent) continue;
        for (size_t j = 0; j < names.size(); ++j) {
            if (names[j] == **parent) parents[i] = j;
        }
    }
    ctx.print(renderTree(names, parents));
    return true;
}

}  // namespace

CommandDef nodedevListCommand() {
    return {"nodedev-list", CommandGroup::kNodeDevice, "enumerate devices on this host",
            "Lists the host's devices, optionally only those with given capabilities, or as a "
            "tree.",
            {boolOpt("tree", "print the devices as a tree"),
             stringOpt("cap", "capability names, comma separated"),
             boolOpt("inactive", "list inactive devices"),
             boolOpt("all", "list inactive and active devices"), jsonOption()},
            run};
}

}  // namespace nodevirt::cli
