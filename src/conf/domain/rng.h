// <rng>: a virtio random number generator fed from a host device, an EGD socket, or QEMU's
// builtin source, optionally rate limited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/chardev.h"

namespace nodevirt::conf {

enum class RngModel : uint8_t { kVirtio, kVirtioTransitional, kVirtioNonTransitional };
inline constexpr auto kRngModels =
    makeEnumTable<RngModel>("virtio", "virtio-transitional", "virtio-non-transitional");
enum class RngBackend : uint8_t { kRandom, kEgd, kBuiltin };
inline constexpr auto kRngBackends = makeEnumTable<RngBackend>("random", "egd", "builtin");

struct RngDef {
    RngModel model = RngModel::kVirtio;
    std::optional<uint32_t> rate_bytes;
    std::optional<uint32_t> rate_period;
    RngBackend backend = RngBackend::kRandom;
    std::string random_path;           // random backend; default /dev/random
    ChrType egd_type = ChrType::kTcp;  // egd backend
    ChrSource egd_source;
    std::optional<std::string> driver_iommu;
    DeviceInfo info;
    friend bool operator==(const RngDef&, const RngDef&) = default;
};

Result<RngDef> parseRng(Elem& e);
void formatRng(xml::Writer& w, const RngDef& r, const FormatCtx& fc);

}  // namespace nodevirt::conf
