// Conversions between the driver's value types (src/driver/types.h) and the generated wire
// structs (protocol/generated/types.h), shared by the daemon's handlers and the client-side
// remote driver: object references, typed parameters, cpu maps and the small info structs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "driver/types.h"
#include "protocol/generated/types.h"
#include "util/result.h"

namespace nodevirt::remote {

// VIR_TYPED_PARAM_STRING_OKAY: the caller accepts string-typed parameters (census §2.6, 4.2).
inline constexpr unsigned kTypedParamStringOkay = 1u << 2;

// --- object references (census §4.1)
protocol::NonnullDomain toWire(const driver::DomainRef& ref);
protocol::NonnullNetwork toWire(const driver::NetworkRef& ref);
protocol::NonnullNetworkPort toWire(const driver::NetworkPortRef& ref);
protocol::NonnullStoragePool toWire(const driver::StoragePoolRef& ref);
protocol::NonnullStorageVol toWire(const driver::StorageVolRef& ref);
protocol::NonnullNodeDevice toWire(const driver::NodeDeviceRef& ref);
protocol::NonnullSecret toWire(const driver::SecretRef& ref);
protocol::NonnullInterface toWire(const driver::InterfaceRef& ref);
protocol::NonnullDomainSnapshot toWire(const driver::DomainSnapshotRef& ref);

driver::DomainRef fromWire(const protocol::NonnullDomain& w);
driver::NetworkRef fromWire(const protocol::NonnullNetwork& w);
driver::NetworkPortRef fromWire(const protocol::NonnullNetworkPort& w);
driver::StoragePoolRef fromWire(const protocol::NonnullStoragePool& w);
driver::StorageVolRef fromWire(const protocol::NonnullStorageVol& w);
driver::NodeDeviceRef fromWire(const protocol::NonnullNodeDevice& w);
driver::SecretRef fromWire(const protocol::NonnullSecret& w);
driver::InterfaceRef fromWire(const protocol::NonnullInterface& w);
driver::DomainSnapshotRef fromWire(const protocol::NonnullDomainSnapshot& w);

// Converts a list of references (any of the types above).
template <typename T>
auto toWireList(const std::vector<T>& refs) {
    std::vector<decltype(toWire(refs.front()))> out;
    out.reserve(refs.size());
    for (const T& r : refs) out.push_back(toWire(r));
    return out;
}
template <typename W>
auto fromWireList(const std::vector<W>& wires) {
    std::vector<decltype(fromWire(wires.front()))> out;
    out.reserve(wires.size());
    for (const W& w : wires) out.push_back(fromWire(w));
    return out;
}

// --- typed parameters (census §4.2)
protocol::TypedParam toWire(const TypedParam& param);
// Fails for a field name libvirt could not store (79 characters at most), as libvirtd does.
Result<TypedParam> fromWire(const protocol::TypedParam& param);
// String parameters are left out unless `strings_ok` (the caller passed
// VIR_TYPED_PARAM_STRING_OKAY), exactly as libvirtd serializes them.
std::vector<protocol::TypedParam> toWireParams(const TypedParams& params, bool strings_ok = true);
Result<TypedParams> fromWireParams(const std::vector<protocol::TypedParam>& params);

// --- cpu maps: one bit per host cpu, least significant bit first, `maplen` bytes.
std::string packCpumap(const std::vector<bool>& map, size_t maplen);
// `ncpus` bools from the first bits of `bytes` (missing bytes read as zero).
std::vector<bool> unpackCpumap(std::string_view bytes, size_t ncpus);
// Bytes needed for `ncpus` bits.
[[nodiscard]] constexpr size_t cpumapLength(size_t ncpus) { return (ncpus + 7) / 8; }

// --- info structs
protocol::NetworkDhcpLease toWire(const NetworkDhcpLease& lease);
NetworkDhcpLease fromWire(const protocol::NetworkDhcpLease& w);
protocol::DomainInterface toWire(const DomainInterface& iface);
DomainInterface fromWire(const protocol::DomainInterface& w);
protocol::DomainStatsRecord toWire(const driver::DomainStatsRecord& rec);
Result<driver::DomainStatsRecord> fromWire(const protocol::DomainStatsRecord& w);

}  // namespace nodevirt::remote
