#include "cli/format.h"

#include <array>

#include <fmt/format.h>

namespace nodevirt::cli {
namespace {

template <size_t N>
std::string_view pick(const std::array<std::string_view, N>& names, int index) {
    if (index < 0 || static_cast<size_t>(index) >= N) return "unknown";
    return names[static_cast<size_t>(index)];
}

}  // namespace

std::string_view domainStateName(DomainState state) {
    switch (state) {
        case DomainState::kRunning: return "running";
        case DomainState::kBlocked: return "idle";
        case DomainState::kPaused: return "paused";
        case DomainState::kShutdown: return "in shutdown";
        case DomainState::kShutoff: return "shut off";
        case DomainState::kCrashed: return "crashed";
        case DomainState::kPmSuspended: return "pmsuspended";
        case DomainState::kNoState: break;
    }
    return "no state";
}

std::string_view domainStateReasonName(DomainState state, int reason) {
    // Index = the virDomain<State>Reason value.
    static constexpr std::array<std::string_view, 12> kRunning = {
        "unknown",        "booted",        "migrated",     "restored",
        "from snapshot",  "unpaused",      "migration canceled", "save canceled",
        "event wakeup",   "crashed",       "post-copy",    "post-copy failed"};
    static constexpr std::array<std::string_view, 15> kPaused = {
        "unknown",       "user",           "migrating",         "saving",
        "dumping",       "I/O error",      "watchdog",          "from snapshot",
        "shutting down", "creating snapshot", "crashed",        "starting up",
        "post-copy",     "post-copy failed", "api error"};
    static constexpr std::array<std::string_view, 2> kShutdown = {"unknown", "user"};
    static constexpr std::array<std::string_view, 9> kShutoff = {
        "unknown", "shutdown", "destroyed",     "crashed", "migrated",
        "saved",   "failed",   "from snapshot", "daemon"};
    static constexpr std::array<std::string_view, 2> kCrashed = {"unknown", "panicked"};
    static constexpr std::array<std::string_view, 1> kOther = {"unknown"};
    switch (state) {
        case DomainState::kRunning: return pick(kRunning, reason);
        case DomainState::kPaused: return pick(kPaused, reason);
        case DomainState::kShutdown: return pick(kShutdown, reason);
        case DomainState::kShutoff: return pick(kShutoff, reason);
        case DomainState::kCrashed: return pick(kCrashed, reason);
        case DomainState::kNoState:
        case DomainState::kBlocked:
        case DomainState::kPmSuspended: return pick(kOther, reason);
    }
    return "unknown";
}

std::string prettyCapacity(uint64_t bytes) {
    static constexpr std::array<std::string_view, 7> kUnits = {"B",   "KiB", "MiB", "GiB",
                                                                "TiB", "PiB", "EiB"};
    size_t unit = 0;
    double value = static_cast<double>(bytes);
    // Dividing by 1024 is exact in binary floating point; at most six steps.
    while (value >= 1024.0 && unit + 1 < kUnits.size()) {
        value /= 1024.0;
        ++unit;
    }
    return fmt::format("{:.2f} {}", value, kUnits[unit]);
}

std::string_view poolStateName(int state) {
    static constexpr std::array<std::string_view, 5> kNames = {"inactive", "building", "running",
                                                               "degraded", "inaccessible"};
    return pick(kNames, state);
}

std::string_view volumeTypeName(int type) {
    static constexpr std::array<std::string_view, 6> kNames = {"file",    "block",  "dir",
                                                               "network", "netdir", "ploop"};
    return pick(kNames, type);
}

std::string padRight(std::string_view label, size_t width) {
    std::string s(label);
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

}  // namespace nodevirt::cli
