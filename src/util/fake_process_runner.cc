#include "util/fake_process_runner.h"

#include <fmt/format.h>

#include <csignal>

namespace nodevirt::util {

using std::chrono::milliseconds;

FakeProcessControl::FakeProcessControl(pid_t pid, FakeBehavior behavior)
    : pid_(pid), behavior_(behavior), status_(behavior.exit_at_spawn) {}

void FakeProcessControl::finish(ExitStatus status) {
    std::lock_guard lock(mu_);
    if (!status_) status_ = status;
    cv_.notify_all();
}

std::optional<ExitStatus> FakeProcessControl::status() const {
    std::lock_guard lock(mu_);
    return status_;
}

std::vector<int> FakeProcessControl::signals() const {
    std::lock_guard lock(mu_);
    return signals_;
}

bool FakeProcessControl::released() const {
    std::lock_guard lock(mu_);
    return released_;
}

Status FakeProcessControl::deliver(int sig) {
    std::lock_guard lock(mu_);
    signals_.push_back(sig);
    if (status_ || sig == 0) return ok();
    // Default actions of the signals a driver sends; SIGTERM may be ignored on request.
    bool fatal = sig == SIGKILL || sig == SIGINT || sig == SIGHUP || sig == SIGQUIT ||
                 (sig == SIGTERM && !behavior_.ignore_sigterm);
    if (fatal) {
        status_ = ExitStatus::fromSignal(sig);
        cv_.notify_all();
    }
    return ok();
}

Result<ExitStatus> FakeProcessControl::waitFor(milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return status_.has_value(); })) {
        return fail(Error::make(
            ErrorCode::kOperationTimeout, ErrorDomain::kNone,
            fmt::format("process {} did not exit within {} ms", pid_, timeout.count())));
    }
    return *status_;
}

FakeProcess::FakeProcess(std::shared_ptr<FakeProcessControl> control)
    : control_(std::move(control)) {}

Result<std::optional<ExitStatus>> FakeProcess::tryWait() { return control_->status(); }

Result<ExitStatus> FakeProcess::wait(milliseconds timeout) { return control_->waitFor(timeout); }

Status FakeProcess::kill(int sig) { return control_->deliver(sig); }

Result<ExitStatus> FakeProcess::terminate(milliseconds grace) {
    NODEVIRT_TRY(kill(SIGTERM));
    auto st = wait(grace);
    if (st) return st;
    NODEVIRT_TRY(kill(SIGKILL));
    return wait(milliseconds(10000));
}

pid_t FakeProcess::release() {
    std::lock_guard lock(control_->mu_);
    control_->released_ = true;
    return control_->pid();
}

Result<std::unique_ptr<Process>> FakeProcessRunner::spawn(const SpawnOptions& options) {
    Hook hook;
    ProcessRunner* delegate = nullptr;
    std::optional<Error> failure;
    {
        std::lock_guard lock(mu_);
        calls_.push_back(options);
        if (auto it = failures_.find(calls_.size()); it != failures_.end()) failure = it->second;
        hook = hook_;
        delegate = delegate_;
    }
    if (failure) return fail(*failure);
    if (options.argv.empty()) return fail(invalidArg("cannot spawn a process with an empty argv"));
    if (hook) NODEVIRT_TRY(hook(options));
    if (delegate) return delegate->spawn(options);
    std::lock_guard lock(mu_);
    auto control = std::make_shared<FakeProcessControl>(next_pid_++, behavior_);
    controls_.push_back(control);
    return std::unique_ptr<Process>(new FakeProcess(std::move(control)));
}

void FakeProcessRunner::failSpawn(size_t nth, Error error) {
    std::lock_guard lock(mu_);
    failures_.insert_or_assign(nth, std::move(error));
}

void FakeProcessRunner::setBehavior(FakeBehavior behavior) {
    std::lock_guard lock(mu_);
    behavior_ = behavior;
}

void FakeProcessRunner::setHook(Hook hook) {
    std::lock_guard lock(mu_);
    hook_ = std::move(hook);
}

void FakeProcessRunner::setDelegate(ProcessRunner* delegate) {
    std::lock_guard lock(mu_);
    delegate_ = delegate;
}

size_t FakeProcessRunner::spawnCount() const {
    std::lock_guard lock(mu_);
    return calls_.size();
}

std::vector<SpawnOptions> FakeProcessRunner::calls() const {
    std::lock_guard lock(mu_);
    return calls_;
}

std::vector<std::vector<std::string>> FakeProcessRunner::argvs() const {
    std::lock_guard lock(mu_);
    std::vector<std::vector<std::string>> out;
    for (const auto& c : calls_) out.push_back(c.argv);
    return out;
}

std::shared_ptr<FakeProcessControl> FakeProcessRunner::control(size_t i) const {
    std::lock_guard lock(mu_);
    return i < controls_.size() ? controls_[i] : nullptr;
}

}  // namespace nodevirt::util
