#include "remote/common/convert.h"

#include <fmt/format.h>

#include <variant>

namespace nodevirt::remote {

// libvirt stores a parameter name in a fixed 80-byte field (VIR_TYPED_PARAM_FIELD_LENGTH).
constexpr size_t kTypedParamFieldMax = 79;

protocol::NonnullDomain toWire(const driver::DomainRef& ref) { return {ref.name, ref.uuid, ref.id}; }
protocol::NonnullNetwork toWire(const driver::NetworkRef& ref) { return {ref.name, ref.uuid}; }
protocol::NonnullNetworkPort toWire(const driver::NetworkPortRef& ref) {
    return {toWire(ref.net), ref.uuid};
}
protocol::NonnullStoragePool toWire(const driver::StoragePoolRef& ref) {
    return {ref.name, ref.uuid};
}
protocol::NonnullStorageVol toWire(const driver::StorageVolRef& ref) {
    return {ref.pool, ref.name, ref.key};
}
protocol::NonnullNodeDevice toWire(const driver::NodeDeviceRef& ref) { return {ref.name}; }
protocol::NonnullSecret toWire(const driver::SecretRef& ref) {
    return {ref.uuid, ref.usage_type, ref.usage_id};
}
protocol::NonnullInterface toWire(const driver::InterfaceRef& ref) { return {ref.name, ref.mac}; }
protocol::NonnullDomainSnapshot toWire(const driver::DomainSnapshotRef& ref) {
    return {ref.name, toWire(ref.domain)};
}

driver::DomainRef fromWire(const protocol::NonnullDomain& w) { return {w.name, w.uuid, w.id}; }
driver::NetworkRef fromWire(const protocol::NonnullNetwork& w) { return {w.name, w.uuid}; }
driver::NetworkPortRef fromWire(const protocol::NonnullNetworkPort& w) {
    return {fromWire(w.net), w.uuid};
}
driver::StoragePoolRef fromWire(const protocol::NonnullStoragePool& w) { return {w.name, w.uuid}; }
driver::StorageVolRef fromWire(const protocol::NonnullStorageVol& w) {
    return {w.pool, w.name, w.key};
}
driver::NodeDeviceRef fromWire(const protocol::NonnullNodeDevice& w) { return {w.name}; }
driver::SecretRef fromWire(const protocol::NonnullSecret& w) {
    return {w.uuid, w.usage_type, w.usage_id};
}
driver::InterfaceRef fromWire(const protocol::NonnullInterface& w) { return {w.name, w.mac}; }
driver::DomainSnapshotRef fromWire(const protocol::NonnullDomainSnapshot& w) {
    return {w.name, fromWire(w.dom)};
}

protocol::TypedParam toWire(const TypedParam& param) {
    protocol::TypedParam out;
    out.field = param.field;
    std::visit(
        [&out](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            auto& value = out.value.value;
            if constexpr (std::is_same_v<V, int32_t>) {
                value.emplace<protocol::TypedParamValue::kI>(v);
            } else if constexpr (std::is_same_v<V, uint32_t>) {
                value.emplace<protocol::TypedParamValue::kUi>(v);
            } else if constexpr (std::is_same_v<V, int64_t>) {
                value.emplace<protocol::TypedParamValue::kL>(v);
            } else if constexpr (std::is_same_v<V, uint64_t>) {
                value.emplace<protocol::TypedParamValue::kUl>(v);
            } else if constexpr (std::is_same_v<V, double>) {
                value.emplace<protocol::TypedParamValue::kD>(v);
            } else if constexpr (std::is_same_v<V, bool>) {
                value.emplace<protocol::TypedParamValue::kB>(v ? 1 : 0);
            } else {
                value.emplace<protocol::TypedParamValue::kS>(v);
            }
        },
        param.value);
    return out;
}

Result<TypedParam> fromWire(const protocol::TypedParam& param) {
    if (param.field.size() > kTypedParamFieldMax) {
        return fail(internalError(
            fmt::format("parameter {} too big for destination", param.field)));
    }
    TypedParam out;
    out.field = param.field;
    const auto& v = param.value.value;
    switch (v.index()) {
        case protocol::TypedParamValue::kI:
            out.value = std::get<protocol::TypedParamValue::kI>(v);
            break;
        case protocol::TypedParamValue::kUi:
            out.value = std::get<protocol::TypedParamValue::kUi>(v);
            break;
        case protocol::TypedParamValue::kL:
            out.value = std::get<protocol::TypedParamValue::kL>(v);
            break;
        case protocol::TypedParamValue::kUl:
            out.value = std::get<protocol::TypedParamValue::kUl>(v);
            break;
        case protocol::TypedParamValue::kD:
            out.value = std::get<protocol::TypedParamValue::kD>(v);
            break;
        case protocol::TypedParamValue::kB:
            out.value = std::get<protocol::TypedParamValue::kB>(v) != 0;
            break;
        default:
            out.value = std::get<protocol::TypedParamValue::kS>(v);
            break;
    }
    return out;
}

std::vector<protocol::TypedParam> toWireParams(const TypedParams& params, bool strings_ok) {
    std::vector<protocol::TypedParam> out;
    out.reserve(params.size());
    for (const TypedParam& p : params) {
        if (!strings_ok && p.type() == TypedParamType::kString) continue;
        out.push_back(toWire(p));
    }
    return out;
}

Result<TypedParams> fromWireParams(const std::vector<protocol::TypedParam>& params) {
    TypedParams out;
    out.reserve(params.size());
    for (const protocol::TypedParam& p : params) {
        NODEVIRT_ASSIGN_OR_RETURN(TypedParam param, fromWire(p));
        out.push_back(std::move(param));
    }
    return out;
}

std::string packCpumap(const std::vector<bool>& map, size_t maplen) {
    std::string out(maplen, '\0');
    size_t bits = std::min(map.size(), maplen * 8);
    for (size_t i = 0; i < bits; ++i) {
        if (map[i]) out[i / 8] = static_cast<char>(out[i / 8] | (1 << (i % 8)));
    }
    return out;
}

std::vector<bool> unpackCpumap(std::string_view bytes, size_t ncpus) {
    std::vector<bool> out(ncpus, false);
    for (size_t i = 0; i < ncpus && i / 8 < bytes.size(); ++i) {
        out[i] = (static_cast<unsigned char>(bytes[i / 8]) >> (i % 8)) & 1;
    }
    return out;
}

protocol::NetworkDhcpLease toWire(const NetworkDhcpLease& l) {
    return {l.iface, l.expiry_time, l.type,   l.mac,      l.iaid,
            l.ipaddr, l.prefix,     l.hostname, l.clientid};
}

NetworkDhcpLease fromWire(const protocol::NetworkDhcpLease& w) {
    NetworkDhcpLease l;
    l.iface = w.iface;
    l.expiry_time = w.expirytime;
    l.type = w.type;
    l.mac = w.mac;
    l.iaid = w.iaid;
    l.ipaddr = w.ipaddr;
    l.prefix = w.prefix;
    l.hostname = w.hostname;
    l.clientid = w.clientid;
    return l;
}

protocol::DomainInterface toWire(const DomainInterface& iface) {
    protocol::DomainInterface out;
    out.name = iface.name;
    out.hwaddr = iface.hwaddr;
    for (const DomainInterfaceAddress& a : iface.addrs) out.addrs.push_back({a.type, a.addr, a.prefix});
    return out;
}

DomainInterface fromWire(const protocol::DomainInterface& w) {
    DomainInterface out;
    out.name = w.name;
    out.hwaddr = w.hwaddr;
    for (const protocol::DomainIpAddr& a : w.addrs) out.addrs.push_back({a.type, a.addr, a.prefix});
    return out;
}

protocol::DomainStatsRecord toWire(const driver::DomainStatsRecord& rec) {
    return {toWire(rec.dom), toWireParams(rec.params)};
}

Result<driver::DomainStatsRecord> fromWire(const protocol::DomainStatsRecord& w) {
    NODEVIRT_ASSIGN_OR_RETURN(TypedParams params, fromWireParams(w.params));
    return driver::DomainStatsRecord{fromWire(w.dom), std::move(params)};
}

}  // namespace nodevirt::remote
