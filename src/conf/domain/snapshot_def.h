// <domainsnapshot>: a snapshot's name, description, state, parent, memory and per-disk
// snapshot modes, and the domain definition captured with it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/domain_def.h"
#include "util/result.h"

namespace nodevirt::conf {

struct DomainPostParseProfile;

enum class SnapshotState : uint8_t {
    kNostate,
    kRunning,
    kBlocked,
    kPaused,
    kShutdown,
    kShutoff,
    kCrashed,
    kPmsuspended,
    kDiskSnapshot
};
inline constexpr auto kSnapshotStates =
    makeEnumTable<SnapshotState>("nostate", "running", "blocked", "paused", "shutdown", "shutoff",
                                 "crashed", "pmsuspended", "disk-snapshot");

enum class SnapshotLocation : uint8_t { kNo, kInternal, kExternal, kManual };
inline constexpr auto kSnapshotLocations =
    makeEnumTable<SnapshotLocation>("no", "internal", "external", "manual");

struct SnapshotDiskDef {
    std::string name;  // target dev or source path
    std::optional<SnapshotLocation> snapshot;
    std::optional<DiskType> type;
    std::optional<std::string> driver_type;
    std::optional<std::string> source;  // file or dev, by type
    friend bool operator==(const SnapshotDiskDef&, const SnapshotDiskDef&) = default;
};

struct DomainSnapshotDef {
    std::string name;
    std::optional<std::string> description;
    std::optional<SnapshotState> state;
    std::optional<std::string> parent;
    std::optional<int64_t> creation_time;
    std::optional<SnapshotLocation> memory;
    std::optional<std::string> memory_file;
    std::vector<SnapshotDiskDef> disks;
    bool disks_given = false;  // <disks> present (possibly empty)
    std::shared_ptr<const DomainDef> domain;
};

struct SnapshotParseOptions {
    bool validate = false;
    // snapshot-create --redefine: accept state, parent, creation time and the domain, which
    // a new snapshot gets from the hypervisor instead.
    bool redefine = false;
    const DomainPostParseProfile* profile = nullptr;  // for the embedded <domain>
};

struct SnapshotFormatOptions {
    bool secure = false;
};

Result<std::shared_ptr<DomainSnapshotDef>> parseDomainSnapshotXml(
    std::string_view xml, const SnapshotParseOptions& options);
std::string formatDomainSnapshotXml(const DomainSnapshotDef& def,
                                    const SnapshotFormatOptions& options);

}  // namespace nodevirt::conf
