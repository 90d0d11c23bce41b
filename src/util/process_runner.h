// ProcessRunner: the seam between code that starts programs (the QEMU driver, capability
// probes) and the operating system, so that code can be unit-tested with the fake in
// fake_process_runner.h. The real runner spawns util::ChildProcess.
#pragma once

#include <memory>

#include "util/child_process.h"

namespace nodevirt::util {

class ProcessRunner {
  public:
    virtual ~ProcessRunner() = default;
    virtual Result<std::unique_ptr<Process>> spawn(const SpawnOptions& options) = 0;
};

class RealProcessRunner final : public ProcessRunner {
  public:
    Result<std::unique_ptr<Process>> spawn(const SpawnOptions& options) override;
};

// A process-wide real runner for callers that are not handed one.
ProcessRunner& realProcessRunner();

}  // namespace nodevirt::util
