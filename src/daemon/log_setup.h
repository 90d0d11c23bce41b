// Logging setup from libvirt's syntax: log_level 1..4 (debug, info, warning, error) and
// log_outputs such as "1:file:/var/log/nodevirtd.log 3:stderr" — each output with its own
// minimum level. Replaces the sinks of the project logger (util/logging.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nodevirt::daemon {

struct LogOutput {
    enum class Kind { kStderr, kFile, kSyslog, kJournald };
    int level = 3;
    Kind kind = Kind::kStderr;
    std::string target;  // file path or syslog ident
};

// Parses a whitespace-separated list of outputs; errors name the bad entry.
Result<std::vector<LogOutput>> parseLogOutputs(std::string_view spec);

// Installs the outputs (stderr at `level` when `outputs` is empty). Files are opened for
// appending; a file that cannot be opened is an error and nothing changes.
Status applyLogging(int level, const std::vector<LogOutput>& outputs);

}  // namespace nodevirt::daemon
