// FakeProcessRunner: records every spawn (argv, env, fds), can fail the Nth spawn, and hands
// out FakeProcess objects whose exit the test scripts (exit code, signal, ignoring SIGTERM).
// A hook runs at each spawn (e.g. to start a fake QMP peer on a passed socket), and an
// optional delegate makes it a counting wrapper around a real runner.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "util/process_runner.h"

namespace nodevirt::util {

// How a fake process behaves.
struct FakeBehavior {
    std::optional<ExitStatus> exit_at_spawn;  // exits at once with this status
    bool ignore_sigterm = false;              // like a container init without handlers
};

// Shared between a FakeProcess and the test, which can end the process at any time.
class FakeProcessControl {
  public:
    FakeProcessControl(pid_t pid, FakeBehavior behavior);

    void finish(ExitStatus status);  // the process exits now (no-op if it already has)
    [[nodiscard]] std::optional<ExitStatus> status() const;
    [[nodiscard]] std::vector<int> signals() const;  // every signal sent, in order
    [[nodiscard]] bool released() const;
    [[nodiscard]] pid_t pid() const { return pid_; }

  private:
    friend class FakeProcess;
    Status deliver(int sig);
    Result<ExitStatus> waitFor(std::chrono::milliseconds timeout);

    const pid_t pid_;
    const FakeBehavior behavior_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::optional<ExitStatus> status_;
    std::vector<int> signals_;
    bool released_ = false;
};

class FakeProcess final : public Process {
  public:
    explicit FakeProcess(std::shared_ptr<FakeProcessControl> control);

    [[nodiscard]] pid_t pid() const override { return control_->pid(); }
    [[nodiscard]] int pidfd() const override { return -1; }
    UniqueFd takeStdout() override { return {}; }
    UniqueFd takeStderr() override { return {}; }
    Result<std::optional<ExitStatus>> tryWait() override;
    Result<ExitStatus> wait(std::chrono::milliseconds timeout) override;
    Status kill(int sig) override;
    Result<ExitStatus> terminate(std::chrono::milliseconds grace) override;
    pid_t release() override;

  private:
    std::shared_ptr<FakeProcessControl> control_;
};

class FakeProcessRunner final : public ProcessRunner {
  public:
    // Runs at every spawn after recording it; an error fails that spawn.
    using Hook = std::function<Status(const SpawnOptions&)>;

    Result<std::unique_ptr<Process>> spawn(const SpawnOptions& options) override;

    void failSpawn(size_t nth, Error error);  // 1-based: the nth spawn attempt fails
    void setBehavior(FakeBehavior behavior);  // for later spawns
    void setHook(Hook hook);
    void setDelegate(ProcessRunner* delegate);  // spawn really (after the hook) when set

    [[nodiscard]] size_t spawnCount() const;  // attempts, including failed ones
    [[nodiscard]] std::vector<SpawnOptions> calls() const;
    [[nodiscard]] std::vector<std::vector<std::string>> argvs() const;
    // The control of the i-th (0-based) successful fake spawn; null if out of range.
    [[nodiscard]] std::shared_ptr<FakeProcessControl> control(size_t i) const;

  private:
    mutable std::mutex mu_;
    std::vector<SpawnOptions> calls_;
    std::map<size_t, Error> failures_;
    std::vector<std::shared_ptr<FakeProcessControl>> controls_;
    FakeBehavior behavior_;
    Hook hook_;
    ProcessRunner* delegate_ = nullptr;
    pid_t next_pid_ = 1 << 23;  // above any real pid_max, so a fake pid never names a process
};

}  // namespace nodevirt::util
