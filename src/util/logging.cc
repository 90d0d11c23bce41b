#include "util/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <atomic>
#include <mutex>

namespace nodevirt::log {
namespace {

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;  // guarded by g_mutex for replacement
std::atomic<spdlog::logger*> g_current{nullptr};

std::shared_ptr<spdlog::logger> makeStderrLogger() {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto l = std::make_shared<spdlog::logger>("nodevirt", sink);
    l->set_level(spdlog::level::warn);
    l->set_pattern("%Y-%m-%d %H:%M:%S.%e%z: %t: %l : %v");
    return l;
}

}  // namespace

spdlog::logger& logger() {
    spdlog::logger* cur = g_current.load(std::memory_order_acquire);
    if (cur) return *cur;
    std::lock_guard lock(g_mutex);
    if (!g_logger) g_logger = makeStderrLogger();
    g_current.store(g_logger.get(), std::memory_order_release);
    return *g_logger;
}

void setLevel(int level) {
    spdlog::level::level_enum l = spdlog::level::warn;
    switch (level) {
        case 1: l = spdlog::level::debug; break;
        case 2: l = spdlog::level::info; break;
        case 3: l = spdlog::level::warn; break;
        case 4: l = spdlog::level::err; break;
        default: break;
    }
    logger().set_level(l);
}

bool setOutput(const std::string& target) {
    std::shared_ptr<spdlog::sinks::sink> sink;
    try {
        if (target == "stderr") {
            sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        } else {
            sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(target);
        }
    } catch (const spdlog::spdlog_ex&) {
        return false;
    }
    auto level = logger().level();
    auto l = std::make_shared<spdlog::logger>("nodevirt", sink);
    l->set_level(level);
    l->set_pattern("%Y-%m-%d %H:%M:%S.%e%z: %t: %l : %v");
    std::lock_guard lock(g_mutex);
    // The previous logger is kept alive (leaked on purpose) because other threads may still
    // hold a reference obtained from logger(); replacement happens once at daemon start.
    static std::vector<std::shared_ptr<spdlog::logger>> retired;
    if (g_logger) retired.push_back(g_logger);
    g_logger = l;
    g_current.store(l.get(), std::memory_order_release);
    return true;
}

}  // namespace nodevirt::log
