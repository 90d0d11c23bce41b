#include "cli/commands/event/event_format.h"

#include <array>

#include <fmt/format.h>

namespace nodevirt::cli {
namespace {

template <size_t N>
std::string_view pick(const std::array<std::string_view, N>& names, int i) {
    return i >= 0 && static_cast<size_t>(i) < N ? names[static_cast<size_t>(i)] : "unknown";
}

struct PayloadText {
    const DomainEvent& ev;

    std::string operator()(const NoPayload&) const { return {}; }
    std::string operator()(const LifecycleEvent& p) const {
        return fmt::format(": {} {}", lifecycleEventName(p.event), lifecycleDetailName(p.event, p.detail));
    }
    std::string operator()(const RtcChangeEvent& p) const { return fmt::format(": {}", p.offset); }
    std::string operator()(const WatchdogEvent& p) const {
        static constexpr std::array<std::string_view, 7> kActions = {
            "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi"};
        return fmt::format(": {}", pick(kActions, p.action));
    }
    std::string operator()(const IoErrorEvent& p) const {
        static constexpr std::array<std::string_view, 3> kActions = {"none", "pause", "report"};
        return fmt::format(": {} ({}) {}{}", p.src_path, p.dev_alias, pick(kActions, p.action),
                           p.reason.empty() ? "" : " due to " + p.reason);
    }
    std::string operator()(const DeviceAliasEvent& p) const { return fmt::format(": {}", p.dev_alias); }
    std::string operator()(const BalloonChangeEvent& p) const {
        return fmt::format(": {} KiB", p.actual_kib);
    }
    std::string operator()(const MetadataChangeEvent& p) const {
        static constexpr std::array<std::string_view, 3> kTypes = {"description", "title", "element"};
        return fmt::format(": type {}, uri {}", pick(kTypes, p.type), p.nsuri.value_or("n/a"));
    }
    std::string operator()(const TrayChangeEvent& p) const {
        return fmt::format(" disk {}: {}", p.dev_alias, p.reason == 0 ? "opened" : "closed");
    }
    std::string operator()(const DiskChangeEvent& p) const {
        static constexpr std::array<std::string_view, 2> kReasons = {"start", "dropped"};
        return fmt::format(" disk {}: {} -> {}: {}", p.dev_alias, p.old_src.value_or(""),
                           p.new_src.value_or(""), pick(kReasons, p.reason));
    }
    std::string operator()(const BlockJobEvent& p) const {
        static constexpr std::array<std::string_view, 6> kTypes = {"unknown", "pull", "copy",
                                                                   "commit", "active commit", "backup"};
        static constexpr std::array<std::string_view, 4> kStatus = {"completed", "failed", "canceled",
                                                                    "ready"};
        return fmt::format(": {} for {} {}", pick(kTypes, p.type), p.path, pick(kStatus, p.status));
    }
    std::string operator()(const JobCompletedEvent&) const { return ":"; }
    std::string operator()(const TunableEvent&) const { return ":"; }
    std::string operator()(const PmEvent&) const { return {}; }
};

}  // namespace

const std::vector<std::string_view>& domainEventNames() {
    static const std::vector<std::string_view> kNames = {
        "lifecycle",        "reboot",
        "rtc-change",       "watchdog",
        "io-error",         "graphics",
        "io-error-reason",  "control-error",
        "block-job",        "disk-change",
        "tray-change",      "pm-wakeup",
        "pm-suspend",       "balloon-change",
        "pm-suspend-disk",  "device-removed",
        "block-job-2",      "tunable",
        "agent-lifecycle",  "device-added",
        "migration-iteration", "job-completed",
        "device-removal-failed", "metadata-change",
        "block-threshold",  "memory-failure",
        "memory-device-size-change",
    };
    return kNames;
}

std::optional<int> domainEventId(std::string_view name) {
    const auto& names = domainEventNames();
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<int>(i);
    }
    return std::nullopt;
}

std::string_view lifecycleEventName(int event) {
    static constexpr std::array<std::string_view, 9> kNames = {
        "Defined", "Undefined", "Started", "Suspended", "Resumed",
        "Stopped", "Shutdown",  "PMSuspended", "Crashed"};
    return pick(kNames, event);
}

std::string_view lifecycleDetailName(int event, int detail) {
    static constexpr std::array<std::string_view, 4> kDefined = {"Added", "Updated", "Renamed", "Snapshot"};
    static constexpr std::array<std::string_view, 2> kUndefined = {"Removed", "Renamed"};
    static constexpr std::array<std::string_view, 5> kStarted = {"Booted", "Migrated", "Restored",
                                                                 "Snapshot", "Event wakeup"};
    static constexpr std::array<std::string_view, 9> kSuspended = {
        "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error",
        "Post-copy", "Post-copy Error"};
    static constexpr std::array<std::string_view, 5> kResumed = {"Unpaused", "Migrated", "Snapshot",
                                                                 "Post-copy", "Post-copy Error"};
    static constexpr std::array<std::string_view, 7> kStopped = {
        "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot"};
    static constexpr std::array<std::string_view, 3> kShutdown = {
        "Finished", "Finished after guest request", "Finished after host request"};
    static constexpr std::array<std::string_view, 2> kPm = {"Memory", "Disk"};
    static constexpr std::array<std::string_view, 2> kCrashed = {"Panicked", "Crashloaded"};
    switch (event) {
        case 0: return pick(kDefined, detail);
        case 1: return pick(kUndefined, detail);
        case 2: return pick(kStarted, detail);
        case 3: return pick(kSuspended, detail);
        case 4: return pick(kResumed, detail);
        case 5: return pick(kStopped, detail);
        case 6: return pick(kShutdown, detail);
        case 7: return pick(kPm, detail);
        case 8: return pick(kCrashed, detail);
        default: return "unknown";
    }
}

std::string formatDomainEvent(const DomainEvent& ev) {
    const auto& names = domainEventNames();
    const std::string_view name = ev.event_id >= 0 && static_cast<size_t>(ev.event_id) < names.size()
                                      ? names[static_cast<size_t>(ev.event_id)]
                                      : std::string_view("unknown");
    return fmt::format("event '{}' for domain '{}'{}\n", name, ev.domain.name(),
                       std::visit(PayloadText{ev}, ev.payload));
}

}  // namespace nodevirt::cli
