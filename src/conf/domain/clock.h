// The <clock> section: how the guest clock is offset from the host, and the guest timer
// devices (rtc, pit, hpet, tsc, kvmclock, …) with their tick policies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/box.h"
#include "conf/domain/enum_table.h"
#include "conf/domain/parse_context.h"
#include "xml/xml_writer.h"

namespace nodevirt::conf {

enum class ClockOffset : uint8_t { kUtc, kLocaltime, kVariable, kTimezone, kAbsolute };
inline constexpr auto kClockOffsets =
    makeEnumTable<ClockOffset>("utc", "localtime", "variable", "timezone", "absolute");
enum class ClockBasis : uint8_t { kUtc, kLocaltime };
inline constexpr auto kClockBases = makeEnumTable<ClockBasis>("utc", "localtime");

enum class TimerName : uint8_t {
    kPlatform,
    kPit,
    kRtc,
    kHpet,
    kTsc,
    kKvmclock,
    kHypervclock,
    kArmvtimer
};
inline constexpr auto kTimerNames = makeEnumTable<TimerName>(
    "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer");
enum class TickPolicy : uint8_t { kDelay, kCatchup, kMerge, kDiscard };
inline constexpr auto kTickPolicies =
    makeEnumTable<TickPolicy>("delay", "catchup", "merge", "discard");
enum class TimerTrack : uint8_t { kBoot, kGuest, kWall, kRealtime };
inline constexpr auto kTimerTracks = makeEnumTable<TimerTrack>("boot", "guest", "wall", "realtime");
enum class TimerMode : uint8_t { kAuto, kNative, kEmulate, kParavirt, kSmpsafe };
inline constexpr auto kTimerModes =
    makeEnumTable<TimerMode>("auto", "native", "emulate", "paravirt", "smpsafe");

struct TimerCatchup {
    std::optional<uint64_t> threshold;
    std::optional<uint64_t> slew;
    std::optional<uint64_t> limit;
    friend bool operator==(const TimerCatchup&, const TimerCatchup&) = default;
};

struct TimerDef {
    TimerName name = TimerName::kRtc;
    std::optional<bool> present;
    std::optional<TickPolicy> tickpolicy;
    std::optional<TimerTrack> track;
    std::optional<uint64_t> frequency;
    std::optional<TimerMode> mode;
    std::optional<TimerCatchup> catchup;
    friend bool operator==(const TimerDef&, const TimerDef&) = default;
};

struct ClockExtra {
    bool adjustment_reset = false;  // adjustment='reset' (utc/localtime only)
    int64_t adjustment = 0;         // seconds, for offset='variable'
    ClockBasis basis = ClockBasis::kUtc;
    std::string timezone;  // offset='timezone'
    uint64_t start = 0;    // offset='absolute'
    std::vector<TimerDef> timers;
    friend bool operator==(const ClockExtra&, const ClockExtra&) = default;
};

struct ClockDef {
    ClockOffset offset = ClockOffset::kUtc;
    Box<ClockExtra> extra;
    friend bool operator==(const ClockDef&, const ClockDef&) = default;
};

Status parseClock(Elem& e, ClockDef& out);
void formatClock(xml::Writer& w, const ClockDef& c);

}  // namespace nodevirt::conf
