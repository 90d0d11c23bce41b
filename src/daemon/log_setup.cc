#include "daemon/log_setup.h"

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>

#include <memory>
#include <mutex>

#include "util/logging.h"
#include "util/strings.h"

namespace nodevirt::daemon {
namespace {

constexpr const char* kPattern = "%Y-%m-%d %H:%M:%S.%e%z: %t: %l : %v";

spdlog::level::level_enum toSpdlog(int level) {
    switch (level) {
        case 1: return spdlog::level::debug;
        case 2: return spdlog::level::info;
        case 3: return spdlog::level::warn;
        default: return spdlog::level::err;
    }
}

// The project logger gets one distributing sink, installed once; reconfiguring (SIGHUP) swaps
// its children under the sink's own lock, so threads that are logging are never disturbed.
std::shared_ptr<spdlog::sinks::dist_sink_mt> distSink() {
    static std::once_flag once;
    static std::shared_ptr<spdlog::sinks::dist_sink_mt> sink;
    std::call_once(once, [] {
        sink = std::make_shared<spdlog::sinks::dist_sink_mt>();
        spdlog::logger& l = log::logger();
        l.sinks().clear();
        l.sinks().push_back(sink);
        l.set_pattern(kPattern);
    });
    return sink;
}

Result<spdlog::sink_ptr> makeSink(const LogOutput& out) {
    spdlog::sink_ptr sink;
    try {
        switch (out.kind) {
            case LogOutput::Kind::kFile:
                sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(out.target);
                break;
            case LogOutput::Kind::kSyslog:
                sink = std::make_shared<spdlog::sinks::syslog_sink_mt>(out.target, 0, LOG_DAEMON,
                                                                       false);
                break;
            default:  // stderr, and journald (which captures a service's stderr)
                sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
                break;
        }
    } catch (const spdlog::spdlog_ex& e) {
        return fail(operationFailed(fmt::format("cannot open log output '{}': {}", out.target, e.what())));
    }
    sink->set_level(toSpdlog(out.level));
    sink->set_pattern(kPattern);
    return sink;
}

Result<LogOutput> parseOne(std::string_view entry) {
    auto bad = [entry](std::string_view why) {
        return fail(invalidArg(fmt::format("bad log output '{}': {}", entry, why)));
    };
    size_t colon = entry.find(':');
    if (colon == std::string_view::npos) return bad("expected LEVEL:TYPE[:TARGET]");
    std::optional<int> level = str::parseInt(entry.substr(0, colon));
    if (!level || *level < 1 || *level > 4) return bad("the level must be 1 to 4");
    std::string_view rest = entry.substr(colon + 1);
    size_t colon2 = rest.find(':');
    std::string_view type = rest.substr(0, colon2);
    std::string target = colon2 == std::string_view::npos ? "" : std::string(rest.substr(colon2 + 1));
    LogOutput out;
    out.level = *level;
    out.target = target;
    if (type == "stderr" || type == "journald") {
        if (!target.empty()) return bad("this output takes no target");
        out.kind = type == "stderr" ? LogOutput::Kind::kStderr : LogOutput::Kind::kJournald;
    } else if (type == "file") {
        if (target.empty() || target[0] != '/') return bad("a file output needs an absolute path");
        out.kind = LogOutput::Kind::kFile;
    } else if (type == "syslog") {
        if (target.empty()) return bad("a syslog output needs a name");
        out.kind = LogOutput::Kind::kSyslog;
    } else {
        return bad("the type must be stderr, file, syslog or journald");
    }
    return out;
}

}  // namespace

Result<std::vector<LogOutput>> parseLogOutputs(std::string_view spec) {
    std::vector<LogOutput> outputs;
    size_t pos = 0;
    while (pos < spec.size()) {
        while (pos < spec.size() && (spec[pos] == ' ' || spec[pos] == '\t')) ++pos;
        size_t end = pos;
        while (end < spec.size() && spec[end] != ' ' && spec[end] != '\t') ++end;
        if (end > pos) {
            NODEVIRT_ASSIGN_OR_RETURN(LogOutput out, parseOne(spec.substr(pos, end - pos)));
            outputs.push_back(std::move(out));
        }
        pos = end;
    }
    return outputs;
}

Status applyLogging(int level, const std::vector<LogOutput>& outputs) {
    std::vector<spdlog::sink_ptr> sinks;
    int lowest = level;
    if (outputs.empty()) {
        NODEVIRT_ASSIGN_OR_RETURN(auto sink, makeSink(LogOutput{level, LogOutput::Kind::kStderr, ""}));
        sinks.push_back(std::move(sink));
    }
    for (const LogOutput& out : outputs) {
        // An output never logs below the global log_level (libvirt filters globally first).
        LogOutput effective = out;
        effective.level = std::max(out.level, level);
        NODEVIRT_ASSIGN_OR_RETURN(auto sink, makeSink(effective));
        sinks.push_back(std::move(sink));
        lowest = std::min(lowest, effective.level);
    }
    distSink()->set_sinks(std::move(sinks));
    log::logger().set_level(toSpdlog(lowest));
    return ok();
}

}  // namespace nodevirt::daemon
