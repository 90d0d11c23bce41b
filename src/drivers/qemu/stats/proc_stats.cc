// /proc parsing for domain statistics.
#include "drivers/qemu/stats/proc_stats.h"

#include <fmt/format.h>

#include "util/error.h"
#include "util/strings.h"

namespace nodevirt::qemu::stats {
namespace {

// Field positions after the ")" that closes the command name, counting the state as 0
// (proc(5) numbers them from 1 with the state as field 3).
constexpr size_t kUtime = 11, kStime = 12, kRss = 21, kProcessor = 36;

std::string taskDir(pid_t pid, pid_t tid) {
    return tid > 0 ? fmt::format("/proc/{}/task/{}", pid, tid) : fmt::format("/proc/{}", pid);
}

}  // namespace

Result<ProcCpu> parseProcStat(std::string_view text, long ticks_per_sec) {
    size_t close = text.rfind(')');
    if (close == std::string_view::npos || ticks_per_sec <= 0) {
        return fail(internalError("malformed /proc stat line: no command name"));
    }
    std::vector<std::string> f;
    for (std::string& s : str::split(str::trim(text.substr(close + 1)), ' ')) {
        if (!s.empty()) f.push_back(std::move(s));
    }
    if (f.size() <= kRss) {
        return fail(internalError(fmt::format("malformed /proc stat line: {} fields", f.size())));
    }
    auto utime = str::parseUint64(f[kUtime]);
    auto stime = str::parseUint64(f[kStime]);
    auto rss = str::parseInt64(f[kRss]);
    if (!utime || !stime || !rss) {
        return fail(internalError("malformed /proc stat line: bad utime, stime or rss"));
    }
    uint64_t ns_per_tick = 1000000000ull / static_cast<uint64_t>(ticks_per_sec);
    ProcCpu out;
    out.user_ns = *utime * ns_per_tick;
    out.system_ns = *stime * ns_per_tick;
    out.rss_pages = *rss > 0 ? static_cast<uint64_t>(*rss) : 0;
    if (f.size() > kProcessor) out.processor = str::parseInt(f[kProcessor]).value_or(-1);
    return out;
}

Result<ProcCpu> readProcCpu(const caps::HostSource& src, pid_t pid, pid_t tid, long ticks_per_sec) {
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, src.readFile(taskDir(pid, tid) + "/stat"));
    return parseProcStat(text, ticks_per_sec);
}

Result<uint64_t> readRunDelay(const caps::HostSource& src, pid_t pid, pid_t tid) {
    std::string path = taskDir(pid, tid) + "/schedstat";
    NODEVIRT_ASSIGN_OR_RETURN(std::string text, src.readFile(path));
    std::vector<std::string> f = str::split(str::trim(text), ' ');
    auto delay = f.size() >= 2 ? str::parseUint64(f[1]) : std::nullopt;
    if (!delay) return fail(internalError(fmt::format("malformed {}", path)));
    return *delay;
}

std::optional<uint64_t> parseSchedWaitSum(std::string_view sched) {
    for (const std::string& line : str::split(sched, '\n')) {
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string_view key = str::trim(std::string_view(line).substr(0, colon));
        if (key != "wait_sum" && key != "se.statistics.wait_sum" && key != "se.wait_sum") continue;
        auto ms = str::parseDouble(str::trim(std::string_view(line).substr(colon + 1)));
        if (!ms || *ms < 0) return std::nullopt;
        return static_cast<uint64_t>(*ms * 1e6);
    }
    return std::nullopt;
}

Result<InterfaceStats> parseNetDev(std::string_view text, std::string_view ifname,
                                   bool guest_view) {
    for (const std::string& line : str::split(text, '\n')) {
        size_t colon = line.find(':');
        if (colon == std::string::npos ||
            str::trim(std::string_view(line).substr(0, colon)) != ifname) {
            continue;
        }
        std::vector<uint64_t> v;
        for (const std::string& s : str::split(std::string_view(line).substr(colon + 1), ' ')) {
            if (s.empty()) continue;
            auto n = str::parseUint64(s);
            if (!n)
                return fail(
                    internalError(fmt::format("malformed /proc/net/dev line for '{}'", ifname)));
            v.push_back(*n);
        }
        // rx: bytes packets errs drop fifo frame compressed multicast; tx: bytes packets errs drop
        // ...
        if (v.size() < 12) {
            return fail(
                internalError(fmt::format("malformed /proc/net/dev line for '{}'", ifname)));
        }
        auto as = [](uint64_t x) { return static_cast<int64_t>(x); };
        InterfaceStats host{as(v[0]), as(v[1]), as(v[2]),  as(v[3]),
                            as(v[8]), as(v[9]), as(v[10]), as(v[11])};
        if (!guest_view) return host;
        return InterfaceStats{host.tx_bytes, host.tx_packets, host.tx_errs, host.tx_drop,
                              host.rx_bytes, host.rx_packets, host.rx_errs, host.rx_drop};
    }
    return fail(invalidArg(fmt::format("interface '{}' not found in /proc/net/dev", ifname),
                           ErrorDomain::kQemu));
}

}  // namespace nodevirt::qemu::stats
