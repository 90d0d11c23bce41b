// QMP reply parsing for domain statistics.
#include "drivers/qemu/stats/qmp_stats_parse.h"

#include <fmt/format.h>

#include <map>

#include "driver/libvirt_constants.h"
#include "util/error.h"

namespace nodevirt::qemu::stats {
namespace {

Error malformed(std::string_view command, std::string_view what) {
    return internalError(fmt::format("malformed reply to QEMU command '{}': {}", command, what));
}

// A counter member: an unsigned JSON number; missing is 0 (older QEMUs omit some).
Result<uint64_t> counter(const Json& obj, const char* key, std::string_view command) {
    auto it = obj.find(key);
    if (it == obj.end()) return uint64_t{0};
    if (it->is_number_unsigned()) return it->get<uint64_t>();
    if (it->is_number_integer() && it->get<int64_t>() >= 0)
        return static_cast<uint64_t>(it->get<int64_t>());
    return fail(malformed(command, fmt::format("'{}' is not a non-negative integer", key)));
}

struct StateOf {
    DomainState state;
    unsigned reason;
};

const std::map<std::string, StateOf>& runStates() {
    using namespace lv;
    static const std::map<std::string, StateOf> kStates = {
        {"running", {DomainState::kRunning, kDomainRunningUnknown}},
        {"paused", {DomainState::kPaused, kDomainPausedUser}},
        {"prelaunch", {DomainState::kPaused, kDomainPausedStartingUp}},
        {"debug", {DomainState::kPaused, kDomainPausedUnknown}},
        {"inmigrate", {DomainState::kPaused, kDomainPausedMigration}},
        {"postmigrate", {DomainState::kPaused, kDomainPausedMigration}},
        {"finish-migrate", {DomainState::kPaused, kDomainPausedMigration}},
        {"internal-error", {DomainState::kPaused, kDomainPausedUnknown}},
        {"io-error", {DomainState::kPaused, kDomainPausedIoerror}},
        {"restore-vm", {DomainState::kPaused, kDomainPausedUnknown}},
        {"save-vm", {DomainState::kPaused, kDomainPausedSave}},
        {"shutdown", {DomainState::kShutdown, kDomainShutdownUnknown}},
        {"guest-panicked", {DomainState::kCrashed, kDomainCrashedPanicked}},
        {"watchdog", {DomainState::kPaused, kDomainPausedWatchdog}},
        {"suspended", {DomainState::kPmSuspended, kDomainPmsuspendedUnknown}},
        {"colo", {DomainState::kRunning, kDomainRunningUnknown}},
    };
    return kStates;
}

}  // namespace

Result<RunStatus> parseQueryStatus(const Json& reply) {
    if (!reply.is_object() || !reply.contains("status") || !reply["status"].is_string()) {
        return fail(malformed("query-status", "no 'status' string"));
    }
    RunStatus out;
    out.status = reply["status"].get<std::string>();
    out.running = reply.value("running", false);
    auto it = runStates().find(out.status);
    if (it == runStates().end()) {
        // A state newer than this table: running or not is all we know.
        out.state = out.running ? DomainState::kRunning : DomainState::kPaused;
        out.reason = 0;
    } else {
        out.state = it->second.state;
        out.reason = static_cast<int>(it->second.reason);
    }
    return out;
}

Result<std::vector<VcpuThread>> parseQueryCpusFast(const Json& reply) {
    if (!reply.is_array()) return fail(malformed("query-cpus-fast", "not an array"));
    std::vector<VcpuThread> out;
    for (const Json& cpu : reply) {
        if (!cpu.is_object() || !cpu.contains("cpu-index") ||
            !cpu["cpu-index"].is_number_integer() || !cpu.contains("thread-id") ||
            !cpu["thread-id"].is_number_integer()) {
            return fail(malformed("query-cpus-fast", "an entry lacks 'cpu-index' or 'thread-id'"));
        }
        int64_t index = cpu["cpu-index"].get<int64_t>();
        int64_t tid = cpu["thread-id"].get<int64_t>();
        if (index < 0 || tid <= 0) {
            return fail(malformed("query-cpus-fast",
                                  fmt::format("bad cpu-index {} or thread-id {}", index, tid)));
        }
        out.push_back({static_cast<unsigned>(index), static_cast<pid_t>(tid)});
    }
    return out;
}

Result<uint64_t> parseQueryBalloon(const Json& reply) {
    if (!reply.is_object()) return fail(malformed("query-balloon", "not an object"));
    if (!reply.contains("actual")) return fail(malformed("query-balloon", "no 'actual'"));
    NODEVIRT_ASSIGN_OR_RETURN(uint64_t bytes, counter(reply, "actual", "query-balloon"));
    return bytes / 1024;
}

Result<std::vector<MemoryStat>> parseGuestStats(const Json& reply) {
    if (!reply.is_object() || !reply.contains("stats") || !reply["stats"].is_object()) {
        return fail(malformed("qom-get guest-stats", "no 'stats' object"));
    }
    const Json& s = reply["stats"];
    struct Field {
        const char* name;  // nullptr: last-update, from the top level
        unsigned tag;
        uint64_t divisor;
    };
    using namespace lv;
    static const Field kFields[] = {
        {"stat-swap-in", kDomainMemoryStatSwapIn, 1024},
        {"stat-swap-out", kDomainMemoryStatSwapOut, 1024},
        {"stat-major-faults", kDomainMemoryStatMajorFault, 1},
        {"stat-minor-faults", kDomainMemoryStatMinorFault, 1},
        {"stat-free-memory", kDomainMemoryStatUnused, 1024},
        {"stat-total-memory", kDomainMemoryStatAvailable, 1024},
        {"stat-available-memory", kDomainMemoryStatUsable, 1024},
        {nullptr, kDomainMemoryStatLastUpdate, 1},
        {"stat-disk-caches", kDomainMemoryStatDiskCaches, 1024},
        {"stat-htlb-pgalloc", kDomainMemoryStatHugetlbPgalloc, 1},
        {"stat-htlb-pgfail", kDomainMemoryStatHugetlbPgfail, 1},
    };
    std::vector<MemoryStat> out;
    for (const Field& f : kFields) {
        const Json& obj = f.name ? s : reply;
        const char* key = f.name ? f.name : "last-update";
        if (!obj.contains(key)) continue;
        NODEVIRT_ASSIGN_OR_RETURN(uint64_t v, counter(obj, key, "qom-get guest-stats"));
        // QEMU reports "not provided by the guest" as -1, i.e. all ones.
        if (f.name && v == UINT64_MAX) continue;
        out.push_back({static_cast<int>(f.tag), v / f.divisor});
    }
    return out;
}

namespace {

Result<BlockDevStats> parseOneBlockStats(const Json& e) {
    constexpr std::string_view kCmd = "query-blockstats";
    if (!e.is_object() || !e.contains("stats") || !e["stats"].is_object()) {
        return fail(malformed(kCmd, "an entry has no 'stats' object"));
    }
    BlockDevStats b;
    b.device = e.value("device", "");
    b.qdev = e.value("qdev", "");
    b.node_name = e.value("node-name", "");
    const Json& s = e["stats"];
    NODEVIRT_ASSIGN_OR_RETURN(b.rd_reqs, counter(s, "rd_operations", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.rd_bytes, counter(s, "rd_bytes", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.rd_times_ns, counter(s, "rd_total_time_ns", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.wr_reqs, counter(s, "wr_operations", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.wr_bytes, counter(s, "wr_bytes", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.wr_times_ns, counter(s, "wr_total_time_ns", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.fl_reqs, counter(s, "flush_operations", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.fl_times_ns, counter(s, "flush_total_time_ns", kCmd));
    NODEVIRT_ASSIGN_OR_RETURN(b.wr_highest_offset, counter(s, "wr_highest_offset", kCmd));
    return b;
}

bool sameDevice(const BlockDevStats& b, const Json& blk) {
    std::string qdev = blk.value("qdev", "");
    std::string device = blk.value("device", "");
    if (!b.qdev.empty() && qdev == b.qdev) return true;
    if (!b.device.empty() && device == b.device) return true;
    const Json* ins = blk.contains("inserted") ? &blk["inserted"] : nullptr;
    return ins && ins->is_object() && !b.node_name.empty() &&
           ins->value("node-name", "") == b.node_name;
}

void addMedium(BlockDevStats& b, const Json& block) {
    if (!block.is_array()) return;
    for (const Json& blk : block) {
        if (!blk.is_object() || !sameDevice(b, blk) || !blk.contains("inserted")) continue;
        const Json& ins = blk["inserted"];
        if (!ins.is_object()) continue;
        b.file = ins.value("file", "");
        if (b.node_name.empty()) b.node_name = ins.value("node-name", "");
        if (ins.contains("image") && ins["image"].is_object()) {
            const Json& img = ins["image"];
            if (img.contains("virtual-size") && img["virtual-size"].is_number_unsigned()) {
                b.capacity = img["virtual-size"].get<uint64_t>();
            }
            if (img.contains("actual-size") && img["actual-size"].is_number_unsigned()) {
                b.physical = img["actual-size"].get<uint64_t>();
            }
        }
        return;
    }
}

}  // namespace

Result<std::vector<BlockDevStats>> parseBlockStats(const Json& blockstats, const Json& block) {
    if (!blockstats.is_array()) return fail(malformed("query-blockstats", "not an array"));
    if (!block.is_null() && !block.is_array())
        return fail(malformed("query-block", "not an array"));
    std::vector<BlockDevStats> out;
    for (const Json& e : blockstats) {
        NODEVIRT_ASSIGN_OR_RETURN(BlockDevStats b, parseOneBlockStats(e));
        addMedium(b, block);
        out.push_back(std::move(b));
    }
    return out;
}

const BlockDevStats* findBlockDev(const std::vector<BlockDevStats>& all, const std::string& alias,
                                  const std::string& node_name) {
    if (!alias.empty()) {
        std::string prefix = "/machine/peripheral/" + alias + "/";
        for (const BlockDevStats& b : all) {
            if (b.qdev == alias || b.qdev.rfind(prefix, 0) == 0 ||
                b.qdev == "/machine/peripheral/" + alias) {
                return &b;
            }
        }
    }
    for (const BlockDevStats& b : all) {
        if (!node_name.empty() && b.node_name == node_name) return &b;
    }
    for (const BlockDevStats& b : all) {
        // -drive style names: libvirt's "drive-<alias>".
        if (!alias.empty() && (b.device == alias || b.device == "drive-" + alias)) return &b;
    }
    return nullptr;
}

}  // namespace nodevirt::qemu::stats
