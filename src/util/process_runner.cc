#include "util/process_runner.h"

namespace nodevirt::util {

Result<std::unique_ptr<Process>> RealProcessRunner::spawn(const SpawnOptions& options) {
    NODEVIRT_ASSIGN_OR_RETURN(auto child, ChildProcess::spawn(options));
    return std::unique_ptr<Process>(std::move(child));
}

ProcessRunner& realProcessRunner() {
    static RealProcessRunner runner;
    return runner;
}

}  // namespace nodevirt::util
