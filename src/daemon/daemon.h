// nodevirtd's lifecycle: configuration, logging, daemonizing, pid file, drivers, the rpc
// server with its read-write and read-only unix sockets, and the signal loop (SIGTERM/SIGINT
// graceful shutdown, SIGHUP reload, SIGCHLD reaping, idle timeout).
#pragma once

#include <optional>
#include <string>

namespace nodevirt::daemon {

struct Options {
    std::optional<std::string> config_path;
    std::optional<std::string> pid_file;
    int timeout_seconds = 0;  // exit after this long without clients (0 = never)
    bool daemonize = false;
    bool verbose = false;
};

// Runs the daemon until it is told to stop; returns the process exit status.
int runDaemon(const Options& options);

}  // namespace nodevirt::daemon
