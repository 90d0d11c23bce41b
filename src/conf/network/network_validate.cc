// Strict checks on a parsed network (the ones libvirt's network driver applies at define
// time) and the driver-side defaults: generated bridge name and bridge MAC.
#include <fmt/format.h>

#include <set>

#include "conf/network/network_xml.h"

namespace nodevirt::conf {
namespace {

constexpr unsigned kMaxBridgeId = 256;
constexpr std::string_view kDefaultBridgeTemplate = "virbr%d";

Error netError(ErrorCode code, std::string detail) {
    return Error::make(code, ErrorDomain::kNetwork, detail);
}

Status validatePortGroups(const NetworkDef& def) {
    const NetworkPortGroup* first_default = nullptr;
    std::set<std::string> names;
    for (const NetworkPortGroup& pg : def.portgroups) {
        if (!names.insert(pg.name).second) {
            return fail(netError(
                ErrorCode::kXmlError,
                fmt::format("network '{}' has multiple portgroups named '{}'", def.name, pg.name)));
        }
        if (!pg.is_default) continue;
        if (first_default) {
            return fail(netError(
                ErrorCode::kXmlError,
                fmt::format("network '{}' has multiple default <portgroup> elements ({} and {}), "
                            "but only one default is allowed",
                            def.name, first_default->name, pg.name)));
        }
        first_default = &pg;
    }
    return ok();
}

Status validateDhcpOwners(const NetworkDef& def) {
    bool v4 = false, v6 = false;
    for (const NetworkIp& ip : def.ips) {
        if (!ip.hasDhcp()) continue;
        bool& seen = ip.isIpv6() ? v6 : v4;
        if (seen) {
            std::string_view fam = ip.isIpv6() ? "IPv6" : "IPv4";
            return fail(netError(
                ErrorCode::kConfigUnsupported,
                fmt::format("Multiple {} dhcp sections found -- dhcp is supported only for a "
                            "single {} address on each network",
                            fam, fam)));
        }
        seen = true;
    }
    return ok();
}

// Networks that hand traffic to an existing host device have no addressing of their own.
Status validatePassthroughModes(const NetworkDef& def) {
    std::string_view mode = forwardModeName(def.forward.mode);
    auto unsupported = [&](std::string_view what) {
        return fail(
            netError(ErrorCode::kConfigUnsupported,
                     fmt::format("Unsupported <{}> element in network {} with forward mode='{}'",
                                 what, def.name, mode)));
    };
    if (!def.ips.empty()) return unsupported("ip");
    if (!def.dns.empty()) return unsupported("dns");
    if (def.domain) return unsupported("domain");
    if (def.mac) return unsupported("mac");
    if (def.forward.mode == ForwardMode::kBridge && !def.bridge.name &&
        def.forward.interfaces.empty() && !def.forward.pf_dev) {
        return fail(
            netError(ErrorCode::kXmlError,
                     fmt::format("network '{}' with forward mode='bridge' needs a bridge name or a "
                                 "forward dev",
                                 def.name)));
    }
    return ok();
}

}  // namespace

Status validateNetworkDef(const NetworkDef& def) {
    NODEVIRT_TRY(validatePortGroups(def));
    if (def.managesBridge()) {
        NODEVIRT_TRY(validateDhcpOwners(def));
        if (!def.vlan.empty()) {
            return fail(
                netError(ErrorCode::kConfigUnsupported,
                         fmt::format("<vlan> element specified for network {}, whose type doesn't "
                                     "support vlan configuration",
                                     def.name)));
        }
    } else {
        NODEVIRT_TRY(validatePassthroughModes(def));
    }
    return ok();
}

Status assignNetworkBridgeName(NetworkDef& def, const BridgeInUse& in_use) {
    if (!def.managesBridge()) return ok();
    std::string tmpl = def.bridge.name.value_or(std::string(kDefaultBridgeTemplate));
    size_t pos = tmpl.find("%d");
    if (pos == std::string::npos) {
        if (in_use(tmpl)) {
            return fail(netError(ErrorCode::kInternalError,
                                 fmt::format("bridge name '{}' already in use.", tmpl)));
        }
        return ok();
    }
    if (tmpl.find("%", pos + 2) != std::string::npos || tmpl.find('%') != pos) {
        return fail(
            netError(ErrorCode::kXmlError, fmt::format("invalid bridge name template '{}'", tmpl)));
    }
    for (unsigned id = 0; id < kMaxBridgeId; ++id) {
        std::string name = tmpl.substr(0, pos) + std::to_string(id) + tmpl.substr(pos + 2);
        if (!in_use(name)) {
            def.bridge.name = std::move(name);
            return ok();
        }
    }
    return fail(netError(ErrorCode::kInternalError,
                         fmt::format("Bridge generation exceeded max id {}", kMaxBridgeId)));
}

void assignNetworkBridgeMac(NetworkDef& def) {
    if (!def.managesBridge() || def.mac) return;
    def.mac = MacAddress::generate();
}

}  // namespace nodevirt::conf
