#include "conf/network/netdev_parts.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

constexpr size_t kMaxVlanTags = 4096;
constexpr size_t kMaxProfileIdLength = 39;

Error xmlErr(const xml::Node& node, std::string_view detail) {
    return Error::make(ErrorCode::kXmlError, ErrorDomain::kNone,
                       fmt::format("{} ({}, line {})", detail, node.path(), node.line()));
}

Result<NetDevBandwidthRate> parseRate(const xml::Node& node, const BandwidthParseRules& rules,
                                      bool inbound) {
    NetDevBandwidthRate rate;
    struct Field {
        std::string_view name;
        uint64_t* value;
    };
    const std::array<Field, 4> fields = {Field{"average", &rate.average}, Field{"peak", &rate.peak},
                                         Field{"floor", &rate.floor}, Field{"burst", &rate.burst}};
    for (const Field& f : fields) {
        auto text = node.attr(f.name);
        if (!text) continue;
        auto v = str::parseUint64(str::trim(*text));
        if (!v) {
            return fail(xmlErr(
                node, fmt::format("could not convert bandwidth {} value '{}'", f.name, *text)));
        }
        *f.value = *v;
    }
    if (rate.floor != 0) {
        if (!inbound) {
            return fail(Error::make(ErrorCode::kXmlDetail, ErrorDomain::kNone,
                                    fmt::format("'floor' attribute allowed only in <inbound> "
                                                "element ({}, line {})",
                                                node.path(), node.line())));
        }
        if (!rules.allow_floor) {
            return fail(Error::make(
                ErrorCode::kConfigUnsupported, ErrorDomain::kNone,
                fmt::format("floor attribute is not supported for this config ({}, line {})",
                            node.path(), node.line())));
        }
    }
    if (rate.average == 0 && rate.floor == 0) {
        return fail(Error::make(ErrorCode::kXmlDetail, ErrorDomain::kNone,
                                fmt::format("Missing mandatory average or floor attributes "
                                            "({}, line {})",
                                            node.path(), node.line())));
    }
    return rate;
}

void formatRate(xml::Writer& w, std::string_view name, const NetDevBandwidthRate& r) {
    w.open(name);
    if (r.average) w.attr("average", r.average);
    if (r.peak) w.attr("peak", r.peak);
    if (r.floor) w.attr("floor", r.floor);
    if (r.burst) w.attr("burst", r.burst);
    w.close();
}

}  // namespace

Result<NetDevBandwidth> parseBandwidth(const xml::Node& node, const BandwidthParseRules& rules) {
    NetDevBandwidth bw;
    if (node.hasAttr("classID")) {
        if (!rules.allow_class_id) {
            return fail(Error::make(
                ErrorCode::kXmlDetail, ErrorDomain::kNone,
                fmt::format("classID attribute not supported on <bandwidth> in this usage "
                            "context ({}, line {})",
                            node.path(), node.line())));
        }
        NODEVIRT_ASSIGN_OR_RETURN(auto id, node.attrUint("classID"));
        if (*id == 0 || *id > UINT32_MAX)
            return fail(node.badAttr("classID", *node.attr("classID"), "a positive integer"));
        bw.class_id = static_cast<unsigned>(*id);
    }
    auto inbound = node.children("inbound");
    auto outbound = node.children("outbound");
    if (inbound.size() > 1 || outbound.size() > 1) {
        return fail(xmlErr(node, inbound.size() > 1 ? "Only one child <inbound> element allowed"
                                                    : "Only one child <outbound> element allowed"));
    }
    if (!inbound.empty()) {
        NODEVIRT_ASSIGN_OR_RETURN(bw.in, parseRate(inbound[0], rules, true));
    }
    if (!outbound.empty()) {
        NODEVIRT_ASSIGN_OR_RETURN(bw.out, parseRate(outbound[0], rules, false));
    }
    return bw;
}

void formatBandwidth(xml::Writer& w, const NetDevBandwidth& bw, bool with_class_id) {
    if (bw.empty()) return;
    w.open("bandwidth");
    if (with_class_id && bw.class_id) w.attr("classID", *bw.class_id);
    if (bw.in) formatRate(w, "inbound", *bw.in);
    if (bw.out) formatRate(w, "outbound", *bw.out);
    w.close();
}

Result<NetDevVlan> parseVlan(const xml::Node& node) {
    NetDevVlan vlan;
    auto tags = node.children("tag");
    if (tags.empty())
        return fail(xmlErr(
            node, "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement"));
    if (tags.size() > kMaxVlanTags) return fail(xmlErr(node, "too many vlan tags"));
    for (const xml::Node& t : tags) {
        auto id_text = t.attr("id");
        if (!id_text) return fail(xmlErr(t, "missing or invalid vlan tag id attribute"));
        auto id = str::parseUint(str::trim(*id_text));
        if (!id)
            return fail(
                xmlErr(t, fmt::format("missing or invalid vlan tag id attribute '{}'", *id_text)));
        if (*id > 4095)
            return fail(xmlErr(t, fmt::format("vlan tag id {} too large (maximum 4095)", *id)));
        NetDevVlanTag tag{*id};
        NODEVIRT_ASSIGN_OR_RETURN(auto mode, t.attrEnum("nativeMode", {"tagged", "untagged"}));
        if (mode)
            tag.native_mode =
                *mode == "tagged" ? VlanNativeMode::kTagged : VlanNativeMode::kUntagged;
        vlan.tags.push_back(tag);
    }
    auto trunk = node.attr("trunk");
    if (trunk && *trunk != "yes" && *trunk != "no") {
        return fail(node.badAttr("trunk", *trunk, "'yes' or 'no'"));
    }
    if (vlan.tags.size() > 1) {
        if (trunk && *trunk == "no") {
            return fail(xmlErr(node,
                               "invalid \"trunk='no'\" setting in <vlan> - trunk='no' is "
                               "only allowed with a single vlan tag"));
        }
        vlan.trunk = true;
    } else {
        vlan.trunk = trunk && *trunk == "yes";
    }
    for (const NetDevVlanTag& tag : vlan.tags) {
        if (tag.native_mode != VlanNativeMode::kDefault && !vlan.trunk) {
            return fail(xmlErr(node,
                               "invalid configuration in <vlan> - \"trunk='no'\" is not "
                               "allowed with a native vlan id"));
        }
    }
    return vlan;
}

void formatVlan(xml::Writer& w, const NetDevVlan& vlan) {
    if (vlan.empty()) return;
    w.open("vlan");
    if (vlan.trunk) w.attr("trunk", "yes");
    for (const NetDevVlanTag& tag : vlan.tags) {
        w.open("tag").attr("id", tag.id);
        if (tag.native_mode == VlanNativeMode::kTagged) w.attr("nativeMode", "tagged");
        if (tag.native_mode == VlanNativeMode::kUntagged) w.attr("nativeMode", "untagged");
        w.close();
    }
    w.close();
}

namespace {

constexpr std::array<std::string_view, 5> kVirtualPortTypes = {"none", "802.1Qbg", "802.1Qbh",
                                                               "openvswitch", "midonet"};

Result<std::optional<Uuid>> parseUuidParam(const xml::Node& params, std::string_view name) {
    auto text = params.attr(name);
    if (!text) return std::optional<Uuid>();
    auto u = Uuid::parse(*text);
    if (!u) return fail(xmlErr(params, fmt::format("cannot parse {} parameter as a uuid", name)));
    return std::optional<Uuid>(*u);
}

Result<std::optional<uint64_t>> parseBoundedParam(const xml::Node& params, std::string_view name,
                                                  uint64_t max) {
    auto text = params.attr(name);
    if (!text) return std::optional<uint64_t>();
    auto v = str::parseUint64(str::trim(*text), 0);
    if (!v) return fail(xmlErr(params, fmt::format("cannot parse value of {} parameter", name)));
    if (*v > max) return fail(xmlErr(params, fmt::format("value of {} out of range", name)));
    return v;
}

// Rejects parameters that make no sense for the chosen type.
Status checkNoExtras(const xml::Node& node, const NetDevVirtualPort& vp) {
    auto extra = [&](bool present, std::string_view name) -> Status {
        if (!present) return ok();
        return fail(
            xmlErr(node, fmt::format("extra {} not allowed in <virtualport type='{}'>", name,
                                     kVirtualPortTypes[static_cast<size_t>(vp.type)])));
    };
    bool qbg = vp.type == VirtualPortType::k8021Qbg;
    bool qbh = vp.type == VirtualPortType::k8021Qbh;
    bool ovs = vp.type == VirtualPortType::kOpenvswitch;
    bool mido = vp.type == VirtualPortType::kMidonet;
    if (vp.type == VirtualPortType::kNone) return ok();
    NODEVIRT_TRY(extra(!qbg && vp.manager_id.has_value(), "managerid"));
    NODEVIRT_TRY(extra(!qbg && vp.type_id.has_value(), "typeid"));
    NODEVIRT_TRY(extra(!qbg && vp.type_id_version.has_value(), "typeidversion"));
    NODEVIRT_TRY(extra(!qbg && vp.instance_id.has_value(), "instanceid"));
    NODEVIRT_TRY(extra(!(qbh || ovs) && vp.profile_id.has_value(), "profileid"));
    NODEVIRT_TRY(extra(!(ovs || mido) && vp.interface_id.has_value(), "interfaceid"));
    return ok();
}

}  // namespace

Result<NetDevVirtualPort> parseVirtualPort(const xml::Node& node, bool require_type) {
    NetDevVirtualPort vp;
    if (auto type = node.attr("type")) {
        size_t i = 1;
        for (; i < kVirtualPortTypes.size(); ++i) {
            if (kVirtualPortTypes[i] == *type) break;
        }
        if (i == kVirtualPortTypes.size()) {
            return fail(xmlErr(node, fmt::format("unknown virtualport type {}", *type)));
        }
        vp.type = static_cast<VirtualPortType>(i);
    } else if (require_type) {
        return fail(xmlErr(node, "missing required virtualport type"));
    }
    if (xml::Node params = node.child("parameters")) {
        NODEVIRT_ASSIGN_OR_RETURN(auto manager, parseBoundedParam(params, "managerid", 0xff));
        NODEVIRT_ASSIGN_OR_RETURN(auto type_id, parseBoundedParam(params, "typeid", 0xffffff));
        NODEVIRT_ASSIGN_OR_RETURN(auto version, parseBoundedParam(params, "typeidversion", 0xff));
        if (manager) vp.manager_id = static_cast<uint8_t>(*manager);
        if (type_id) vp.type_id = static_cast<uint32_t>(*type_id);
        if (version) vp.type_id_version = static_cast<uint8_t>(*version);
        NODEVIRT_ASSIGN_OR_RETURN(vp.instance_id, parseUuidParam(params, "instanceid"));
        NODEVIRT_ASSIGN_OR_RETURN(vp.interface_id, parseUuidParam(params, "interfaceid"));
        if (auto profile = params.attr("profileid")) {
            if (profile->size() > kMaxProfileIdLength) {
                return fail(xmlErr(params, "profileid parameter too long"));
            }
            vp.profile_id = *profile;
        }
    }
    NODEVIRT_TRY(checkNoExtras(node, vp));
    return vp;
}

void formatVirtualPort(xml::Writer& w, const NetDevVirtualPort& vp) {
    if (vp.type == VirtualPortType::kNone && !vp.hasParameters()) return;
    w.open("virtualport");
    if (vp.type != VirtualPortType::kNone)
        w.attr("type", kVirtualPortTypes[static_cast<size_t>(vp.type)]);
    if (vp.hasParameters()) {
        w.open("parameters");
        if (vp.manager_id) w.attr("managerid", unsigned{*vp.manager_id});
        if (vp.type_id) w.attr("typeid", unsigned{*vp.type_id});
        if (vp.type_id_version) w.attr("typeidversion", unsigned{*vp.type_id_version});
        if (vp.instance_id) w.attr("instanceid", vp.instance_id->toString());
        if (vp.interface_id) w.attr("interfaceid", vp.interface_id->toString());
        if (vp.profile_id) w.attr("profileid", *vp.profile_id);
        w.close();
    }
    w.close();
}

}  // namespace nodevirt::conf
