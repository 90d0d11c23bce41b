// Project logging: a thin layer over spdlog. All nodevirt code logs through one logger that
// writes to stderr at level "warning" until the daemon's configuration says otherwise, so
// library users never see log lines on stdout.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace nodevirt::log {

spdlog::logger& logger();

// level: 1 debug, 2 info, 3 warning, 4 error (libvirtd.conf's log_level numbering).
void setLevel(int level);
// "stderr" or a file path; returns false if the file cannot be opened.
bool setOutput(const std::string& target);

template <typename... Args>
void debug(fmt::format_string<Args...> f, Args&&... args) {
    logger().debug(f, std::forward<Args>(args)...);
}
template <typename... Args>
void info(fmt::format_string<Args...> f, Args&&... args) {
    logger().info(f, std::forward<Args>(args)...);
}
template <typename... Args>
void warn(fmt::format_string<Args...> f, Args&&... args) {
    logger().warn(f, std::forward<Args>(args)...);
}
template <typename... Args>
void error(fmt::format_string<Args...> f, Args&&... args) {
    logger().error(f, std::forward<Args>(args)...);
}

}  // namespace nodevirt::log
