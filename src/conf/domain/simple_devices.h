// Small device classes that carry a model and a handful of options: <sound>, <watchdog>,
// <memballoon>, <panic>, <vsock> and <tpm>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/device_address.h"
#include "conf/domain/enum_table.h"

namespace nodevirt::conf {

enum class SoundModel : uint8_t { kSb16, kEs1370, kPcspk, kAc97, kIch6, kIch9, kUsb, kIch7 };
inline constexpr auto kSoundModels =
    makeEnumTable<SoundModel>("sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7");

struct SoundDef {
    SoundModel model = SoundModel::kIch6;
    std::vector<std::string> codecs;  // duplex, micro, output
    DeviceInfo info;
    friend bool operator==(const SoundDef&, const SoundDef&) = default;
};

enum class WatchdogModel : uint8_t { kI6300esb, kIb700, kDiag288, kItco };
inline constexpr auto kWatchdogModels =
    makeEnumTable<WatchdogModel>("i6300esb", "ib700", "diag288", "itco");
enum class WatchdogAction : uint8_t {
    kReset,
    kShutdown,
    kPoweroff,
    kPause,
    kNone,
    kDump,
    kInjectNmi
};
inline constexpr auto kWatchdogActions = makeEnumTable<WatchdogAction>(
    "reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi");

struct WatchdogDef {
    WatchdogModel model = WatchdogModel::kI6300esb;
    WatchdogAction action = WatchdogAction::kReset;
    DeviceInfo info;
    friend bool operator==(const WatchdogDef&, const WatchdogDef&) = default;
};

enum class MemballoonModel : uint8_t {
    kVirtio,
    kXen,
    kNone,
    kVirtioTransitional,
    kVirtioNonTransitional
};
inline constexpr auto kMemballoonModels = makeEnumTable<MemballoonModel>(
    "virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional");

struct MemballoonDef {
    MemballoonModel model = MemballoonModel::kVirtio;
    std::optional<bool> autodeflate;          // on/off
    std::optional<bool> free_page_reporting;  // on/off
    std::optional<uint32_t> stats_period;
    DeviceInfo info;
    friend bool operator==(const MemballoonDef&, const MemballoonDef&) = default;
};

enum class PanicModel : uint8_t { kIsa, kPseries, kHyperv, kS390 };
inline constexpr auto kPanicModels = makeEnumTable<PanicModel>("isa", "pseries", "hyperv", "s390");

struct PanicDef {
    std::optional<PanicModel> model;
    DeviceInfo info;
    friend bool operator==(const PanicDef&, const PanicDef&) = default;
};

struct VsockDef {
    std::optional<std::string> model;  // virtio, virtio-transitional, virtio-non-transitional
    std::optional<bool> cid_auto;      // yes/no
    std::optional<uint32_t> cid_address;
    DeviceInfo info;
    friend bool operator==(const VsockDef&, const VsockDef&) = default;
};

enum class TpmModel : uint8_t { kTis, kCrb, kSpapr, kSpaprProxy };
inline constexpr auto kTpmModels =
    makeEnumTable<TpmModel>("tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");
enum class TpmBackend : uint8_t { kPassthrough, kEmulator, kExternal };
inline constexpr auto kTpmBackends =
    makeEnumTable<TpmBackend>("passthrough", "emulator", "external");

struct TpmDef {
    std::optional<TpmModel> model;
    TpmBackend backend = TpmBackend::kEmulator;
    std::optional<std::string> device_path;  // passthrough
    std::optional<std::string> version;      // emulator
    std::optional<bool> persistent_state;    // yes/no
    std::optional<std::string> encryption_secret;
    std::vector<std::string> pcr_banks;
    DeviceInfo info;
    friend bool operator==(const TpmDef&, const TpmDef&) = default;
};

Result<SoundDef> parseSound(Elem& e);
Result<WatchdogDef> parseWatchdog(Elem& e);
Result<MemballoonDef> parseMemballoon(Elem& e);
Result<PanicDef> parsePanic(Elem& e);
Result<VsockDef> parseVsock(Elem& e);
Result<TpmDef> parseTpm(Elem& e);

void formatSound(xml::Writer& w, const SoundDef& d, const FormatCtx& fc);
void formatWatchdog(xml::Writer& w, const WatchdogDef& d, const FormatCtx& fc);
void formatMemballoon(xml::Writer& w, const MemballoonDef& d, const FormatCtx& fc);
void formatPanic(xml::Writer& w, const PanicDef& d, const FormatCtx& fc);
void formatVsock(xml::Writer& w, const VsockDef& d, const FormatCtx& fc);
void formatTpm(xml::Writer& w, const TpmDef& d, const FormatCtx& fc);

}  // namespace nodevirt::conf
